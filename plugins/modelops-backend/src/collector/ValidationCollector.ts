import { LoggerService } from '@backstage/backend-plugin-api';
import {
  interpretNotebookValidationJob,
  LABEL_NOTEBOOK_VALIDATION_JOB,
  NotebookJobSummary,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  ClusterRequestError,
  KubernetesObject,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { StoredJobVersion, ValidationStore } from '../database/ValidationStore';
import {
  recordClusterFailure,
  recordClusterSuccess,
} from './ClusterWatchHealth';
import { validationPodFinder } from './validationPods';

/** Options of {@link ValidationCollector}. */
export interface ValidationCollectorOptions {
  clusters: ClusterClient[];
  store: ValidationStore;
  logger: LoggerService;
  /** Namespaces to read; undefined reads all namespaces. */
  namespaces?: string[];
  pageSize?: number;
  /** Told about each changed job (the signals service). */
  publish?: (job: {
    cluster: string;
    namespace: string;
    name: string;
    phase: string;
    labels: Record<string, string>;
  }) => Promise<void>;
  now?: () => Date;
}

/** What one collection did. */
export interface ValidationCollectionStats {
  listed: number;
  written: number;
  pruned: number;
  failedClusters: string[];
  /** Clusters without the NotebookValidationJob CRD (the operator is not installed). */
  withoutOperator: string[];
}

const keyOf = (cluster: string, o: KubernetesObject) =>
  `${cluster}/${o.metadata?.namespace}/${o.metadata?.name}`;

/**
 * Reads NotebookValidationJobs and their validation pods from every cluster and keeps their
 * history. A job is rewritten only when it or its validation pod changed. A job gone from a
 * successful list is marked pruned, never deleted; a failed list changes nothing but the
 * cluster's validation read status. With `modelops.collector.watch` on, this full list is the
 * hourly safety net and {@link ValidationWatcher} keeps up in between.
 */
export class ValidationCollector {
  constructor(private readonly options: ValidationCollectorOptions) {}

  async collectOnce(): Promise<ValidationCollectionStats> {
    const stats: ValidationCollectionStats = {
      listed: 0,
      written: 0,
      pruned: 0,
      failedClusters: [],
      withoutOperator: [],
    };
    await Promise.all(
      this.options.clusters.map(async client => {
        const { cluster } = client;
        const attemptAt = this.now();
        try {
          const result = await this.collectCluster(client);
          await recordClusterSuccess(this.options.store, cluster, attemptAt);
          if (!result) {
            stats.withoutOperator.push(cluster);
            return;
          }
          stats.listed += result.listed;
          stats.written += result.written;
          stats.pruned += result.pruned;
        } catch (error) {
          stats.failedClusters.push(cluster);
          await recordClusterFailure(
            this.options.store,
            cluster,
            error,
            attemptAt,
          );
          this.options.logger.warn(
            `notebook validation collection from cluster ${
              client.cluster
            } failed, history kept as it was: ${
              error instanceof Error ? error.message : error
            }`,
          );
        }
      }),
    );
    return stats;
  }

  /**
   * Interprets and writes the jobs that differ from the history (the job or its validation pod
   * changed, or the job was pruned), and tells `publish` about each. `pods` are the candidate
   * validation pods (labelled `notebookvalidationjob`); `stored` is read for these jobs when not
   * given. Returns how many jobs were written.
   */
  async summarizeAndStore(
    client: ClusterClient,
    jobs: KubernetesObject[],
    pods: KubernetesObject[],
    seenAt: string,
    stored?: Map<string, StoredJobVersion>,
  ): Promise<number> {
    if (jobs.length === 0) return 0;
    const { store } = this.options;
    const known =
      stored ??
      (await store.versionsOf(
        client.cluster,
        jobs.map(j => ({
          namespace: j.metadata?.namespace ?? '',
          name: j.metadata?.name ?? '',
        })),
      ));
    const podOf = validationPodFinder(pods);
    const changed: Array<{ summary: NotebookJobSummary; podVersion?: string }> =
      [];
    for (const job of jobs) {
      const pod = podOf(job);
      const version = known.get(keyOf(client.cluster, job));
      const podVersion = pod?.metadata?.resourceVersion;
      if (
        version &&
        !version.pruned &&
        version.uid === job.metadata?.uid &&
        version.resourceVersion === job.metadata?.resourceVersion &&
        version.podVersion === podVersion
      ) {
        continue;
      }
      changed.push({
        summary: interpretNotebookValidationJob(job, {
          cluster: client.cluster,
          pod,
        }),
        podVersion,
      });
    }
    if (changed.length === 0) return 0;
    await store.upsert(changed, seenAt);
    for (const { summary } of changed) {
      await this.options
        .publish?.(summary)
        .catch(error =>
          this.options.logger.debug(
            `signal for ${summary.name} not sent: ${error}`,
          ),
        );
    }
    return changed.length;
  }

  /** Undefined when the cluster does not serve NotebookValidationJobs. */
  private async collectCluster(client: ClusterClient) {
    const { store, pageSize } = this.options;
    const seenAt = this.now();
    const namespaces = this.options.namespaces?.length
      ? this.options.namespaces
      : [undefined];
    const jobs: KubernetesObject[] = [];
    const pods: KubernetesObject[] = [];
    for (const namespace of namespaces) {
      try {
        jobs.push(
          ...(
            await client.list(RESOURCES.notebookValidationJobs, {
              namespace,
              pageSize,
            })
          ).items,
        );
      } catch (error) {
        if (error instanceof ClusterRequestError && error.resourceNotFound)
          return undefined;
        throw error;
      }
      pods.push(
        ...(
          await client.list(RESOURCES.pods, {
            namespace,
            labelSelector: LABEL_NOTEBOOK_VALIDATION_JOB,
            pageSize,
          })
        ).items,
      );
    }
    const stored = await store.versions(client.cluster);
    const written = await this.summarizeAndStore(
      client,
      jobs,
      pods,
      seenAt,
      stored,
    );
    const present = new Set(jobs.map(j => keyOf(client.cluster, j)));
    const inScope = (namespace: string) =>
      !this.options.namespaces?.length ||
      this.options.namespaces.includes(namespace);
    const gone = [...stored.entries()]
      .filter(([key, value]) => !value.pruned && !present.has(key))
      .map(([key]) => {
        const [cluster, namespace, ...name] = key.split('/');
        return { cluster, namespace, name: name.join('/') };
      })
      .filter(k => inScope(k.namespace));
    const pruned = gone.length ? await store.markPruned(gone) : 0;
    return { listed: jobs.length, written, pruned };
  }

  private now() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
