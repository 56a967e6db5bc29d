import { PodStatusSummary, RunStatus, StepSummary, TaskSummary } from './types';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asTimestamp,
  bound,
  getPath,
  MAX_MESSAGE_CHARS,
  secondsBetween,
  stringifyValue,
  UnknownRecord,
} from './objectReaders';
import {
  isFailedStatus,
  isFinalStatus,
  readSucceededCondition,
  statusFromCondition,
} from './conditions';
import { defaultStageMap, StageMap, stageOfTask } from './stageMap';
import { digestFromResults, parseTerminationMessageResults } from './digests';
import { stepNameOfContainer } from './taskLogs';
import { interpretPod } from './interpretPod';

/** Options of `interpretTaskRun`. @public */
export interface InterpretTaskRunOptions {
  stageMap?: StageMap;
  /** Name of the task in its pipeline, when the caller knows it better than the TaskRun's labels. */
  pipelineTaskName?: string;
  /** The TaskRun's pod, to see evictions and container states. */
  pod?: unknown;
  /** True for a task of the pipeline's `finally` section. */
  isFinally?: boolean;
}

/**
 * Waiting reasons of a container that mean it will not start without a change
 * (as opposed to `PodInitializing` or `ContainerCreating`).
 * @public
 */
export const waitingErrorReasons: readonly string[] = Object.freeze([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'CrashLoopBackOff',
  'RunContainerError',
]);

const CANCELLED_STEP_REASONS = ['TaskRunCancelled'];
const TIMED_OUT_STEP_REASONS = ['TaskRunTimeout'];

function interpretStep(
  entry: unknown,
  index: number,
  taskStatus: RunStatus,
): StepSummary | undefined {
  const step = asRecord(entry);
  if (!step) {
    return undefined;
  }
  const container = asString(step.container);
  const name =
    asString(step.name) ??
    (container ? stepNameOfContainer(container) : undefined) ??
    `step-${index + 1}`;
  const terminated = asRecord(step.terminated);
  const running = asRecord(step.running);
  const waiting = asRecord(step.waiting);
  const taskFinal = isFinalStatus(taskStatus);

  if (terminated) {
    const exitCode = asNumber(terminated.exitCode);
    const reason =
      asString(terminated.reason) ?? asString(step.terminationReason);
    const message = asString(terminated.message);
    let status: RunStatus;
    if (reason && CANCELLED_STEP_REASONS.includes(reason)) {
      status = 'Cancelled';
    } else if (reason && TIMED_OUT_STEP_REASONS.includes(reason)) {
      status = 'TimedOut';
    } else if (exitCode !== undefined) {
      status = exitCode === 0 ? 'Succeeded' : 'Failed';
    } else if (reason === 'Completed') {
      status = 'Succeeded';
    } else if (reason) {
      status = 'Failed';
    } else {
      status = 'Unknown';
    }
    return {
      name,
      container,
      status,
      exitCode,
      reason,
      message: message ? bound(message, MAX_MESSAGE_CHARS) : undefined,
      startedAt: asTimestamp(terminated.startedAt),
      finishedAt: asTimestamp(terminated.finishedAt),
    };
  }
  if (running) {
    return {
      name,
      container,
      status: taskFinal ? 'Unknown' : 'Running',
      startedAt: asTimestamp(running.startedAt),
    };
  }
  if (waiting) {
    const reason = asString(waiting.reason);
    const message = asString(waiting.message);
    let status: RunStatus = taskFinal ? 'Unknown' : 'Pending';
    if (
      reason &&
      waitingErrorReasons.includes(reason) &&
      isFailedStatus(taskStatus)
    ) {
      status = 'Failed';
    }
    return {
      name,
      container,
      status,
      reason,
      message: message ? bound(message, MAX_MESSAGE_CHARS) : undefined,
    };
  }
  // No state at all (chains test data): a succeeded TaskRun ran every step.
  let status: RunStatus = 'Unknown';
  if (taskStatus === 'Succeeded') {
    status = 'Succeeded';
  } else if (taskStatus === 'Running' || taskStatus === 'Pending') {
    status = 'Pending';
  }
  return { name, container, status };
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Reads `[{ name, value }]` task results into a string map. */
function readResults(...lists: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const list of lists) {
    for (const entry of asArray(list)) {
      const record = asRecord(entry);
      const name = asString(record?.name);
      if (!record || !name || hasOwn(out, name)) {
        continue;
      }
      out[name] = stringifyValue(record.value);
    }
  }
  return out;
}

/**
 * A TaskRun's status when its condition contradicts itself: condition `Unknown` although
 * `completionTime` is set (seen in recorded mocks). The steps then decide.
 */
function statusFromFinishedSteps(steps: StepSummary[]): RunStatus | undefined {
  if (steps.length === 0) {
    return undefined;
  }
  if (steps.some(s => s.status === 'Failed')) {
    return 'Failed';
  }
  if (steps.every(s => s.status === 'Succeeded')) {
    return 'Succeeded';
  }
  return undefined;
}

function looksLikeTaskRun(taskRun: UnknownRecord): boolean {
  return (
    taskRun.kind === 'TaskRun' ||
    asRecord(getPath(taskRun, 'spec', 'taskRef')) !== undefined ||
    asRecord(getPath(taskRun, 'spec', 'taskSpec')) !== undefined
  );
}

/**
 * Turns a TaskRun (v1 or v1beta1, or the `{ metadata, status }` pair a v1beta1 PipelineRun
 * embeds) into a task summary. Never throws: missing or odd fields give `Unknown`.
 * @public
 */
export function interpretTaskRun(
  taskRun: unknown,
  options: InterpretTaskRunOptions = {},
): TaskSummary {
  const record = asRecord(taskRun) ?? {};
  const metadata = asRecord(record.metadata);
  // Three labels are read: no copy of the map (a TaskRun carries a dozen).
  const labelRecord = asRecord(metadata?.labels);
  const label = (key: string) => {
    const value = labelRecord?.[key];
    return typeof value === 'string' ? value : undefined;
  };
  const status = asRecord(record.status);
  const taskRunName = asString(metadata?.name);
  const name =
    options.pipelineTaskName ??
    label('tekton.dev/pipelineTask') ??
    taskRunName ??
    'unknown';
  const taskRef =
    asString(getPath(record, 'spec', 'taskRef', 'name')) ??
    label('tekton.dev/task') ??
    label('tekton.dev/clusterTask');

  const condition = readSucceededCondition(status);
  const startedAt = asTimestamp(status?.startTime);
  const finishedAt = asTimestamp(status?.completionTime);
  let taskStatus: RunStatus =
    statusFromCondition(condition) ??
    (status && startedAt ? 'Running' : undefined) ??
    (looksLikeTaskRun(record) ? 'Pending' : 'Unknown');

  const rawSteps = asArray(status?.steps);
  let steps = rawSteps
    .map((entry, index) => interpretStep(entry, index, taskStatus))
    .filter((s): s is StepSummary => s !== undefined);
  if (!isFinalStatus(taskStatus) && finishedAt) {
    const fromSteps = statusFromFinishedSteps(steps);
    if (fromSteps) {
      taskStatus = fromSteps;
      steps = rawSteps
        .map((entry, index) => interpretStep(entry, index, taskStatus))
        .filter((s): s is StepSummary => s !== undefined);
    }
  }

  const results = readResults(status?.results, status?.taskResults);
  // Each step's termination message parsed once (Tekton writes one into every step).
  const fromMessages = steps.map(s =>
    parseTerminationMessageResults(s.message),
  );
  for (const fromMessage of fromMessages) {
    for (const [key, value] of Object.entries(fromMessage ?? {})) {
      if (!hasOwn(results, key)) {
        results[key] = value;
      }
    }
  }
  let digest = digestFromResults(results);
  for (const fromMessage of fromMessages) {
    if (digest) break;
    if (fromMessage) digest = digestFromResults(fromMessage);
  }

  const pod: PodStatusSummary | undefined =
    options.pod !== undefined ? interpretPod(options.pod) : undefined;
  const podName = asString(status?.podName) ?? pod?.name;

  const summary: TaskSummary = {
    name,
    taskRunName,
    stage: stageOfTask(options.stageMap ?? defaultStageMap, name, taskRef),
    status: taskStatus,
    reason: condition?.reason,
    message: condition?.message
      ? bound(condition.message, MAX_MESSAGE_CHARS)
      : undefined,
    startedAt,
    finishedAt,
    durationSeconds: secondsBetween(startedAt, finishedAt),
    retries: asArray(status?.retriesStatus).length,
    podName,
    steps,
    results,
    digest,
  };
  if (taskRef) {
    summary.taskRef = taskRef;
  }
  if (options.isFinally || label('tekton.dev/memberOf') === 'finally') {
    summary.isFinally = true;
  }
  if (pod) {
    summary.pod = pod;
  }
  return summary;
}
