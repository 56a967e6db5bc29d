import { stringify } from 'yaml';
import { Diagnosis, DiagnosisEvidence } from '../tekton/types';
import { DiagnosisRule, TaskFacts } from './types';
import { compact, MAX_EVIDENCE_LINES } from './matchers';

/**
 * What a failure cause of the knowledge base matches. Every given field must hold for the
 * same failed task (and step); at least one field is required.
 * @public
 */
export interface FailureCauseMatch {
  /** Pipeline task name, Task name (`taskRef`) or stage (`download`, `build`, ...). */
  task?: string;
  /** Step name (without the `step-` container prefix). */
  step?: string;
  /** Exit code of a failed step. */
  exitCode?: number;
  /** Reason of the task's (or run's) condition, or of a pod condition, e.g. `PodAdmissionFailed`. */
  conditionReason?: string;
  /** Reason of a Kubernetes Event of the task's pod, e.g. `FailedScheduling`. */
  eventReason?: string;
  /** Regular expression (JavaScript syntax) matched against each log line and message of the task. */
  logPattern?: string;
}

/** A failure cause users add in `modelops.diagnosis.causes`. @public */
export interface FailureCause {
  id: string;
  title: string;
  explanation: string;
  fix: string;
  /** The team's runbook for this cause. */
  link?: string;
  match: FailureCauseMatch;
}

const CAUSE_KEYS = ['id', 'title', 'explanation', 'fix', 'link', 'match'];
const MATCH_KEYS: Array<keyof FailureCauseMatch> = [
  'task',
  'step',
  'exitCode',
  'conditionReason',
  'eventReason',
  'logPattern',
];

/** A knowledge-base entry that cannot be used; the message names the entry and field. @public */
export class FailureCauseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FailureCauseConfigError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the knowledge base as read from config (`modelops.diagnosis.causes`). Throws a
 * `FailureCauseConfigError` naming the entry index and field of the first problem: an
 * unknown key, a missing or empty text, a regular expression that does not compile, a
 * duplicate id, an empty `match`.
 * @public
 */
export function parseFailureCauses(
  raw: unknown,
  where = 'modelops.diagnosis.causes',
): FailureCause[] {
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    throw new FailureCauseConfigError(`${where} must be a list of causes`);
  }
  const ids = new Set<string>();
  return raw.map((entry, index) => {
    const at = `${where}[${index}]`;
    if (!isRecord(entry)) {
      throw new FailureCauseConfigError(`${at} must be an object`);
    }
    for (const key of Object.keys(entry)) {
      if (!CAUSE_KEYS.includes(key)) {
        throw new FailureCauseConfigError(
          `${at}.${key} is not a known field (known: ${CAUSE_KEYS.join(', ')})`,
        );
      }
    }
    const text = (field: string, required: boolean) => {
      const value = entry[field];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        throw new FailureCauseConfigError(
          `${at}.${field} is required and must be a non-empty string`,
        );
      }
      return value.trim();
    };
    const id = text('id', true)!;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      throw new FailureCauseConfigError(
        `${at}.id "${id}" must be lower-case letters, digits and dashes`,
      );
    }
    if (ids.has(id)) {
      throw new FailureCauseConfigError(`${at}.id "${id}" is used twice`);
    }
    ids.add(id);
    const link = text('link', false);
    if (link && !/^https?:\/\//.test(link)) {
      throw new FailureCauseConfigError(`${at}.link must be an http(s) URL`);
    }
    const match = entry.match;
    if (!isRecord(match)) {
      throw new FailureCauseConfigError(
        `${at}.match is required and must be an object with at least one of ${MATCH_KEYS.join(
          ', ',
        )}`,
      );
    }
    const parsed: FailureCauseMatch = {};
    for (const [key, value] of Object.entries(match)) {
      const field = `${at}.match.${key}`;
      if (!MATCH_KEYS.includes(key as keyof FailureCauseMatch)) {
        throw new FailureCauseConfigError(
          `${field} is not a known field (known: ${MATCH_KEYS.join(', ')})`,
        );
      }
      if (key === 'exitCode') {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          throw new FailureCauseConfigError(`${field} must be an integer`);
        }
        parsed.exitCode = value;
        continue;
      }
      if (typeof value !== 'string' || value === '') {
        throw new FailureCauseConfigError(
          `${field} must be a non-empty string`,
        );
      }
      if (key === 'logPattern') {
        try {
          // eslint-disable-next-line no-new
          new RegExp(value);
        } catch (error) {
          throw new FailureCauseConfigError(
            `${field} is not a valid regular expression: ${
              (error as Error).message
            }`,
          );
        }
      }
      (parsed as Record<string, string>)[key] = value;
    }
    if (Object.keys(parsed).length === 0) {
      throw new FailureCauseConfigError(
        `${at}.match needs at least one of ${MATCH_KEYS.join(', ')}`,
      );
    }
    return {
      id,
      title: text('title', true)!,
      explanation: text('explanation', true)!,
      fix: text('fix', true)!,
      ...(link ? { link } : {}),
      match: parsed,
    };
  });
}

function taskMatches(task: TaskFacts, name: string): boolean {
  return (
    task.task.name === name ||
    task.task.taskRef === name ||
    task.task.stage === name
  );
}

/**
 * Turns a knowledge-base cause into a rule (source `config`). It matches a failed task
 * for which every field of `match` holds; the evidence is what matched.
 * @public
 */
export function failureCauseRule(cause: FailureCause): DiagnosisRule {
  const pattern = cause.match.logPattern
    ? new RegExp(cause.match.logPattern)
    : undefined;
  const { match } = cause;
  return {
    code: cause.id,
    source: 'config',
    link: cause.link,
    title: cause.title,
    explanation: cause.explanation,
    remediation: cause.fix,
    match: facts => {
      for (const task of facts.failedTasks) {
        if (match.task && !taskMatches(task, match.task)) continue;
        const evidence: DiagnosisEvidence[] = [];
        const steps = task.steps.filter(
          s =>
            (!match.step || s.step.name === match.step) &&
            (match.exitCode === undefined ||
              s.step.exitCode === match.exitCode),
        );
        if ((match.step || match.exitCode !== undefined) && !steps.length) {
          continue;
        }
        if (match.conditionReason) {
          const reasons = [
            task.task.reason,
            facts.summary.reason,
            ...(task.task.pod?.conditions ?? []).map(c => c.reason),
          ];
          if (!reasons.includes(match.conditionReason)) continue;
          evidence.push(
            compact({
              source: 'condition',
              task: task.task.name,
              reason: match.conditionReason,
              message: task.task.message,
            }),
          );
        }
        if (match.eventReason) {
          const event = task.events.find(e => e.reason === match.eventReason);
          if (!event) continue;
          evidence.push(
            compact({
              source: 'event',
              task: task.task.name,
              reason: event.reason,
              message: event.message,
            }),
          );
        }
        if (pattern) {
          const names = new Set(steps.map(s => s.step.name));
          const lines = facts.texts
            .filter(
              t =>
                t.task === task.task.name &&
                (!match.step || !t.step || names.has(t.step)) &&
                pattern.test(t.text),
            )
            .slice(0, MAX_EVIDENCE_LINES);
          if (!lines.length) continue;
          evidence.push(
            compact({
              source: 'log',
              task: task.task.name,
              step: lines[0].step,
              exitCode: lines[0].exitCode,
              logLines: lines.map(l => l.text),
            }),
          );
        }
        if (evidence.length === 0) {
          const step = steps[0]?.step ?? task.failedSteps[0]?.step;
          evidence.push(
            compact({
              source: 'termination',
              task: task.task.name,
              step: step?.name,
              exitCode: step?.exitCode,
              reason: step?.reason ?? task.task.reason,
              message: step?.message ?? task.task.message,
            }),
          );
        }
        return evidence;
      }
      return undefined;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Digits, hashes, hex ids and timestamps vary between runs: the pattern keeps the words. */
function generalise(line: string): string {
  const trimmed = line.trim().slice(0, 200);
  return escapeRegExp(trimmed)
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g, '.*')
    .replace(/(sha256:)?[0-9a-f]{12,}/g, '[0-9a-f]+')
    .replace(/\d+/g, '\\d+');
}

/**
 * A knowledge-base entry drafted from a diagnosis the rules could not explain: match on
 * the task, step, exit code, reasons, and the most telling line as an escaped pattern
 * (numbers, hashes and timestamps generalised); placeholder texts to edit.
 * @public
 */
export function draftFailureCause(diagnosis: Diagnosis): FailureCause {
  const first =
    diagnosis.evidence.find(e => e.task && (e.logLines?.length || e.step)) ??
    diagnosis.evidence.find(e => e.task) ??
    diagnosis.evidence[0];
  const event = diagnosis.evidence.find(e => e.source === 'event');
  const condition = diagnosis.evidence.find(
    e => e.source === 'condition' && e.reason,
  );
  const line =
    first?.logLines?.[first.logLines.length - 1] ?? first?.message ?? undefined;
  const match: FailureCauseMatch = {};
  if (first?.task) match.task = first.task;
  if (first?.step) match.step = first.step;
  if (first?.exitCode !== undefined) match.exitCode = first.exitCode;
  if (condition?.reason && !['Failed', 'Error'].includes(condition.reason)) {
    match.conditionReason = condition.reason;
  }
  if (event?.reason) match.eventReason = event.reason;
  if (line) match.logPattern = generalise(line);
  return {
    id: `${first?.task ?? 'run'}-${first?.step ?? 'failure'}`
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-'),
    title: 'Describe the cause in one line',
    explanation: 'What happened and why (seen first on this run).',
    fix: 'What to change.',
    link: 'https://runbooks.example.com/modelops/<page>',
    match,
  };
}

/**
 * `draftFailureCause` as a ready-to-paste YAML entry for `modelops.diagnosis.causes`.
 * @public
 */
export function failureCauseSnippet(diagnosis: Diagnosis): string {
  const cause = draftFailureCause(diagnosis);
  return `# Add under modelops.diagnosis.causes in app-config.yaml\n${stringify(
    [cause],
    { lineWidth: 0 },
  )}`;
}
