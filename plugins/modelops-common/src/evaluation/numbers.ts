/*
 * Small helpers shared by the evaluation readers. Not exported from the package.
 */

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A finite number from a number or a numeric string; undefined for NaN, Infinity, "N/A", null, anything else. */
export function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

/** True for a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rounds so that percent conversions and unit changes do not show as 79.60000000000001. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** How a value that is not a number reads in a problem: `NaN`, `"N/A"`, `null`, `missing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Strips a byte order mark some tools write at the start of a file. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Keeps a problem list readable: a results file with thousands of NaN values should not bury the
 * first problems under the rest.
 */
export function capProblems(problems: string[], max = 50): string[] {
  if (problems.length <= max) return problems;
  return [
    ...problems.slice(0, max),
    `… and ${problems.length - max} more problems`,
  ];
}

/** ISO 8601 of a unix time in seconds (lm-eval `date`, guidellm `start_time`); undefined when out of range. */
export function isoFromEpochSeconds(value: unknown): string | undefined {
  const seconds = finiteNumber(value);
  if (seconds === undefined || seconds <= 0) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
