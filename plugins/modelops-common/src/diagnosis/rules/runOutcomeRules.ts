import { DiagnosisEvidence } from '../../tekton/types';
import { cancelSpecStatuses } from '../../tekton/conditions';
import { DiagnosisFacts, DiagnosisRule, TaskFacts } from '../types';
import {
  captureFromEvidence,
  compact,
  describeWhere,
  listOf,
  matchTexts,
} from '../matchers';

/** Condition reasons that mean a run or task was cancelled or stopped. @public */
export const cancelledReasons: readonly string[] = Object.freeze([
  'Cancelled',
  'PipelineRunCancelled',
  'CancelledRunFinally',
  'StoppedRunFinally',
  'TaskRunCancelled',
]);

/** Condition reasons and messages of a run or task that ran out of time. @public */
export const timeoutReasons: readonly string[] = Object.freeze([
  'PipelineRunTimeout',
  'TaskRunTimeout',
]);

/** @public */
export const timeoutPatterns: readonly RegExp[] = Object.freeze([
  /(PipelineRun|TaskRun) "?[\w.-]+"? failed to finish within "?[\dhms.]+"?/i,
  /pipelinerun .* timed out after/i,
]);

/** @public */
export const pipelineNotFoundPatterns: readonly RegExp[] = Object.freeze([
  /pipelines?(\.tekton\.dev)? "([\w.-]+)" not found/i,
  /Error retrieving pipeline for pipelinerun/i,
  /couldn'?t (get|find) pipeline/i,
]);

/** @public */
export const taskNotFoundPatterns: readonly RegExp[] = Object.freeze([
  /(cluster)?tasks?(\.tekton\.dev)? "([\w.-]+)" not found/i,
  /couldn'?t (retrieve|get|find) (cluster)?task/i,
]);

function conditionEvidence(facts: DiagnosisFacts): DiagnosisEvidence {
  return compact({
    source: 'condition',
    reason: facts.summary.reason,
    message: facts.summary.message,
  });
}

/** Seconds of a Go duration as Tekton writes it (`1h0m0s`, `90m`, `45s`); undefined if unreadable. @public */
export function durationSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match =
    /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(
      value.trim(),
    );
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  return (
    Number(match[1] ?? 0) * 3600 +
    Number(match[2] ?? 0) * 60 +
    Number(match[3] ?? 0)
  );
}

/** Slack between the run's duration and its timeout that still counts as "time ran out". */
const TIMEOUT_SLACK_SECONDS = 60;

/**
 * True when the run ran out of time: Tekton says so, or it ran as long as
 * `spec.timeouts.pipeline` (a finally task started with no time left then fails with
 * whatever it hit first, e.g. `CouldntGetTask`, and hides the timeout).
 * @public
 */
export function runTimedOut(facts: DiagnosisFacts): boolean {
  const { summary } = facts;
  if (
    summary.status === 'TimedOut' ||
    timeoutReasons.includes(summary.reason ?? '') ||
    matchTexts(facts, timeoutPatterns, { sources: ['condition'] }).some(
      e => !e.task,
    )
  ) {
    return true;
  }
  const limit = durationSeconds(summary.timeout);
  // A task that failed on its own before the end is what happened first.
  const failedOnItsOwn = facts.tasks.some(
    t =>
      !t.task.isFinally &&
      t.task.status === 'Failed' &&
      t.stepsRan &&
      !timeoutReasons.includes(t.task.reason ?? ''),
  );
  return (
    !failedOnItsOwn &&
    facts.tasks.some(t => t.stepsRan) &&
    limit !== undefined &&
    limit > 0 &&
    summary.durationSeconds !== undefined &&
    summary.durationSeconds >= limit - TIMEOUT_SLACK_SECONDS
  );
}

function unfinishedTasks(facts: DiagnosisFacts): string[] {
  return facts.tasks
    .filter(
      t =>
        !['Succeeded', 'Failed', 'TimedOut'].includes(t.task.status) &&
        !t.task.skipped,
    )
    .map(t => `\`${t.task.name}\``);
}

/** The run was cancelled or stopped. @public */
export const cancelledRule: DiagnosisRule = {
  code: 'cancelled',
  title: 'The run was cancelled',
  explanation: ({ facts }) => {
    const { summary } = facts;
    const how = summary.specStatus
      ? `\`spec.status\` was set to \`${summary.specStatus}\``
      : `Tekton reports \`${summary.reason ?? 'Cancelled'}\``;
    const by = summary.triggeredBy
      ? ` The run was started by ${summary.triggeredBy}.`
      : '';
    const left = unfinishedTasks(facts);
    return `Nothing in the pipeline broke: ${how}, so Tekton stopped the run${
      left.length ? ` before ${listOf(left)} finished` : ''
    }.${by}`;
  },
  remediation: ({ facts }) =>
    `Start the run again when you are ready (the portal's re-run keeps the same params). If nobody cancelled it by hand, look for automation that patches \`spec.status\`: Pipelines as Code cancels runs in progress when a newer push arrives (\`pipelinesascode.tekton.dev/cancel-in-progress\`)${
      facts.summary.pipelineName
        ? `, and a controller may stop \`${facts.summary.pipelineName}\` runs it considers stale`
        : ''
    }.`,
  match: facts => {
    const { summary } = facts;
    const cancelled =
      summary.status === 'Cancelled' ||
      (summary.reason !== undefined &&
        cancelledReasons.includes(summary.reason) &&
        summary.status !== 'Succeeded') ||
      (summary.specStatus !== undefined &&
        cancelSpecStatuses.includes(summary.specStatus) &&
        summary.status !== 'Succeeded');
    if (!cancelled) {
      return undefined;
    }
    const evidence: DiagnosisEvidence[] = [conditionEvidence(facts)];
    if (summary.specStatus) {
      evidence.push({
        source: 'condition',
        message: `spec.status: ${summary.specStatus}`,
      });
    }
    for (const { task } of facts.tasks) {
      if (task.status === 'Cancelled' || task.status === 'Running') {
        evidence.push({
          source: 'condition',
          task: task.name,
          reason: task.reason,
          message:
            task.message ??
            `${task.name} was ${
              task.status === 'Running' ? 'running' : 'cancelled'
            } when the run stopped`,
        });
      }
    }
    return evidence;
  },
};

/** The Pipeline the run refers to does not exist. @public */
export const pipelineNotFoundRule: DiagnosisRule = {
  code: 'pipeline-not-found',
  title: 'The pipeline does not exist',
  explanation: ({ facts, evidence }) => {
    const name =
      captureFromEvidence(
        evidence,
        /pipelines?(?:\.tekton\.dev)? "([\w.-]+)" not found/i,
      ) ?? facts.summary.pipelineName;
    return `Tekton could not load Pipeline \`${name ?? '(unnamed)'}\`${
      facts.summary.namespace
        ? ` in namespace \`${facts.summary.namespace}\``
        : ''
    } (\`spec.pipelineRef\`), so no task ran.`;
  },
  remediation: ({ facts }) =>
    `Apply the Pipeline to namespace \`${
      facts.summary.namespace || '<namespace>'
    }\` (\`oc apply -n ${
      facts.summary.namespace || '<namespace>'
    } -f pipeline.yaml\`), or correct \`spec.pipelineRef.name\`${
      facts.summary.pipelineName
        ? ` (now \`${facts.summary.pipelineName}\`)`
        : ''
    }. With a resolver (git, bundles, hub), check the URL, revision and path params of \`spec.pipelineRef.params\`.`,
  match: facts => {
    if (facts.summary.reason === 'CouldntGetPipeline') {
      return [conditionEvidence(facts)];
    }
    const found = matchTexts(facts, pipelineNotFoundPatterns, {
      sources: ['condition'],
    }).filter(e => !e.task);
    return found.length ? found : undefined;
  },
};

/** A Task (or ClusterTask) the pipeline refers to does not exist. @public */
export const taskNotFoundRule: DiagnosisRule = {
  code: 'task-not-found',
  title: 'A task definition does not exist',
  explanation: ({ facts, evidence }) => {
    const name = captureFromEvidence(
      evidence,
      /(?:cluster)?tasks?(?:\.tekton\.dev)? "([\w.-]+)" not found/i,
    );
    const cluster = evidence.some(e => /clustertask/i.test(e.message ?? ''));
    return `Tekton could not load ${cluster ? 'ClusterTask' : 'Task'} ${
      name ? `\`${name}\`` : 'referenced by the pipeline'
    }${
      facts.summary.pipelineName
        ? ` in Pipeline \`${facts.summary.pipelineName}\``
        : ''
    }, so the run failed before ${
      name ? 'that task' : 'its tasks'
    } could start.`;
  },
  remediation: ({ facts }) =>
    `Install the missing Task in namespace \`${
      facts.summary.namespace || '<namespace>'
    }\`, or fix the \`taskRef\` in the Pipeline. ClusterTasks were removed in OpenShift Pipelines 1.17: refer to the shipped tasks with the cluster resolver (\`taskRef: { resolver: cluster, params: [{name: kind, value: task}, {name: name, value: <task>}, {name: namespace, value: openshift-pipelines}] }\`).`,
  match: facts => {
    // A finally task that could not start because the time was up is not the cause.
    if (runTimedOut(facts)) {
      return undefined;
    }
    const byReason = [facts.summary, ...facts.tasks.map(t => t.task)].some(
      s => s.reason === 'CouldntGetTask',
    );
    const found = matchTexts(facts, taskNotFoundPatterns, {
      sources: ['condition'],
    });
    if (found.length) {
      return found;
    }
    return byReason ? [conditionEvidence(facts)] : undefined;
  },
};

function isTimedOutTask(task: TaskFacts): boolean {
  return (
    task.task.status === 'TimedOut' ||
    timeoutReasons.includes(task.task.reason ?? '')
  );
}

/** Tasks that timed out (or were stopped by the run's timeout) without a step ever starting. */
function neverRanTasks(facts: DiagnosisFacts): TaskFacts[] {
  return facts.tasks.filter(
    t =>
      !t.stepsRan &&
      !t.task.skipped &&
      (isTimedOutTask(t) ||
        (runTimedOut(facts) &&
          ['Cancelled', 'Running', 'Pending'].includes(t.task.status) &&
          !t.task.isFinally)),
  );
}

/** The run or a task ran out of time. @public */
export const timeoutRule: DiagnosisRule = {
  code: 'timeout',
  title: ({ facts }) =>
    neverRanTasks(facts).length
      ? 'The run timed out waiting for a task that never started'
      : 'The run took longer than its timeout',
  explanation: ({ facts, evidence }) => {
    const never = neverRanTasks(facts);
    const timedOut = facts.tasks.filter(
      t => isTimedOutTask(t) && !never.includes(t),
    );
    const stopped = facts.tasks.filter(
      t =>
        ['Cancelled', 'Running'].includes(t.task.status) && !never.includes(t),
    );
    const limit = facts.summary.timeout
      ? ` The run's timeout is \`${facts.summary.timeout}\`.`
      : '';
    if (never.length) {
      const why = never
        .flatMap(t => [
          ...t.events
            .filter(e => e.type === 'Warning')
            .map(e => `${e.reason}: ${e.message ?? ''}`.trim()),
          ...(t.task.pod?.conditions ?? []).map(c =>
            `${c.type}=${c.status ?? '?'} ${c.reason ?? ''} ${
              c.message ?? ''
            }`.trim(),
          ),
        ])
        .slice(0, 2);
      return `Task ${listOf(
        never.map(t => `\`${t.task.name}\``),
      )} never ran: no step started, its pod was not scheduled, admitted or started${
        why.length
          ? ` (${why.join('; ')})`
          : ' (no event or pod condition was recorded)'
      }, and Tekton stopped it when the time ran out.${limit} Raising the timeout would not help.`;
    }
    let where = 'The run timed out';
    if (timedOut.length) {
      where = `Task ${listOf(
        timedOut.map(t => `\`${t.task.name}\``),
      )} timed out after its steps had started`;
    } else if (stopped.length) {
      where = `The run timed out while ${listOf(
        stopped.map(t => `\`${t.task.name}\``),
      )} ${stopped.length > 1 ? 'were' : 'was'} still running`;
    } else if (evidence.some(e => e.task)) {
      where = `The run timed out (${describeWhere(evidence)})`;
    }
    const took =
      facts.summary.durationSeconds !== undefined
        ? ` It ran for ${Math.round(facts.summary.durationSeconds / 60)} min.`
        : '';
    const finallyMissing = facts.tasks.some(
      t => t.task.isFinally && t.task.reason === 'CouldntGetTask',
    );
    return `${where}: Tekton stopped it when the time ran out.${limit}${took}${
      finallyMissing || facts.summary.reason === 'CouldntGetTask'
        ? ' A finally task then started with no time left and could not get its Task; that is a consequence, not the cause.'
        : ''
    } A full fp16 ModelCar build can take up to 2 hours and its archive 14 GB or more.`;
  },
  remediation: ({ facts }) => {
    if (neverRanTasks(facts).length) {
      const ns = facts.summary.namespace || '<namespace>';
      return `Find out why the pod did not start: \`oc get events -n ${ns} --field-selector involvedObject.kind=Pod\` (FailedScheduling, FailedMount, FailedCreate), the TaskRun's condition, the namespace quota, and free GPUs or nodes. Fix that, then re-run; the timeout is not too short.`;
    }
    return `Raise \`spec.timeouts.pipeline\`${
      facts.summary.timeout ? ` (now \`${facts.summary.timeout}\`)` : ''
    } on the PipelineRun (v1beta1: \`spec.timeout\`), and \`spec.timeouts.tasks\` or the task's \`timeout\` in the Pipeline if one task needs longer; keep \`spec.timeouts.finally\` for the finally tasks; for large models use a quantized variant or a node with faster storage.`;
  },
  match: facts => {
    const { summary } = facts;
    const evidence: DiagnosisEvidence[] = [];
    if (runTimedOut(facts)) {
      evidence.push(conditionEvidence(facts));
      if (
        summary.status !== 'TimedOut' &&
        !timeoutReasons.includes(summary.reason ?? '')
      ) {
        evidence.push({
          source: 'condition',
          message: `ran ${Math.round(
            (summary.durationSeconds ?? 0) / 60,
          )} min of its ${summary.timeout} timeout`,
        });
      }
    }
    for (const task of facts.tasks) {
      if (isTimedOutTask(task)) {
        evidence.push(
          compact({
            source: 'condition',
            task: task.task.name,
            reason: task.task.reason,
            message: `${task.task.message ?? ''}${
              task.stepsRan ? '' : ' (no step ever started)'
            }`.trim(),
          }),
        );
      }
    }
    return evidence.length ? evidence : undefined;
  },
};
