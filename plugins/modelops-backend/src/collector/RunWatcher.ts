import { LoggerService } from '@backstage/backend-plugin-api';
import {
  matchesLabelSelector,
  parseLabelSelector,
  PipelineRunSummary,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  Informer,
  KubernetesObject,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { RunStore } from '../database/RunStore';
import { SummarizeOptions } from './RunCollector';
import { succeededStatus } from './RunEvidenceReader';
import { TaskRunCache } from './TaskRunCache';

/** What the watcher needs of the collector. */
export interface RunSummarizer {
  summarizeAndStore(
    client: ClusterClient,
    changedRuns: KubernetesObject[],
    seenAt: string,
    options?: SummarizeOptions,
  ): Promise<PipelineRunSummary[]>;
}

/** Options of {@link RunWatcher}. */
export interface RunWatcherOptions {
  clusters: ClusterClient[];
  collector: RunSummarizer;
  store: RunStore;
  logger: LoggerService;
  /** Namespaces to watch; undefined watches all namespaces. */
  namespaces?: string[];
  /** Label selector the PipelineRuns must match. */
  labelSelector?: string;
  pageSize?: number;
  /** Changes within this many milliseconds are summarized together (default 200). */
  batchMs?: number;
  /** Informer backoff, for tests. */
  backoff?: { initialMs?: number; maxMs?: number };
  now?: () => Date;
}

const TASK_RUN_LABEL = 'tekton.dev/pipelineRun';

/** One cluster's watches and the runs waiting to be summarized. */
interface ClusterWatch {
  client: ClusterClient;
  informers: Informer[];
  /** `namespace/name` -> the run as watched, or undefined when only a TaskRun said it changed. */
  pending: Map<string, KubernetesObject | undefined>;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
  /** Informers of this cluster that failed and have not recovered. */
  failing: Set<Informer>;
  /** The TaskRuns the watch delivered, per watched namespace (undefined: all namespaces). */
  taskRuns: Map<string | undefined, TaskRunCache>;
}

const keyOf = (o: KubernetesObject) =>
  `${o.metadata?.namespace}/${o.metadata?.name}`;

/** Tekton changes neither a run nor its TaskRuns once the run succeeded or failed. */
const isFinal = (run: KubernetesObject) => {
  const status = succeededStatus(run);
  return status === 'True' || status === 'False';
};

/**
 * Keeps the run history up to date from watches instead of lists: per cluster (and
 * namespace), an informer on PipelineRuns and one on TaskRuns (a changed TaskRun marks its
 * PipelineRun changed). Changes within `batchMs` are summarized and written together; a run
 * the cluster did not change is not written. A run is marked pruned only from a well-formed
 * answer: a DELETED watch event, or its absence from a complete list.
 *
 * Informer state lives as long as this object: {@link RunWatcher.watchFor} called again (the
 * next slice of the leader's global task) resumes the watches without listing again.
 */
export class RunWatcher {
  private readonly watches: ClusterWatch[];
  private readonly selector;

  constructor(private readonly options: RunWatcherOptions) {
    this.selector = parseLabelSelector(options.labelSelector);
    const namespaces = options.namespaces?.length
      ? options.namespaces
      : [undefined];
    this.watches = options.clusters.map(client => {
      const watch: ClusterWatch = {
        client,
        informers: [],
        pending: new Map(),
        failing: new Set(),
        taskRuns: new Map(),
      };
      const logger = options.logger.child({ cluster: client.cluster });
      for (const namespace of namespaces) {
        const cache = new TaskRunCache();
        watch.taskRuns.set(namespace, cache);
        const health = (informer: () => Informer) => ({
          failed: (error: Error) => this.failed(watch, informer(), error),
          recovered: () => this.recovered(watch, informer()),
        });
        const runs: Informer = new Informer({
          client,
          resource: RESOURCES.pipelineRuns,
          namespace,
          labelSelector: options.labelSelector,
          pageSize: options.pageSize,
          logger,
          backoff: options.backoff,
          handler: {
            listed: list => this.reconcile(watch, namespace, list),
            changed: async change => {
              if (change.type === 'deleted') {
                watch.pending.delete(keyOf(change.object));
                cache.forget(change.object);
                await this.prune(watch, [change.object]);
              } else {
                this.mark(watch, keyOf(change.object), change.object);
              }
            },
            ...health(() => runs),
          },
        });
        const taskRuns: Informer = new Informer({
          client,
          resource: RESOURCES.taskRuns,
          namespace,
          labelSelector: TASK_RUN_LABEL,
          pageSize: options.pageSize,
          logger,
          backoff: options.backoff,
          handler: {
            // A complete list of TaskRuns marks no run changed (the PipelineRuns' list
            // says which are); it fills the cache the summaries read.
            listed: async list => cache.fill(list),
            changed: async change => {
              if (change.type === 'deleted') cache.remove(change.object);
              else cache.put(change.object);
              const run = change.object.metadata?.labels?.[TASK_RUN_LABEL];
              const key = `${change.object.metadata?.namespace}/${run}`;
              if (run && !watch.pending.get(key)) this.mark(watch, key);
            },
            failed: async (error: Error) => {
              // Whoever waits for the first list goes on and lists what it needs.
              cache.unavailable();
              await this.failed(watch, taskRuns, error);
            },
            recovered: () => this.recovered(watch, taskRuns),
          },
        });
        watch.informers.push(runs, taskRuns);
      }
      return watch;
    });
  }

  /**
   * Watches every cluster until `signal` aborts or `ms` pass, then writes what is pending and
   * returns. Never throws: failures are logged and retried by the informers.
   */
  async watchFor(signal: AbortSignal, ms: number): Promise<void> {
    const slice = AbortSignal.any([signal, AbortSignal.timeout(ms)]);
    // A run list that waits for the TaskRuns' first list must not outlive the slice.
    slice.addEventListener(
      'abort',
      () =>
        this.watches.forEach(watch =>
          watch.taskRuns.forEach(cache => cache.unavailable()),
        ),
      { once: true },
    );
    await Promise.all(
      this.watches.flatMap(watch => watch.informers.map(i => i.run(slice))),
    );
    await Promise.all(this.watches.map(watch => this.flush(watch)));
  }

  private mark(watch: ClusterWatch, key: string, run?: KubernetesObject) {
    watch.pending.set(key, run ?? watch.pending.get(key));
    watch.timer ??= setTimeout(() => {
      watch.timer = undefined;
      this.flush(watch);
    }, this.options.batchMs ?? 200);
  }

  private seenAt() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** Summarizes and writes the pending runs; on failure they stay pending for the next try. */
  private flush(watch: ClusterWatch): Promise<void> {
    if (watch.timer) {
      clearTimeout(watch.timer);
      watch.timer = undefined;
    }
    const previous = watch.flushing ?? Promise.resolve();
    const next = previous.then(async () => {
      if (watch.pending.size === 0) return;
      const batch = new Map(watch.pending);
      watch.pending.clear();
      const { client } = watch;
      try {
        const runs: KubernetesObject[] = [];
        for (const [key, run] of batch) {
          if (run) {
            runs.push(run);
            continue;
          }
          const [namespace, name] = key.split('/');
          // Only a TaskRun changed: read its run (gone means its DELETED event comes too).
          const current = await client.get(
            RESOURCES.pipelineRuns,
            namespace,
            name,
          );
          if (
            current &&
            matchesLabelSelector(this.selector, current.metadata?.labels)
          )
            runs.push(current);
        }
        await this.summarize(watch, runs);
      } catch (error) {
        for (const [key, run] of batch)
          if (!watch.pending.has(key)) watch.pending.set(key, run);
        this.options.logger.warn(
          `cluster ${client.cluster}: ${batch.size} changed runs not written, tried again shortly: ${error}`,
        );
        watch.timer ??= setTimeout(() => {
          watch.timer = undefined;
          this.flush(watch);
        }, 1000);
      }
    });
    watch.flushing = next;
    return next;
  }

  /** After a complete list: write the runs that differ from the history, prune the absent. */
  private async reconcile(
    watch: ClusterWatch,
    namespace: string | undefined,
    runs: KubernetesObject[],
  ): Promise<void> {
    const { client } = watch;
    // The first summaries read the TaskRun informer's list instead of listing again.
    await this.cacheOf(watch, namespace).ready();
    const stored = await this.options.store.versions(client.cluster);
    const changed = runs.filter(run => {
      const known = stored.get(`${client.cluster}/${keyOf(run)}`);
      return (
        !known ||
        known.pruned ||
        known.uid !== run.metadata?.uid ||
        known.resourceVersion !== run.metadata?.resourceVersion
      );
    });
    await this.summarize(watch, changed);
    const cache = this.cacheOf(watch, namespace);
    for (const run of runs) if (isFinal(run)) cache.release(run);
    const present = new Set(runs.map(keyOf));
    const gone = [...stored.entries()]
      .filter(([key, value]) => {
        const [, ns, ...name] = key.split('/');
        return (
          !value.pruned &&
          (namespace === undefined || ns === namespace) &&
          !present.has(`${ns}/${name.join('/')}`)
        );
      })
      .map(([key]) => {
        const [, ns, ...name] = key.split('/');
        return { metadata: { namespace: ns, name: name.join('/') } };
      });
    for (const run of gone) cache.forget(run);
    await this.prune(watch, gone);
    const at = this.seenAt();
    await this.options.store.setClusterStatus({
      cluster: client.cluster,
      state: 'ok',
      lastAttemptAt: at,
      lastSuccessAt: at,
    });
  }

  private cacheOf(watch: ClusterWatch, namespace: string | undefined) {
    // A cache never filled answers nothing: the TaskRuns are listed.
    return (
      watch.taskRuns.get(namespace) ??
      watch.taskRuns.get(undefined) ??
      new TaskRunCache()
    );
  }

  /**
   * Summarizes and writes runs with the TaskRuns the watch delivered; a run written as final
   * lets go of its TaskRuns (a later change of it lists them).
   */
  private async summarize(watch: ClusterWatch, runs: KubernetesObject[]) {
    await this.options.collector.summarizeAndStore(
      watch.client,
      runs,
      this.seenAt(),
      {
        taskRunsOf: run =>
          this.cacheOf(watch, run.metadata?.namespace).taskRunsOf(run),
      },
    );
    for (const run of runs)
      if (isFinal(run))
        this.cacheOf(watch, run.metadata?.namespace).release(run);
  }

  /** The cluster's status shows the first failure, as a failed full list does. */
  private async failed(watch: ClusterWatch, informer: Informer, error: Error) {
    const first = watch.failing.size === 0;
    watch.failing.add(informer);
    if (!first) return;
    const { cluster } = watch.client;
    const previous = (await this.options.store.clusterStatuses()).find(
      s => s.cluster === cluster,
    );
    await this.options.store.setClusterStatus({
      cluster,
      state: 'error',
      message: error.message,
      lastAttemptAt: this.seenAt(),
      lastSuccessAt: previous?.lastSuccessAt,
    });
  }

  private async recovered(watch: ClusterWatch, informer: Informer) {
    if (!watch.failing.delete(informer) || watch.failing.size > 0) return;
    const at = this.seenAt();
    await this.options.store.setClusterStatus({
      cluster: watch.client.cluster,
      state: 'ok',
      lastAttemptAt: at,
      lastSuccessAt: at,
    });
  }

  private async prune(watch: ClusterWatch, runs: KubernetesObject[]) {
    if (runs.length === 0) return;
    await this.options.store.markPruned(
      runs.map(run => ({
        cluster: watch.client.cluster,
        namespace: run.metadata?.namespace ?? '',
        name: run.metadata?.name ?? '',
      })),
    );
  }
}
