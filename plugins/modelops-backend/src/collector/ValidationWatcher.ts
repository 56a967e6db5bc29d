import { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import { LABEL_NOTEBOOK_VALIDATION_JOB } from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  ClusterRequestError,
  Informer,
  InformerHandler,
  KubernetesObject,
  KubernetesResource,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { ValidationStore } from '../database/ValidationStore';
import { ChangeBatch } from './ChangeBatch';
import { ClusterWatchHealth } from './ClusterWatchHealth';
import { ValidationCollector } from './ValidationCollector';
import { validationPodFinder } from './validationPods';

/** Options of {@link ValidationWatcher}. */
export interface ValidationWatcherOptions {
  clusters: ClusterClient[];
  /** Interprets and writes jobs that changed. */
  collector: Pick<ValidationCollector, 'summarizeAndStore'>;
  store: ValidationStore;
  logger: LoggerService;
  /** Namespaces to watch; undefined watches all namespaces. */
  namespaces?: string[];
  pageSize?: number;
  /** Changes within this many milliseconds are written together (default 200). */
  batchMs?: number;
  /** Informer backoff, for tests. */
  backoff?: { initialMs?: number; maxMs?: number };
  /**
   * How long a cluster that does not serve NotebookValidationJobs (the operator is not
   * installed) is left alone before its jobs are listed again (default 10 minutes).
   */
  absentRetryMs?: number;
  now?: () => Date;
}

/** One cluster's informers, health and the jobs waiting to be written. */
interface ClusterWatch {
  client: ClusterClient;
  informers: Informer[];
  /** The jobs' informers, which stop while the cluster does not serve the resource. */
  jobInformers: Set<Informer>;
  health: ClusterWatchHealth;
  /** `namespace/name` -> the job as watched, or undefined when only its pod changed. */
  pending: ChangeBatch<KubernetesObject>;
}

const keyOf = (o: KubernetesObject) =>
  `${o.metadata?.namespace}/${o.metadata?.name}`;
const jobKeyOfPod = (pod: KubernetesObject) =>
  `${pod.metadata?.namespace}/${pod.metadata?.labels?.[LABEL_NOTEBOOK_VALIDATION_JOB]}`;
const split = (key: string) => {
  const [namespace, ...name] = key.split('/');
  return { namespace, name: name.join('/') };
};

/**
 * Keeps the notebook validation history up to date from watches instead of lists: per cluster
 * (and namespace), an informer on NotebookValidationJobs and one on their validation pods (a
 * changed pod marks its job changed). Changes within `batchMs` are written together; a job
 * whose object and pod did not change is not written. A job is marked pruned only from a
 * well-formed answer: a DELETED watch event, or its absence from a complete list. A failed
 * list or watch sets the cluster's validation read status and changes no history.
 *
 * Informer state lives as long as this object: {@link ValidationWatcher.watchFor} called again
 * (the next slice of the leader's global task) resumes the watches without listing again.
 */
export class ValidationWatcher {
  private readonly watches: ClusterWatch[];
  /** Informers stopped because the cluster does not serve the resource, and until when. */
  private readonly absentUntil = new Map<Informer, number>();
  /** Stops each informer's current run. */
  private readonly stops = new Map<Informer, AbortController>();

  constructor(private readonly options: ValidationWatcherOptions) {
    const namespaces = options.namespaces?.length
      ? options.namespaces
      : [undefined];
    this.watches = options.clusters.map(client => {
      const logger = options.logger.child({ cluster: client.cluster });
      const watch: ClusterWatch = {
        client,
        informers: [],
        jobInformers: new Set(),
        health: new ClusterWatchHealth(client.cluster, options.store, () =>
          this.seenAt(),
        ),
        pending: new ChangeBatch({
          delayMs: options.batchMs ?? 200,
          retryMs: 1000,
          write: batch => this.write(client, batch),
          onError: (error, size) =>
            logger.warn(
              `${size} changed notebook validation jobs not written, tried again shortly: ${error}`,
            ),
        }),
      };
      const informer = (
        resource: KubernetesResource,
        namespace: string | undefined,
        labelSelector: string | undefined,
        handler: Pick<InformerHandler, 'listed' | 'changed'>,
      ) => {
        const created: Informer = new Informer({
          client,
          resource,
          namespace,
          labelSelector,
          pageSize: options.pageSize,
          logger,
          backoff: options.backoff,
          handler: {
            ...handler,
            failed: error => this.failed(watch, created, error),
            recovered: () => watch.health.recovered(created),
          },
        });
        watch.informers.push(created);
        return created;
      };
      for (const namespace of namespaces) {
        const jobInformer = informer(
          RESOURCES.notebookValidationJobs,
          namespace,
          undefined,
          {
            listed: jobs => this.reconcile(watch, namespace, jobs),
            changed: async change => {
              const key = keyOf(change.object);
              if (change.type !== 'deleted') {
                watch.pending.mark(key, change.object);
                return;
              }
              watch.pending.forget(key);
              // A write under way (of the job before its deletion) ends first.
              await watch.pending.flush();
              await options.store.markPruned([
                { cluster: client.cluster, ...split(key) },
              ]);
            },
          },
        );
        watch.jobInformers.add(jobInformer);
        informer(RESOURCES.pods, namespace, LABEL_NOTEBOOK_VALIDATION_JOB, {
          listed: pods => this.podsListed(watch, namespace, pods),
          changed: async change =>
            watch.pending.mark(jobKeyOfPod(change.object)),
        });
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
    await Promise.all(
      this.watches.flatMap(watch =>
        watch.informers.map(i => this.runInformer(i, slice)),
      ),
    );
    await Promise.all(this.watches.map(watch => watch.pending.flush()));
  }

  /** Runs an informer for the slice, but not while its cluster does not serve the resource. */
  private async runInformer(informer: Informer, slice: AbortSignal) {
    while (!slice.aborted) {
      const wait = (this.absentUntil.get(informer) ?? 0) - Date.now();
      if (wait > 0) {
        await sleep(wait, undefined, { signal: slice }).catch(() => {});
        continue;
      }
      this.absentUntil.delete(informer);
      const stop = new AbortController();
      this.stops.set(informer, stop);
      await informer.run(AbortSignal.any([slice, stop.signal]));
    }
  }

  private seenAt() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Writes the jobs a watch saw change: reads a job only its pod said changed (gone means its
   * DELETED event comes too), and the pods of each job, then writes what differs.
   */
  private async write(
    client: ClusterClient,
    batch: Map<string, KubernetesObject | undefined>,
  ): Promise<void> {
    const jobs: KubernetesObject[] = [];
    const pods: KubernetesObject[] = [];
    for (const [key, watched] of batch) {
      const { namespace, name } = split(key);
      const job =
        watched ??
        (await client.get(RESOURCES.notebookValidationJobs, namespace, name));
      if (!job) continue;
      jobs.push(job);
      const { items } = await client.list(RESOURCES.pods, {
        namespace,
        labelSelector: `${LABEL_NOTEBOOK_VALIDATION_JOB}=${name}`,
      });
      pods.push(...items);
    }
    await this.options.collector.summarizeAndStore(
      client,
      jobs,
      pods,
      this.seenAt(),
    );
  }

  /** After a complete list of jobs: write what differs from the history, prune the absent. */
  private async reconcile(
    watch: ClusterWatch,
    namespace: string | undefined,
    jobs: KubernetesObject[],
  ): Promise<void> {
    const { client } = watch;
    const { store, pageSize } = this.options;
    // What the watch saw before this list is written first; the list then prunes the absent.
    await watch.pending.flush();
    const stored = await store.versions(client.cluster);
    const changed = jobs.filter(job => {
      const known = stored.get(`${client.cluster}/${keyOf(job)}`);
      return (
        !known ||
        known.pruned ||
        known.uid !== job.metadata?.uid ||
        known.resourceVersion !== job.metadata?.resourceVersion
      );
    });
    if (changed.length > 0) {
      // One label-selected list of the namespace's validation pods, joined in memory.
      const { items: pods } = await client.list(RESOURCES.pods, {
        namespace,
        labelSelector: LABEL_NOTEBOOK_VALIDATION_JOB,
        pageSize,
      });
      await this.options.collector.summarizeAndStore(
        client,
        changed,
        pods,
        this.seenAt(),
        stored,
      );
    }
    const present = new Set(jobs.map(keyOf));
    const gone = [...stored.entries()]
      .filter(([, value]) => !value.pruned)
      .map(([key]) => split(key.slice(client.cluster.length + 1)))
      .filter(
        job =>
          (namespace === undefined || job.namespace === namespace) &&
          !present.has(`${job.namespace}/${job.name}`),
      );
    if (gone.length)
      await store.markPruned(
        gone.map(job => ({ cluster: client.cluster, ...job })),
      );
    await watch.health.listed();
  }

  /**
   * After a complete list of validation pods: a known job whose pod is not the one stored (it
   * changed or went while nobody watched) is marked changed. Jobs the history does not know
   * yet are left to the jobs' list.
   */
  private async podsListed(
    watch: ClusterWatch,
    namespace: string | undefined,
    pods: KubernetesObject[],
  ): Promise<void> {
    const { cluster } = watch.client;
    const podOf = validationPodFinder(pods);
    for (const [key, known] of await this.options.store.versions(cluster)) {
      const job = split(key.slice(cluster.length + 1));
      if (known.pruned || (namespace && job.namespace !== namespace)) continue;
      const pod = podOf({ metadata: job });
      if (pod?.metadata?.resourceVersion !== known.podVersion)
        watch.pending.mark(`${job.namespace}/${job.name}`);
    }
  }

  private async failed(watch: ClusterWatch, informer: Informer, error: Error) {
    if (
      watch.jobInformers.has(informer) &&
      error instanceof ClusterRequestError &&
      error.resourceNotFound
    ) {
      // The operator is not installed: nothing to read, no error to show, and no request
      // until it is time to look again.
      const retryMs = this.options.absentRetryMs ?? 10 * 60_000;
      this.absentUntil.set(informer, Date.now() + retryMs);
      this.stops.get(informer)?.abort();
      this.options.logger.info(
        `cluster ${
          watch.client.cluster
        } does not serve NotebookValidationJobs (the Notebook Validator Operator is not installed); looking again in ${Math.round(
          retryMs / 1000,
        )} s`,
      );
      await watch.health.nothingToRead(informer);
      return;
    }
    await watch.health.failed(informer, error);
  }
}
