import { KubernetesObject } from '@private-ai/plugin-modelops-node';
import { leanForJoin } from './leanForJoin';

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

  /** A run written as final: its TaskRuns are not kept any longer. */
  release(run: KubernetesObject): void {
    const key = runKey(run);
    this.byRun.delete(key);
    this.released.add(key);
  }

  /** A run deleted or pruned: a new run under its name starts from nothing. */
  forget(run: KubernetesObject): void {
    const key = runKey(run);
    this.byRun.delete(key);
    this.released.delete(key);
  }

  /** Runs whose TaskRuns are kept (for tests and logs). */
  get runs(): number {
    return this.byRun.size;
  }
}
