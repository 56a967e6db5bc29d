import { DiagnosisEvidence } from '../tekton/types';
import { bound } from '../tekton/objectReaders';
import { DiagnosisFacts, TaskFacts, TextFact } from './types';

/** Most log lines kept in one piece of evidence. @public */
export const MAX_EVIDENCE_LINES = 10;
/** Longest log line or message kept in evidence. @public */
export const MAX_EVIDENCE_TEXT = 500;
/** Most pieces of evidence in one diagnosis. @public */
export const MAX_EVIDENCE = 8;

/** Options of `matchTexts`. @public */
export interface MatchTextsOptions {
  /** `failed` (default): only the run's own messages and failed tasks. `all`: every task. */
  scope?: 'failed' | 'all';
  /** Only these sources. */
  sources?: ReadonlyArray<TextFact['source']>;
  /** Only texts of tasks this accepts (run-level texts have no task and are kept unless `taskOnly`). */
  task?: (task: TaskFacts) => boolean;
  /** Skip run-level texts. */
  taskOnly?: boolean;
  /** A text must also match one of these (e.g. a path, a host). */
  alsoMatching?: readonly RegExp[];
  /** Texts matching one of these are ignored. */
  unless?: readonly RegExp[];
}

/** True when the text matches any of the patterns. @public */
export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  // Indexed loops here and in matchTexts: every rule runs them for every failed run, mostly
  // before V8 optimizes them, and a for-of then allocates a result object per element.
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i];
    // Patterns are shared data: a global flag must not carry state between calls.
    pattern.lastIndex = 0;
    if (pattern.test(text)) return true;
  }
  return false;
}

/**
 * Finds the texts (messages and log lines) that match any of the patterns and groups
 * them into evidence: one piece per source, task and step, with the matched log lines.
 * @public
 */
export function matchTexts(
  facts: DiagnosisFacts,
  patterns: readonly RegExp[],
  options: MatchTextsOptions = {},
): DiagnosisEvidence[] {
  const scope = options.scope ?? 'failed';
  // Every rule calls this for every run: nothing is built until a text needs it.
  let taskFacts: Map<string, TaskFacts> | undefined;
  let groups: Map<string, DiagnosisEvidence> | undefined;
  const texts = facts.texts;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (scope === 'failed' && !text.failed) continue;
    if (options.sources && !options.sources.includes(text.source)) continue;
    if (text.task === undefined && options.taskOnly) continue;
    if (text.task !== undefined && options.task) {
      taskFacts ??= new Map(facts.tasks.map(t => [t.task.name, t] as const));
      const task = taskFacts.get(text.task);
      if (!task || !options.task(task)) continue;
    }
    if (!matchesAny(text.text, patterns)) continue;
    if (options.alsoMatching && !matchesAny(text.text, options.alsoMatching))
      continue;
    if (options.unless && matchesAny(text.text, options.unless)) continue;
    groups ??= new Map();
    addEvidence(groups, text);
  }
  return groups ? [...groups.values()].slice(0, MAX_EVIDENCE) : [];
}

function addEvidence(groups: Map<string, DiagnosisEvidence>, text: TextFact) {
  const key = `${text.source}\u0000${text.task ?? ''}\u0000${text.step ?? ''}`;
  const existing = groups.get(key);
  const line = bound(text.text.trim(), MAX_EVIDENCE_TEXT);
  if (text.source === 'log') {
    if (existing) {
      if ((existing.logLines?.length ?? 0) < MAX_EVIDENCE_LINES) {
        existing.logLines = [...(existing.logLines ?? []), line];
      }
      return;
    }
    groups.set(
      key,
      compact({
        source: 'log',
        task: text.task,
        step: text.step,
        exitCode: text.exitCode,
        logLines: [line],
      }),
    );
    return;
  }
  if (existing) {
    return;
  }
  groups.set(
    key,
    compact({
      source: text.source,
      task: text.task,
      step: text.step,
      exitCode: text.exitCode,
      reason: text.reason,
      message: line,
    }),
  );
}

/** Drops undefined fields so evidence stays small and compares cleanly. @public */
export function compact(evidence: DiagnosisEvidence): DiagnosisEvidence {
  const out = { ...evidence } as Record<string, unknown>;
  if (typeof out.message === 'string') {
    out.message = out.message.trim() || undefined;
  }
  for (const key of Object.keys(out)) {
    if (out[key] === undefined) {
      delete out[key];
    }
  }
  return out as unknown as DiagnosisEvidence;
}

/** The first capture group of the first pattern that matches any evidence text. @public */
export function captureFromEvidence(
  evidence: DiagnosisEvidence[],
  pattern: RegExp,
): string | undefined {
  for (const item of evidence) {
    for (const text of [item.message, ...(item.logLines ?? [])]) {
      const match = text ? pattern.exec(text) : null;
      if (match?.[1]) {
        return match[1];
      }
    }
  }
  return undefined;
}

/** "step `push` of task `push-to-internal` (exit code 1)", from the first evidence with a task. @public */
export function describeWhere(evidence: DiagnosisEvidence[]): string {
  const item = evidence.find(e => e.task) ?? evidence[0];
  if (!item?.task) {
    return 'the run';
  }
  const parts = [
    item.step
      ? `step \`${item.step}\` of task \`${item.task}\``
      : `task \`${item.task}\``,
  ];
  if (item.exitCode !== undefined) {
    parts.push(`(exit code ${item.exitCode})`);
  }
  return parts.join(' ');
}

/** The text with its first letter in upper case, to start a sentence. @public */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Names of the tasks in the evidence, in order, without repeats. @public */
export function evidenceTasks(evidence: DiagnosisEvidence[]): string[] {
  return [
    ...new Set(evidence.map(e => e.task).filter((t): t is string => !!t)),
  ];
}

/** The name of the param holding a value, e.g. `hf-repo` for `mistralai/Mistral-7B`. @public */
export function paramNameOf(
  facts: DiagnosisFacts,
  value: string | undefined,
): string | undefined {
  if (!value) {
    return undefined;
  }
  return Object.entries(facts.summary.params ?? {}).find(
    ([, v]) => v === value,
  )?.[0];
}

/** Params whose name matches a pattern, formatted `name=value` (values of secrets never appear in params). @public */
export function paramsMatching(
  facts: DiagnosisFacts,
  pattern: RegExp,
): string[] {
  return Object.entries(facts.summary.params ?? {})
    .filter(([name]) => pattern.test(name))
    .map(([name, value]) => `\`${name}=${value}\``);
}

/** Formats a list as "a, b and c". @public */
export function listOf(items: string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The field path of the run's pod template: v1 and v1beta1 keep it in different places. @public */
export function podTemplatePath(facts: DiagnosisFacts): string {
  return facts.summary.apiVersion === 'tekton.dev/v1beta1'
    ? 'spec.podTemplate'
    : 'spec.taskRunTemplate.podTemplate';
}

/** The field path of the run's service account (v1 or v1beta1). @public */
export function serviceAccountPath(facts: DiagnosisFacts): string {
  return facts.summary.apiVersion === 'tekton.dev/v1beta1'
    ? 'spec.serviceAccountName'
    : 'spec.taskRunTemplate.serviceAccountName';
}
