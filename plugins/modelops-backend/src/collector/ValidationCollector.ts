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
import { ValidationStore } from '../database/ValidationStore';

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
 * successful list is marked pruned, never deleted; a failed list changes nothing.
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
        try {
          const result = await this.collectCluster(client);
          if (!result) {
            stats.withoutOperator.push(client.cluster);
            return;
          }
          stats.listed += result.listed;
          stats.written += result.written;
          stats.pruned += result.pruned;
        } catch (error) {
          stats.failedClusters.push(client.cluster);
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

  /** Undefined when the cluster does not serve NotebookValidationJobs. */
  private async collectCluster(client: ClusterClient) {
    const { store, pageSize } = this.options;
    const seenAt = (this.options.now?.() ?? new Date()).toISOString();
    const namespaces = this.options.namespaces?.length
      ? this.options.namespaces
      : [undefined];
    const jobs: KubernetesObject[] = [];
    const pods = new Map<string, KubernetesObject>();
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
      const { items } = await client.list(RESOURCES.pods, {
        namespace,
        labelSelector: LABEL_NOTEBOOK_VALIDATION_JOB,
        pageSize,
      });
      for (const pod of items) {
        const job = pod.metadata?.labels?.[LABEL_NOTEBOOK_VALIDATION_JOB];
        const key = `${pod.metadata?.namespace}/${job}`;
        // A retried job has several pods: the newest one is the one that counts.
        const known = pods.get(key);
        if (
          !known ||
          String(pod.metadata?.creationTimestamp ?? '') >
            String(known.metadata?.creationTimestamp ?? '')
        )
          pods.set(key, pod);
      }
    }
    const podOf = (job: KubernetesObject) => {
      const byName =
        job.status &&
        (job.status as { validationPodName?: string }).validationPodName;
      const labelled = pods.get(
        `${job.metadata?.namespace}/${job.metadata?.name}`,
      );
      return byName && labelled?.metadata?.name !== byName
        ? [...pods.values()].find(
            p =>
              p.metadata?.namespace === job.metadata?.namespace &&
              p.metadata?.name === byName,
          ) ?? labelled
        : labelled;
    };

    const stored = await store.versions(client.cluster);
    const changed: Array<{ summary: NotebookJobSummary; podVersion?: string }> =
      [];
    for (const job of jobs) {
      const pod = podOf(job);
      const known = stored.get(keyOf(client.cluster, job));
      const podVersion = pod?.metadata?.resourceVersion;
      if (
        known &&
        !known.pruned &&
        known.uid === job.metadata?.uid &&
        known.resourceVersion === job.metadata?.resourceVersion &&
        known.podVersion === podVersion
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
    if (changed.length) {
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
    }
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
    return { listed: jobs.length, written: changed.length, pruned };
  }
}
