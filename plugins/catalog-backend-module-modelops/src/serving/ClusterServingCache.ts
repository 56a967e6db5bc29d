import { LoggerService } from '@backstage/backend-plugin-api';
import { LABEL_KUBERNETES_ID } from '@private-ai/plugin-modelops-common';
import { ClusterClient, RESOURCES } from '@private-ai/plugin-modelops-node';
import { RegistrySnapshot } from '../entities/RegistrySnapshot';
import {
  leanInferenceServiceObject,
  leanModelCarRun,
} from './leanClusterObjects';
import { WatchedResource } from './WatchedResource';

/**
 * What the registry's entities need of one cluster: its InferenceServices (model servers) and
 * its ModelCar PipelineRuns labelled with `backstage.io/kubernetes-id` (a build of a model the
 * registry does not have yet gives that model a page), each as lean copies kept up to date by
 * list-then-watch (see {@link WatchedResource}).
 */
export class ClusterServingCache {
  private readonly inferenceServices: WatchedResource;
  private readonly pipelineRuns: WatchedResource;

  constructor(readonly client: ClusterClient, logger: LoggerService) {
    const log = logger.child({ cluster: client.cluster });
    this.inferenceServices = new WatchedResource({
      client,
      resource: RESOURCES.inferenceServices,
      lean: leanInferenceServiceObject,
      logger: log,
    });
    this.pipelineRuns = new WatchedResource({
      client,
      resource: RESOURCES.pipelineRuns,
      labelSelector: LABEL_KUBERNETES_ID,
      lean: leanModelCarRun,
      // A cluster without Tekton has no runs; any other failure (a 404 from a proxy or a wrong
      // URL too) fails the refresh.
      absentWhenNotFound: true,
      logger: log,
    });
  }

  /** Lists both (when `relist` or never listed) or watches both for `watchMs`; throws on failure. */
  async sync(relist: boolean, watchMs: number): Promise<void> {
    // InferenceServices first: their failure is the one a refresh reports.
    const results = await Promise.allSettled([
      this.inferenceServices.sync(relist, watchMs),
      this.pipelineRuns.sync(relist, watchMs),
    ]);
    for (const result of results)
      if (result.status === 'rejected') throw result.reason;
  }

  /** The cluster's objects as the snapshot lists them. */
  snapshot(): Pick<
    RegistrySnapshot,
    'clusterInferenceServices' | 'clusterPipelineRuns'
  > {
    const { cluster } = this.client;
    return {
      clusterInferenceServices: [
        ...this.inferenceServices.objects.values(),
      ].map(object => ({ cluster, object })),
      clusterPipelineRuns: [...this.pipelineRuns.objects.values()].map(
        object => ({ cluster, object }),
      ),
    };
  }
}
