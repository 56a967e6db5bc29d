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
import { ChangeBatch } from './ChangeBatch';
import { ClusterWatchHealth } from './ClusterWatchHealth';
import { SummarizeOptions } from './RunCollector';
import { succeededStatus } from './RunEvidenceReader';
import { pipelineRunInput } from './summaryInput';
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

/** One cluster's watches, health and the runs waiting to be summarized. */
interface ClusterWatch {
  client: ClusterClient;
  informers: Informer[];
  health: ClusterWatchHealth;
  /** `namespace/name` -> the run as watched, or undefined when only a TaskRun said it changed. */
  pending: ChangeBatch<KubernetesObject>;
  /** The TaskRuns the watch delivered, per watched namespace (undefined: all namespaces). */
  taskRuns: Map<string | undefined, TaskRunCache>;
  /**
   * Of each final run (`namespace/name`), what gave its stored summary: the resourceVersion
   * and {@link pipelineRunInput}. A later version with the same input (and no TaskRun change
   * that alters the summary) only moves the stored run to the new version.
   */
  summarized: Map<string, { resourceVersion?: string; input: string }>;
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
      const logger = options.logger.child({ cluster: client.cluster });
      const watch: ClusterWatch = {
        client,
        informers: [],
        health: new ClusterWatchHealth(client.cluster, options.store, () =>
          this.seenAt(),
        ),
        pending: new ChangeBatch({
          delayMs: options.batchMs ?? 200,
          retryMs: 1000,
          write: batch => this.write(watch, batch),
          onError: (error, size) =>
            logger.warn(
              `${size} changed runs not written, tried again shortly: ${error}`,
            ),
        }),
        taskRuns: new Map(),
        summarized: new Map(),
      };
      for (const namespace of namespaces) {
        const cache = new TaskRunCache();
        watch.taskRuns.set(namespace, cache);
        const health = (informer: () => Informer) => ({
          failed: (error: Error) => watch.health.failed(informer(), error),
          recovered: () => watch.health.recovered(informer()),
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
              const key = keyOf(change.object);
              if (change.type !== 'deleted') {
                watch.pending.mark(key, change.object);
                return;
              }
              watch.pending.forget(key);
              watch.summarized.delete(key);
              cache.forget(change.object);
              // A write under way (of the run before its deletion) ends first.
              await watch.pending.flush();
              await this.prune(watch, [change.object]);
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
              const deleted = change.type === 'deleted';
              if (deleted) cache.remove(change.object);
              else cache.put(change.object);
              // A TaskRun of a final run that changed where the summary does not read.
              if (!cache.altersSummary(change.object, deleted)) return;
              const run = change.object.metadata?.labels?.[TASK_RUN_LABEL];
              if (!run) return;
              const key = `${change.object.metadata?.namespace}/${run}`;
              watch.summarized.delete(key);
              // A run already pending keeps the version its watch delivered.
              watch.pending.mark(key);
            },
            failed: async (error: Error) => {
              // Whoever waits for the first list goes on and lists what it needs.
              cache.unavailable();
              await watch.health.failed(taskRuns, error);
            },
            recovered: () => watch.health.recovered(taskRuns),
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
    await Promise.all(this.watches.map(watch => watch.pending.flush()));
  }

  private seenAt() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Summarizes and writes a batch of runs the watch saw change: reads a run only a TaskRun said
   * changed (gone means its DELETED event comes too).
   */
  private async write(
    watch: ClusterWatch,
    batch: Map<string, KubernetesObject | undefined>,
  ): Promise<void> {
    const { client } = watch;
    const runs: KubernetesObject[] = [];
    for (const [key, run] of batch) {
      if (run) {
        runs.push(run);
        continue;
      }
      const [namespace, name] = key.split('/');
      const current = await client.get(RESOURCES.pipelineRuns, namespace, name);
      if (
        current &&
        matchesLabelSelector(this.selector, current.metadata?.labels)
      )
        runs.push(current);
    }
    await this.summarize(watch, await this.advanceUnaltered(watch, runs));
  }

  /**
   * Moves the stored final runs whose new version gives their summary what the stored one got
   * (an annotation changed) to that version, with no request and no summary; returns the
   * others, to be summarized.
   */
  private async advanceUnaltered(
    watch: ClusterWatch,
    runs: KubernetesObject[],
  ): Promise<KubernetesObject[]> {
    const rest: KubernetesObject[] = [];
    for (const run of runs) {
      const key = keyOf(run);
      const known = watch.summarized.get(key);
      const to = run.metadata?.resourceVersion;
      if (
        known?.resourceVersion &&
        to &&
        isFinal(run) &&
        known.input === pipelineRunInput(run) &&
        (await this.options.store.advanceVersion(
          {
            cluster: watch.client.cluster,
            namespace: run.metadata?.namespace ?? '',
            name: run.metadata?.name ?? '',
          },
          known.resourceVersion,
          to,
          this.seenAt(),
        ))
      ) {
        known.resourceVersion = to;
        continue;
      }
      rest.push(run);
    }
    return rest;
  }

  /** After a complete list: write the runs that differ from the history, prune the absent. */
  private async reconcile(
    watch: ClusterWatch,
    namespace: string | undefined,
    runs: KubernetesObject[],
  ): Promise<void> {
    const { client } = watch;
    // What the watch saw before this list is written first; the list then prunes the absent.
    await watch.pending.flush();
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
    for (const run of runs)
      if (isFinal(run)) {
        cache.release(run);
        this.remember(watch, run);
      }
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
    for (const run of gone) {
      cache.forget(run);
      watch.summarized.delete(keyOf(run));
    }
    await this.prune(watch, gone);
    await watch.health.listed();
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
      if (isFinal(run)) {
        this.cacheOf(watch, run.metadata?.namespace).release(run);
        this.remember(watch, run);
      }
  }

  /** A final run whose summary is stored at this version: what gave it. */
  private remember(watch: ClusterWatch, run: KubernetesObject) {
    watch.summarized.set(keyOf(run), {
      resourceVersion: run.metadata?.resourceVersion,
      input: pipelineRunInput(run),
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
