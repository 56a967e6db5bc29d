import { Diagnosis, DiagnosisEvidence } from '../tekton/types';
import { bound } from '../tekton/objectReaders';
import { parseTerminationMessageResults } from '../tekton/digests';
import { DiagnosisFacts } from './types';
import {
  compact,
  describeWhere,
  MAX_EVIDENCE,
  MAX_EVIDENCE_LINES,
  MAX_EVIDENCE_TEXT,
} from './matchers';

/** Lines that read like an error, whatever the tool. */
const ERROR_LOOKING =
  /\b(error|err|fatal|failed|failure|exception|traceback|panic|denied|refused|forbidden|unauthori[sz]ed|not found|no such|cannot|can't|could not|couldn't|invalid|timed? ?out|killed|abort(ed)?|exit(ed)? (code|status) [1-9])\b|^E\d{4} |level=(error|fatal)/i;
const NOT_AN_ERROR =
  /\b0 errors?\b|\berrors?: 0\b|\bno errors?\b|--?ignore-errors?/i;

/** The most telling lines of a failed step: its last error-looking lines (or its last lines). @public */
export function tellingLines(lines: string[]): string[] {
  const nonEmpty = lines.filter(l => l.trim() !== '');
  const errors = nonEmpty.filter(
    l => ERROR_LOOKING.test(l) && !NOT_AN_ERROR.test(l),
  );
  const chosen = errors.length ? errors : nonEmpty;
  return chosen
    .slice(-MAX_EVIDENCE_LINES)
    .map(l => bound(l, MAX_EVIDENCE_TEXT));
}

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
      const lastLines = tellingLines(logLines);
      // Tekton's results array (`[{"key":"StartedAt",...}]`) in the termination message says nothing.
      const said = parseTerminationMessageResults(step.message)
        ? undefined
        : step.message;
      evidence.push(
        compact({
          source: lastLines.length ? 'log' : 'termination',
          task: task.task.name,
          step: step.name,
          exitCode: step.exitCode,
          reason: step.reason,
          message: said ?? task.task.message,
          logLines: lastLines.length ? lastLines : undefined,
        }),
      );
    }
  }
  for (const task of facts.failedTasks) {
    const warning = [...task.events].reverse().find(e => e.type === 'Warning');
    if (warning) {
      evidence.push(
        compact({
          source: 'event',
          task: task.task.name,
          reason: warning.reason,
          message: warning.message,
        }),
      );
    }
  }
  if (
    ((facts.summary.reason && facts.summary.reason !== 'Failed') ||
      evidence.length === 0) &&
    !evidence.some(e => e.source === 'condition' && !e.task)
  ) {
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
  const command = first.task
    ? `\`oc logs -n ${facts.summary.namespace || '<namespace>'} ${
        facts.failedTasks[0]?.task.podName ?? '<pod>'
      }${first.step ? ` -c step-${first.step}` : ''}\``
    : undefined;
  // Point at log lines only when the evidence holds some: logs not read (or empty) show none.
  const shown = evidence.slice(0, MAX_EVIDENCE);
  let read: string;
  if (shown.some(e => e.logLines?.length)) {
    read = `Read the step's last log lines below${
      command ? ` (or ${command})` : ''
    }`;
  } else if (command) {
    read = `Open the failed step's log (under Logs, or ${command})`;
  } else {
    read = `Look at the run's conditions and events (\`oc describe pipelinerun -n ${
      facts.summary.namespace || '<namespace>'
    } ${facts.summary.name}\`)`;
  }
  return {
    code: UNKNOWN_DIAGNOSIS_CODE,
    title: 'The run failed for a reason not recognised',
    explanation: `No known failure pattern matched. ${
      first.task
        ? `It failed in ${describeWhere(evidence)}`
        : `Tekton reports \`${facts.summary.reason ?? facts.summary.status}\``
    }${detail ? `: ${detail}` : '.'}`,
    remediation: `${read}. If this failure comes back, add it to the failure-cause knowledge base (\`modelops.diagnosis.causes\` in app-config; "Copy as failure cause" gives a ready entry) or as a code rule through the ModelOps node extension point, so the portal explains it next time.`,
    evidence: shown,
  };
}
