import {
  PipelineRunSummary,
  PodStatusSummary,
  StepSummary,
  TaskSummary,
} from '../tekton/types';
import { attachEvents } from '../tekton/interpretEvent';
import { isFailedStatus, isFinalStatus } from '../tekton/conditions';
import {
  buildDigestTrail,
  collectDigestSources,
  isTrailConsistent,
} from '../tekton/digests';
import { interpretPod } from '../tekton/interpretPod';
import { waitingErrorReasons } from '../tekton/interpretTaskRun';
import { logLines, LogsByStep, taskLogEntries } from '../tekton/taskLogs';
import { DiagnosisFacts, StepFacts, TaskFacts, TextFact } from './types';

/**
 * Scheduling messages that mean a pending run will not start without a change; a run
 * showing one is "failing" although Tekton still calls it running.
 * @public
 */
export const blockingMessagePatterns: readonly RegExp[] = Object.freeze([
  /persistentvolumeclaims? \\?"?[\w.-]+\\?"? is being deleted/i,
  /persistentvolumeclaims? \\?"?[\w.-]+\\?"?.*\bterminating\b/i,
]);

function stepIsFailing(step: TaskSummary['steps'][number]): boolean {
  return (
    step.status === 'Failed' ||
    step.status === 'TimedOut' ||
    (step.reason !== undefined && waitingErrorReasons.includes(step.reason)) ||
    step.reason === 'OOMKilled'
  );
}

const STOPPED_STEP_REASONS = ['TaskRunTimeout', 'TaskRunCancelled'];

/**
 * True when the step's container started: it has a start time, is running, or ended on
 * its own. Tekton marks steps that were still waiting when a TaskRun timed out or was
 * cancelled as terminated with reason `TaskRunTimeout`/`TaskRunCancelled` and no start.
 */
function stepRan(step: StepSummary): boolean {
  if (step.startedAt || step.status === 'Running') {
    return true;
  }
  if (step.reason && STOPPED_STEP_REASONS.includes(step.reason)) {
    return false;
  }
  if (step.reason && waitingErrorReasons.includes(step.reason)) {
    return false;
  }
  return step.status === 'Succeeded' || step.status === 'Failed';
}

/** True when at least one step of the task started. @public */
export function taskStepsRan(task: TaskSummary): boolean {
  if (task.steps.length === 0) {
    return task.status === 'Succeeded';
  }
  return task.steps.some(stepRan);
}

function podIsFailing(pod: PodStatusSummary | undefined): boolean {
  return (
    pod !== undefined && (pod.phase === 'Failed' || pod.reason === 'Evicted')
  );
}

function podTexts(
  pod: PodStatusSummary,
): Array<{ text: string; reason?: string; step?: string; exitCode?: number }> {
  const out: Array<{
    text: string;
    reason?: string;
    step?: string;
    exitCode?: number;
  }> = [];
  if (pod.reason || pod.message) {
    out.push({
      text: [pod.reason, pod.message].filter(Boolean).join(': '),
      reason: pod.reason,
    });
  }
  for (const condition of pod.conditions ?? []) {
    if (condition.message || condition.reason) {
      out.push({
        text: `${condition.type}=${condition.status ?? '?'} ${
          condition.reason ?? ''
        } ${condition.message ?? ''}`.trim(),
        reason: condition.reason,
      });
    }
  }
  for (const container of pod.containers ?? []) {
    if (container.reason || container.message) {
      out.push({
        text: `${container.name} ${container.state} ${container.reason ?? ''} ${
          container.message ?? ''
        }`.trim(),
        reason: container.reason,
        step: container.name.startsWith('step-')
          ? container.name.slice(5)
          : container.name,
        exitCode: container.exitCode,
      });
    }
  }
  return out;
}

/**
 * Builds the normalised view rules match on. `logs` are keyed
 * `${taskRunOrPodName}/${stepOrContainer}`; `pods` add pod state to tasks that lack it.
 * @public
 */
export function buildDiagnosisFacts(
  interpreted: PipelineRunSummary,
  context: { logs?: LogsByStep; pods?: unknown[]; events?: unknown[] } = {},
): DiagnosisFacts {
  const summary =
    Array.isArray(context.events) && context.events.length
      ? attachEvents(interpreted, context.events)
      : interpreted;
  const podsByName = new Map<string, PodStatusSummary>();
  for (const pod of Array.isArray(context.pods) ? context.pods : []) {
    const podSummary = interpretPod(pod);
    if (podSummary) {
      podsByName.set(podSummary.name, podSummary);
    }
  }
  // No log read is no logs: the digest trail is then the summary's own, not built again.
  const logs =
    context.logs &&
    typeof context.logs === 'object' &&
    Object.keys(context.logs).length > 0
      ? context.logs
      : undefined;

  const tasks: TaskFacts[] = (summary.tasks ?? []).map(original => {
    const task: TaskSummary =
      !original.pod && original.podName && podsByName.has(original.podName)
        ? { ...original, pod: podsByName.get(original.podName) }
        : original;
    const entries = taskLogEntries(task, logs);
    const steps: StepFacts[] = (task.steps ?? []).map(step => {
      const entry = entries.find(
        e =>
          e.step === step.name ||
          (step.container && e.key.endsWith(`/${step.container}`)),
      );
      return { step, logLines: entry ? logLines(entry.text) : [] };
    });
    const failedSteps = steps.filter(s => stepIsFailing(s.step));
    const failed =
      isFailedStatus(task.status) ||
      failedSteps.length > 0 ||
      podIsFailing(task.pod);
    return {
      task,
      failed,
      steps,
      failedSteps,
      logs: entries,
      stepsRan: taskStepsRan(task),
      events: task.events ?? [],
    };
  });
  const failedTasks = tasks.filter(t => t.failed);

  const texts: TextFact[] = [];
  if (summary.message) {
    texts.push({
      source: 'condition',
      text: summary.message,
      reason: summary.reason,
      failed: true,
    });
  }
  for (const facts of tasks) {
    const { task, failed } = facts;
    if (task.message) {
      texts.push({
        source: 'condition',
        text: task.message,
        task: task.name,
        reason: task.reason,
        failed,
      });
    }
    for (const { step } of facts.steps) {
      if (step.message || step.reason) {
        texts.push({
          source: 'termination',
          text: [step.reason, step.message].filter(Boolean).join(': '),
          task: task.name,
          step: step.name,
          exitCode: step.exitCode,
          reason: step.reason,
          failed,
        });
      }
    }
    if (task.pod) {
      for (const podText of podTexts(task.pod)) {
        texts.push({ source: 'pod', task: task.name, failed, ...podText });
      }
    }
    for (const event of facts.events) {
      texts.push({
        source: 'event',
        text: [event.reason, event.message].filter(Boolean).join(': '),
        task: task.name,
        reason: event.reason,
        // A warning about a pod that never ran is why the task failed.
        failed: failed || (event.type === 'Warning' && !facts.stepsRan),
      });
    }
    for (const entry of facts.logs) {
      const step = task.steps.find(s => s.name === entry.step);
      for (const line of logLines(entry.text)) {
        if (line.trim() === '') {
          continue;
        }
        texts.push({
          source: 'log',
          text: line,
          task: task.name,
          step: entry.step,
          exitCode: step?.exitCode,
          failed,
        });
      }
    }
  }

  const digestSources = collectDigestSources(
    tasks.map(t => t.task),
    logs,
  );
  const digests = logs
    ? buildDigestTrail(
        tasks.map(t => t.task),
        logs,
      )
    : summary.digests;

  let failing = isFinalStatus(summary.status) && summary.status !== 'Succeeded';
  if (!isFinalStatus(summary.status)) {
    failing =
      failedTasks.length > 0 ||
      texts.some(t => blockingMessagePatterns.some(p => p.test(t.text)));
  }
  return {
    summary,
    tasks,
    failedTasks,
    texts,
    digests: digests ?? { consistent: isTrailConsistent({}) },
    digestSources,
    failing,
  };
}
