import { Diagnosis, DiagnosisEvidence } from '../tekton/types';
import { bound } from '../tekton/objectReaders';
import { DiagnosisFacts } from './types';
import {
  compact,
  describeWhere,
  MAX_EVIDENCE,
  MAX_EVIDENCE_LINES,
  MAX_EVIDENCE_TEXT,
} from './matchers';

/** Code of the diagnosis given when no rule matches a failed run. @public */
export const UNKNOWN_DIAGNOSIS_CODE = 'unknown';

/**
 * The diagnosis for a failed run no rule explains: the raw facts (failed task, step,
 * exit code, messages, last log lines) so a person can take it from there.
 * @public
 */
export function unknownDiagnosis(facts: DiagnosisFacts): Diagnosis {
  const evidence: DiagnosisEvidence[] = [];
  for (const task of facts.failedTasks) {
    const steps = task.failedSteps.length ? task.failedSteps : [];
    if (steps.length === 0) {
      evidence.push(
        compact({
          source: task.task.pod?.reason ? 'pod' : 'condition',
          task: task.task.name,
          reason: task.task.reason ?? task.task.pod?.reason,
          message: task.task.message ?? task.task.pod?.message,
        }),
      );
      continue;
    }
    for (const { step, logLines } of steps) {
      const lastLines = logLines
        .filter(l => l.trim() !== '')
        .slice(-MAX_EVIDENCE_LINES)
        .map(l => bound(l, MAX_EVIDENCE_TEXT));
      evidence.push(
        compact({
          source: lastLines.length ? 'log' : 'termination',
          task: task.task.name,
          step: step.name,
          exitCode: step.exitCode,
          reason: step.reason,
          message: step.message ?? task.task.message,
          logLines: lastLines.length ? lastLines : undefined,
        }),
      );
    }
  }
  if (evidence.length === 0) {
    evidence.push(
      compact({
        source: 'condition',
        reason: facts.summary.reason,
        message: facts.summary.message,
      }),
    );
  }
  const first = evidence[0];
  const detail = (first.message ?? first.reason)?.trim();
  return {
    code: UNKNOWN_DIAGNOSIS_CODE,
    title: 'The run failed for a reason not recognised',
    explanation: `No known failure pattern matched. ${
      first.task
        ? `It failed in ${describeWhere(evidence)}`
        : `Tekton reports \`${facts.summary.reason ?? facts.summary.status}\``
    }${detail ? `: ${detail}` : '.'}`,
    remediation: `Read the step's last log lines below${
      first.task
        ? ` (or \`oc logs -n ${facts.summary.namespace || '<namespace>'} ${
            facts.failedTasks[0]?.task.podName ?? '<pod>'
          }${first.step ? ` -c step-${first.step}` : ''}\`)`
        : ''
    }. If this failure comes back, add a diagnosis rule for it through the ModelOps node extension point so the portal explains it next time.`,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}
