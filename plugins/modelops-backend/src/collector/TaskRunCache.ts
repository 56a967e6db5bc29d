import { KubernetesObject } from '@private-ai/plugin-modelops-node';
import { leanForJoin } from './leanForJoin';
import { taskRunInput } from './summaryInput';

const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
const PIPELINE_RUN_UID_LABEL = 'tekton.dev/pipelineRunUID';

const runOf = (taskRun: KubernetesObject) => {
  const run = taskRun.metadata?.labels?.[PIPELINE_RUN_LABEL];
  return run ? `${taskRun.metadata?.namespace}/${run}` : undefined;
};

const runKey = (run: KubernetesObject) =>
  `${run.metadata?.namespace}/${run.metadata?.name}`;

/**
 * The TaskRuns the watch delivered, grouped by PipelineRun, so a changed run is summarized
 * without listing its TaskRuns again. Kept lean ({@link leanForJoin}) and only for runs that
 * may still change: a run written as final is let go ({@link TaskRunCache.release}), and a
 * later question about it gets `undefined` (the collector lists its TaskRuns then).
 *
 * The cache answers only once a complete list filled it (the TaskRun informer's first list,
 * or a re-list after 410 Gone); before that every answer is `undefined`.
 */
export class TaskRunCache {
  private readonly byRun = new Map<string, Map<string, KubernetesObject>>();
  /** Runs let go: their TaskRuns are not kept, a question about them is not answered. */
  private readonly released = new Set<string>();
  /**
   * Of each run let go, what its TaskRuns gave its last summary ({@link taskRunInput}), to
   * tell a later change of one (an annotation) that cannot alter it.
   */
  private readonly releasedInputs = new Map<string, Map<string, string>>();
  private complete = false;
  private settle!: () => void;
  private readonly settled = new Promise<void>(resolve => {
    this.settle = resolve;
  });

  /** Resolves when the cache was filled by a complete list, or cannot be (see {@link TaskRunCache.unavailable}). */
  ready(): Promise<void> {
    return this.settled;
  }

  /** The TaskRun list failed before the cache was filled: whoever waits goes on without it. */
  unavailable(): void {
    this.settle();
  }

  /** A complete list of TaskRuns: replaces what the cache held (runs let go stay let go). */
  fill(taskRuns: KubernetesObject[]): void {
    this.byRun.clear();
    // What changed while nobody watched is not known: any later change counts.
    this.releasedInputs.clear();
    for (const taskRun of taskRuns) this.put(taskRun);
    this.complete = true;
    this.settle();
  }

  /** A TaskRun added or updated by the watch. */
  put(taskRun: KubernetesObject): void {
    const run = runOf(taskRun);
    if (!run || this.released.has(run)) return;
    let group = this.byRun.get(run);
    if (!group) {
      group = new Map();
      this.byRun.set(run, group);
    }
    group.set(taskRun.metadata?.name ?? '', leanForJoin(taskRun));
  }

  /** A TaskRun the watch saw deleted. */
  remove(taskRun: KubernetesObject): void {
    const run = runOf(taskRun);
    if (!run) return;
    const group = this.byRun.get(run);
    group?.delete(taskRun.metadata?.name ?? '');
    if (group?.size === 0) this.byRun.delete(run);
  }

  /** The TaskRuns of a run, or undefined when the cache cannot say (not filled yet, or let go). */
  taskRunsOf = (run: KubernetesObject): KubernetesObject[] | undefined => {
    const key = runKey(run);
    if (!this.complete || this.released.has(key)) return undefined;
    const uid = run.metadata?.uid;
    // A run deleted and created again under its name: the old one's TaskRuns may linger.
    return [...(this.byRun.get(key)?.values() ?? [])].filter(taskRun => {
      const owner = taskRun.metadata?.labels?.[PIPELINE_RUN_UID_LABEL];
      return !uid || !owner || owner === uid;
    });
  };

  /** A run written as final: its TaskRuns are not kept any longer, only what they gave. */
  release(run: KubernetesObject): void {
    const key = runKey(run);
    const group = this.byRun.get(key);
    if (group)
      this.releasedInputs.set(
        key,
        new Map([...group].map(([name, t]) => [name, taskRunInput(t)])),
      );
    this.byRun.delete(key);
    this.released.add(key);
  }

  /**
   * Whether a TaskRun the watch saw change (or go) may alter its run's summary: always, but
   * for a run let go whose TaskRun gives what it gave the last summary (only an annotation,
   * its resourceVersion or managed fields changed). What it gives now is kept.
   */
  altersSummary(taskRun: KubernetesObject, deleted: boolean): boolean {
    const run = runOf(taskRun);
    const inputs = run ? this.releasedInputs.get(run) : undefined;
    if (!inputs) return true;
    const name = taskRun.metadata?.name ?? '';
    const before = inputs.get(name);
    if (deleted) {
      inputs.delete(name);
      return true;
    }
    const now = taskRunInput(taskRun);
    inputs.set(name, now);
    return before !== now;
  }

  /** A run deleted or pruned: a new run under its name starts from nothing. */
  forget(run: KubernetesObject): void {
    const key = runKey(run);
    this.byRun.delete(key);
    this.released.delete(key);
    this.releasedInputs.delete(key);
  }

  /** Runs whose TaskRuns are kept (for tests and logs). */
  get runs(): number {
    return this.byRun.size;
  }
}
