import { DigestTrail, PipelineStage, TaskSummary } from './types';
import { asArray, asRecord, asString, stringifyValue } from './objectReaders';
import { logLines, LogsByStep, taskLogEntries } from './taskLogs';
import { findDigest, pinnedDigest } from '../imageReference';

/**
 * Task result names that hold an image digest, compared after normalisation
 * (lower case, `_` read as `-`): `IMAGE_DIGEST`, `image-digest`, `digest`.
 * @public
 */
export const digestResultNames: readonly string[] = Object.freeze([
  'image-digest',
  'digest',
]);

/**
 * Task result names that hold an image reference which may carry `@sha256:...`.
 * @public
 */
export const imageUrlResultNames: readonly string[] = Object.freeze([
  'image-url',
  'image-ref',
  'image',
]);

function normalise(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/**
 * The image digest a task reported in its results: a digest result first
 * (`IMAGE_DIGEST`, `image-digest`, `digest`), else an image URL pinned by digest.
 * @public
 */
export function digestFromResults(
  results: Record<string, string>,
): string | undefined {
  // Called for every task, several times per run: no copies of the results.
  const names = Object.keys(results);
  if (names.length === 0) return undefined;
  return (
    firstResult(results, names, digestResultNames, findDigest) ??
    firstResult(results, names, imageUrlResultNames, pinnedDigest)
  );
}

/** The first value `read` accepts of a result named as wanted, in the order of `wanted`. */
function firstResult(
  results: Record<string, string>,
  names: string[],
  wanted: readonly string[],
  read: (value: string) => string | undefined,
): string | undefined {
  for (let w = 0; w < wanted.length; w++) {
    const want = wanted[w];
    for (let n = 0; n < names.length; n++) {
      const name = names[n];
      if (name.length === want.length && normalise(name) === want) {
        const found = read(results[name]);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** Tekton's result type for internal values (StartedAt, ExitCode) in a termination message. */
const INTERNAL_RESULT_TYPE = 3;

/**
 * Results a step wrote into its termination message: Tekton stores them as a JSON array
 * `[{"key":"IMAGE_DIGEST","value":"sha256:...","type":1}]`. Internal entries are skipped.
 * Undefined when the message is not such an array.
 * @public
 */
export function parseTerminationMessageResults(
  message: string | undefined,
): Record<string, string> | undefined {
  if (!message || !message.trimStart().startsWith('[')) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    // A plain-text termination message that happens to start with '['.
    return undefined;
  }
  if (!Array.isArray(parsed)) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const entry of asArray(parsed)) {
    const record = asRecord(entry);
    const key = asString(record?.key);
    if (!record || !key || record.type === INTERNAL_RESULT_TYPE) {
      continue;
    }
    out[key] = stringifyValue(record.value);
  }
  return out;
}

/** The image digest a step reported in its termination message. @public */
export function digestFromTerminationMessage(
  message: string | undefined,
): string | undefined {
  const results = parseTerminationMessageResults(message);
  return results ? digestFromResults(results) : undefined;
}

/** How a digest showed up in a log. @public */
export type LogDigestKind = 'reported' | 'skopeo-inspect' | 'manifest-written';

/** A digest found in a log line. @public */
export interface LogDigest {
  digest: string;
  kind: LogDigestKind;
  /** The line, trimmed. */
  line: string;
  /** 1-based line number within the log given. */
  lineNumber: number;
}

/** Lines within which a bare digest after `Writing manifest to image destination` counts. */
const MANIFEST_WINDOW = 4;

/**
 * Digests a log reports, in order:
 * - `Digest: sha256:...` (oras, `docker push`'s `digest: sha256:... size: N`, scripts),
 * - `"Digest": "sha256:..."` at the top of `skopeo inspect` JSON (layer digests inside
 *   `LayersData` are ignored),
 * - a bare `sha256:...` line shortly after `Writing manifest to image destination`
 *   (skopeo copy or buildah push followed by `cat` of the `--digestfile`).
 * Blob and config lines (`Copying blob sha256:...`) are never taken.
 * @public
 */
export function digestsFromLog(text: string): LogDigest[] {
  const out: LogDigest[] = [];
  let manifestWrittenAt = -Infinity;
  let layersIndent: number | undefined;
  const lines = logLines(text);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (layersIndent !== undefined) {
      if (indent <= layersIndent && /^[\]}]/.test(line)) {
        layersIndent = undefined;
      }
      return;
    }
    if (
      /"(LayersData|Layers)"\s*:\s*\[/.test(line) &&
      !/\]\s*,?\s*$/.test(line)
    ) {
      layersIndent = indent;
      return;
    }
    if (/Writing manifest to image destination/i.test(line)) {
      manifestWrittenAt = index;
      return;
    }
    if (/^Copying (blob|config)\b/i.test(line)) {
      return;
    }
    const inspect = /"Digest"\s*:\s*"(sha256:[a-f0-9]{64})"/.exec(line);
    if (inspect) {
      out.push({
        digest: inspect[1],
        kind: 'skopeo-inspect',
        line,
        lineNumber: index + 1,
      });
      return;
    }
    const reported = /\bdigest:\s*(sha256:[a-f0-9]{64})/i.exec(line);
    if (reported) {
      out.push({
        digest: reported[1],
        kind: 'reported',
        line,
        lineNumber: index + 1,
      });
      return;
    }
    const bare = /^(sha256:[a-f0-9]{64})$/.exec(line);
    if (bare && index - manifestWrittenAt <= MANIFEST_WINDOW) {
      out.push({
        digest: bare[1],
        kind: 'manifest-written',
        line,
        lineNumber: index + 1,
      });
    }
  });
  return out;
}

/** Where a digest of the trail was read. @public */
export interface DigestSource {
  trailField: 'build' | 'pushInternal' | 'pushQuay';
  task: string;
  step?: string;
  digest: string;
  from: 'result' | 'termination' | 'log';
  /** The log line, when read from a log. */
  line?: string;
}

const TRAIL_FIELDS: Partial<Record<PipelineStage, DigestSource['trailField']>> =
  {
    build: 'build',
    'push-internal': 'pushInternal',
    'push-quay': 'pushQuay',
  };

/**
 * Where each digest of a ModelCar run comes from: per stage (build, push-internal,
 * push-quay), the task's result digest, else a step's termination message, else the last
 * digest in the task's logs.
 * @public
 */
export function collectDigestSources(
  tasks: TaskSummary[],
  logs?: LogsByStep,
): DigestSource[] {
  const out: DigestSource[] = [];
  const seen = new Set<string>();
  for (const task of tasks) {
    const field = task.stage ? TRAIL_FIELDS[task.stage] : undefined;
    if (!field || seen.has(field)) {
      continue;
    }
    const source = digestSourceOfTask(task, field, logs);
    if (source) {
      seen.add(field);
      out.push(source);
    }
  }
  return out;
}

function digestSourceOfTask(
  task: TaskSummary,
  trailField: DigestSource['trailField'],
  logs: LogsByStep | undefined,
): DigestSource | undefined {
  const fromResults = digestFromResults(task.results ?? {});
  if (fromResults) {
    return { trailField, task: task.name, digest: fromResults, from: 'result' };
  }
  for (const step of task.steps ?? []) {
    const digest = digestFromTerminationMessage(step.message);
    if (digest) {
      return {
        trailField,
        task: task.name,
        step: step.name,
        digest,
        from: 'termination',
      };
    }
  }
  if (task.digest) {
    return { trailField, task: task.name, digest: task.digest, from: 'result' };
  }
  let last: DigestSource | undefined;
  for (const entry of taskLogEntries(task, logs)) {
    const found = digestsFromLog(entry.text);
    const final = found[found.length - 1];
    if (final) {
      last = {
        trailField,
        task: task.name,
        step: entry.step,
        digest: final.digest,
        from: 'log',
        line: final.line,
      };
    }
  }
  return last;
}

/** True when two known digests differ. @public */
export function isTrailConsistent(
  trail: Omit<DigestTrail, 'consistent'>,
): boolean {
  const known = [trail.build, trail.pushInternal, trail.pushQuay].filter(
    (d): d is string => typeof d === 'string',
  );
  return known.every(d => d === known[0]);
}

/**
 * The digest trail of a ModelCar run from its tasks (and logs, when given).
 * @public
 */
export function buildDigestTrail(
  tasks: TaskSummary[],
  logs?: LogsByStep,
): DigestTrail {
  const trail: Omit<DigestTrail, 'consistent'> = {};
  for (const source of collectDigestSources(tasks, logs)) {
    trail[source.trailField] = source.digest;
  }
  return { ...trail, consistent: isTrailConsistent(trail) };
}
