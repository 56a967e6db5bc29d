/* Puts a run's tasks in pipeline order, with tasks not run and skipped ones. */
import { RunStatus, TaskSummary } from './types';
import {
  asArray,
  asRecord,
  asString,
  getPath,
  UnknownRecord,
} from './objectReaders';
import { StageMap, stageOfTask } from './stageMap';

/** Names (and Task refs) of a pipeline spec's `tasks` or `finally` section, without repeats. */
export function taskDefinitions(
  pipelineSpec: UnknownRecord | undefined,
  field: 'tasks' | 'finally',
) {
  const out: Array<{ name: string; taskRef?: string }> = [];
  for (const entry of asArray(pipelineSpec?.[field])) {
    const task = asRecord(entry);
    const name = asString(task?.name);
    if (task && name && !out.some(t => t.name === name)) {
      out.push({ name, taskRef: asString(getPath(task, 'taskRef', 'name')) });
    }
  }
  return out;
}

/** `status.skippedTasks` as name to reason. */
export function readSkipped(
  status: UnknownRecord | undefined,
): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const entry of asArray(status?.skippedTasks)) {
    const skipped = asRecord(entry);
    const name = asString(skipped?.name);
    if (skipped && name) {
      out.set(name, asString(skipped.reason));
    }
  }
  return out;
}

/**
 * Compares names with their numbers as numbers (`-2` before `-10`), like
 * `localeCompare(b, undefined, { numeric: true })`, which builds a collator on every call
 * (about 4 µs each, 20 ms of a 1,000-run sync).
 */
const compareNumeric = new Intl.Collator(undefined, { numeric: true }).compare;

const byStartThenName = (a: TaskSummary, b: TaskSummary) =>
  (a.startedAt ?? '\uffff').localeCompare(b.startedAt ?? '\uffff') ||
  compareNumeric(a.taskRunName ?? a.name, b.taskRunName ?? b.name);

/**
 * Tasks in pipeline order: each pipeline task with its TaskRuns (matrix fan-outs in index
 * order), or a placeholder when it has none (Pending while the run goes on, skipped when
 * Tekton says so); then children the spec does not list, by start time, finally tasks last.
 */
export function orderTasks(
  children: TaskSummary[],
  definitions: Array<{ name: string; taskRef?: string; isFinally: boolean }>,
  skipped: Map<string, string | undefined>,
  runStatus: RunStatus,
  stageMap: StageMap,
): TaskSummary[] {
  const out: TaskSummary[] = [];
  const used = new Set<TaskSummary>();
  for (const definition of definitions) {
    const runs = children
      .filter(c => c.name === definition.name)
      .sort((a, b) => compareNumeric(a.taskRunName ?? '', b.taskRunName ?? ''));
    if (runs.length > 0) {
      for (const run of runs) {
        if (definition.taskRef && !run.taskRef) {
          run.taskRef = definition.taskRef;
          run.stage ??= stageOfTask(stageMap, run.name, definition.taskRef);
        }
        out.push(run);
        used.add(run);
      }
      continue;
    }
    const notRun: TaskSummary = {
      name: definition.name,
      stage: stageOfTask(stageMap, definition.name, definition.taskRef),
      // Not started yet while the run goes on; otherwise we cannot tell why it never ran.
      status:
        runStatus === 'Running' || runStatus === 'Pending'
          ? 'Pending'
          : 'Unknown',
      retries: 0,
      steps: [],
      results: {},
    };
    if (definition.taskRef) {
      notRun.taskRef = definition.taskRef;
    }
    if (definition.isFinally) {
      notRun.isFinally = true;
    }
    if (skipped.has(definition.name)) {
      notRun.status = 'Unknown';
      notRun.skipped = true;
      const reason = skipped.get(definition.name);
      if (reason) {
        notRun.skipReason = reason;
      }
    }
    out.push(notRun);
  }
  const rest = children.filter(c => !used.has(c)).sort(byStartThenName);
  // Without a pipeline spec, finally tasks still come last.
  return [
    ...out,
    ...rest.filter(t => !t.isFinally),
    ...rest.filter(t => t.isFinally),
  ];
}
