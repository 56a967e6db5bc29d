import { parseLmEvalResults } from './lmEvalResults';
import { isRecord } from './numbers';
import { EvaluationReport } from './types';

/** A TrustyAI `LMEvalJob` (`trustyai.opendatahub.io/v1alpha1`) read for the portal. @public */
export interface LmEvalJobStatus {
  name?: string;
  /** New, Scheduled, Running, Complete, Cancelled (as the operator said). */
  state?: string;
  /** Succeeded, Failed, ... */
  reason?: string;
  message?: string;
  completedAt?: string;
  /** The lm-eval results in `status.results`, when present and readable. */
  report?: EvaluationReport;
  problems: string[];
}

/**
 * Reads a TrustyAI LMEvalJob: its state and the lm-evaluation-harness results the operator puts
 * in `status.results` (a JSON string). Never throws.
 * @public
 */
export function parseLmEvalJob(input: unknown): LmEvalJobStatus {
  if (!isRecord(input)) return { problems: ['not an LMEvalJob object'] };
  const problems: string[] = [];
  const status = isRecord(input.status) ? input.status : undefined;
  if (!status) problems.push('the job has no status yet');
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  let report: EvaluationReport | undefined;
  const results = status?.results;
  if (typeof results === 'string' && results.trim()) {
    report = parseLmEvalResults(results);
    if (!report.recognized) problems.push(`status.results could not be read: ${report.problems.join('; ')}`);
  } else if (isRecord(results)) {
    report = parseLmEvalResults(results);
  }
  return {
    name: isRecord(input.metadata) ? str(input.metadata.name) : undefined,
    state: str(status?.state),
    reason: str(status?.reason),
    message: str(status?.message),
    completedAt: str(status?.completeTime),
    report,
    problems,
  };
}
