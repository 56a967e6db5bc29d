import { parse as parseYaml } from 'yaml';
import { parseLmEvalResults } from './lmEvalResults';
import { describeValue, isRecord, withoutBom } from './numbers';
import { EvaluationReport } from './types';

/** A TrustyAI `LMEvalJob` (`trustyai.opendatahub.io/v1alpha1`) read for the portal. @public */
export interface LmEvalJobStatus {
  /** `metadata.name`. */
  name?: string;
  /** New, Scheduled, Running, Complete, Cancelled, Suspended (as the operator says). */
  state?: string;
  /** NoReason, Succeeded, Failed, Cancelled. */
  reason?: string;
  message?: string;
  /** `status.completeTime`. */
  completedAt?: string;
  /** The lm-eval results of `status.results`, when there are any (`recognized: false` when unreadable). */
  report?: EvaluationReport;
  problems: string[];
}

const text = (v: unknown) =>
  typeof v === 'string' && v.trim() ? v : undefined;

/** The model the job evaluated, from `spec.modelArgs` (`pretrained` or `model`). */
function specModel(spec: Record<string, unknown>): string | undefined {
  const args = Array.isArray(spec.modelArgs) ? spec.modelArgs : [];
  for (const name of ['pretrained', 'model']) {
    const arg = args.find(a => isRecord(a) && a.name === name);
    if (isRecord(arg) && text(arg.value)) return arg.value as string;
  }
  return undefined;
}

/**
 * Reads a TrustyAI LMEvalJob (object, or its YAML/JSON text): its state and the
 * lm-evaluation-harness results the operator writes into `status.results` as a JSON string,
 * read with {@link parseLmEvalResults} (the report's `source` is `trustyai-lmevaljob`, its `model` the
 * job's `pretrained` model arg when the results do not name one). Never throws: results that are not JSON (the docs show
 * `{ ... }`), a job without status, or another kind of object are named in `problems`.
 * @public
 */
export function parseLmEvalJob(input: unknown): LmEvalJobStatus {
  let job: unknown = input;
  if (typeof input === 'string') {
    try {
      job = parseYaml(withoutBom(input), { maxAliasCount: 100 });
    } catch (error) {
      return {
        problems: [
          `neither YAML nor JSON: ${(error as Error).message.split('\n')[0]}`,
        ],
      };
    }
  }
  if (!isRecord(job))
    return { problems: [`${describeValue(job)} is not an LMEvalJob`] };
  const problems: string[] = [];
  if (job.kind !== undefined && job.kind !== 'LMEvalJob')
    problems.push(`a ${describeValue(job.kind)}, not an LMEvalJob`);
  const out: LmEvalJobStatus = { problems };
  const name = isRecord(job.metadata) ? text(job.metadata.name) : undefined;
  if (name) out.name = name;
  const status = isRecord(job.status) ? job.status : undefined;
  if (!status) {
    if (!problems.length)
      problems.push(
        'the job has no status yet: the operator has not picked it up',
      );
    return out;
  }
  for (const [key, from] of [
    ['state', 'state'],
    ['reason', 'reason'],
    ['message', 'message'],
    ['completedAt', 'completeTime'],
  ] as const) {
    const value = text(status[from]);
    if (value) out[key] = value;
  }
  const results = status.results;
  if (text(results) || isRecord(results)) {
    const report: EvaluationReport = {
      ...parseLmEvalResults(results),
      source: 'trustyai-lmevaljob',
    };
    if (!report.recognized)
      problems.push(
        `status.results could not be read: ${report.problems.join('; ')}`,
      );
    else if (!report.model && isRecord(job.spec)) {
      const model = specModel(job.spec);
      if (model) report.model = model;
    }
    out.report = report;
  } else if (out.state === 'Complete' && out.reason === 'Succeeded') {
    problems.push('the job succeeded but status.results is empty');
  }
  return out;
}
