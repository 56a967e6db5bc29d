/**
 * Tolerant readers for Kubernetes objects we did not write. Every reader returns
 * `undefined` (or an empty collection) for a missing field or a field of the wrong
 * type, so interpreters never throw on odd input.
 */

/** A plain JSON-ish object. */
export type UnknownRecord = Record<string, unknown>;

/** The value if it is a non-array object, else undefined. */
export function asRecord(value: unknown): UnknownRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as UnknownRecord)
    : undefined;
}

/** The value if it is an array, else an empty array. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value if it is a non-empty string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The value if it is a finite number (or a string holding one), else undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

/** The value if it is a boolean, else undefined. */
export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Reads a nested field by path; undefined as soon as a link is missing or not an object. */
export function getPath(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const record = asRecord(current);
    if (!record) {
      return undefined;
    }
    current = record[key];
  }
  return current;
}

/** A string map from an object of labels or annotations; non-string values are dropped. */
export function asStringMap(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const out: Record<string, string> = {};
  if (!record) {
    return out;
  }
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'string') {
      out[key] = v;
    }
  }
  return out;
}

/** Any value as a display string: strings as-is, arrays and objects as JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    // Cyclic or otherwise unserialisable: say so rather than throw.
    return '[unserialisable value]';
  }
}

/** Cuts a string to at most `max` characters, marking the cut. */
export function bound(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Maximum length of a message kept in a summary. */
export const MAX_MESSAGE_CHARS = 4000;

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A timestamp as Kubernetes writes it (RFC 3339, kept as is), or another parseable date
 * converted to an ISO string; undefined when it does not parse.
 */
export function asTimestamp(value: unknown): string | undefined {
  const text = asString(value);
  if (!text) {
    return undefined;
  }
  if (RFC3339.test(text) && !Number.isNaN(Date.parse(text))) {
    return text;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Whole seconds between two ISO timestamps, or undefined. Never negative. */
export function secondsBetween(
  start: string | undefined,
  end: string | undefined,
): number | undefined {
  if (!start || !end) {
    return undefined;
  }
  const diff = Date.parse(end) - Date.parse(start);
  if (Number.isNaN(diff)) {
    return undefined;
  }
  return Math.max(0, Math.round(diff / 1000));
}
