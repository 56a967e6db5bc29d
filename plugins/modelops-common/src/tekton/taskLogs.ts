import { TaskSummary } from './types';

/**
 * Logs handed to the interpreters and the diagnosis, keyed
 * `${taskRunOrPodName}/${stepOrContainer}` (e.g. `run-x-build-image/step-build` or
 * `run-x-build-image-pod/step-build`).
 * @public
 */
export type LogsByStep = Record<string, string>;

/** The logs of one step of one task. @public */
export interface TaskLogEntry {
  key: string;
  /** The step name (`build`), with the `step-` container prefix taken off. */
  step: string;
  text: string;
}

/** Most lines of one log we look at (the last ones are kept). @public */
export const MAX_LOG_LINES = 20000;

/** Splits a log into lines, keeping only the last MAX_LOG_LINES. @public */
export function logLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines.length > MAX_LOG_LINES ? lines.slice(-MAX_LOG_LINES) : lines;
}

/** A container name as the step name: `step-build` -> `build`. @public */
export function stepNameOfContainer(container: string): string {
  return container.startsWith('step-')
    ? container.slice('step-'.length)
    : container;
}

/**
 * The log entries that belong to a task: keys whose first part is the task's TaskRun
 * name or pod name.
 * @public
 */
export function taskLogEntries(
  task: Pick<TaskSummary, 'taskRunName' | 'podName' | 'pod'>,
  logs: LogsByStep | undefined,
): TaskLogEntry[] {
  if (!logs || typeof logs !== 'object') {
    return [];
  }
  const owners = new Set(
    [task.taskRunName, task.podName, task.pod?.name].filter(
      (name): name is string => typeof name === 'string' && name.length > 0,
    ),
  );
  if (owners.size === 0) {
    return [];
  }
  const out: TaskLogEntry[] = [];
  for (const [key, text] of Object.entries(logs)) {
    if (typeof text !== 'string') {
      continue;
    }
    const slash = key.indexOf('/');
    if (slash <= 0) {
      continue;
    }
    const owner = key.slice(0, slash);
    if (!owners.has(owner)) {
      continue;
    }
    out.push({ key, step: stepNameOfContainer(key.slice(slash + 1)), text });
  }
  return out;
}
