import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ClusterClient,
  ClusterRequestError,
  createClusterClient,
  ModelRegistryClient,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { LABEL_KUBERNETES_ID } from '@private-ai/plugin-modelops-common';
import pLimit from 'p-limit';
import { buildEntities, RegistrySnapshot } from './buildEntities';
import { readModelRegistryProviderConfigs } from './ModelRegistryProviderConfig';

/** One registry, as the provider's constructor takes it (see `fromConfig`). @public */
export interface RegistryProviderConfig {
  id: string;
  baseUrl: string;
  token?: string;
  owner: string;
  archived: 'skip' | 'show';
  /** Names of the clusters that hold this registry's InferenceServices. */
  clusters: string[];
  timeoutMs?: number;
  /** Version names must match this (default `MODELCAR_VERSION_NAME_PATTERN`). */
  versionNamePattern?: RegExp;
  /** Base URLs of the other configured registries (their ModelCar runs are not this one's). */
  otherRegistryUrls?: string[];
}

/**
 * Outcome of the last refresh, for logs and the status route (`GET
 * /api/catalog/modelops-registries`): while `state` is `error`, the catalog holds the entities
 * of `lastSuccessAt` and `message` says what failed since `errorSince`.
 * @public
 */
export interface ProviderStatus {
  provider: string;
  /** The registry id (`catalog.providers.modelops.<id>`, the `modelops.io/registry` annotation). */
  registry: string;
  state: 'ok' | 'error' | 'never-run';
  message?: string;
  entities?: number;
  warnings?: string[];
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** First failed attempt of the current run of failures. */
  errorSince?: string;
}

/**
 * Registered models, versions and model servers of one Model Registry, as catalog entities.
 * Every refresh is a full mutation; a refresh that fails anywhere applies no mutation, so the
 * entities from the last good refresh stay, and the error is logged and kept in `status`.
 */
export class ModelRegistryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly statusListeners: Array<
    (status: ProviderStatus) => Promise<void>
  > = [];
  status: ProviderStatus;

  constructor(
    private readonly config: RegistryProviderConfig,
    private readonly clusters: ClusterClient[],
    private readonly logger: LoggerService,
    private readonly schedule?: SchedulerServiceTaskRunner,
    private readonly client = new ModelRegistryClient({
      baseUrl: config.baseUrl,
      token: config.token,
      timeoutMs: config.timeoutMs ?? 15_000,
    }),
  ) {
    this.status = {
      provider: this.getProviderName(),
      registry: config.id,
      state: 'never-run',
    };
  }

  /**
   * One provider per registry under `catalog.providers.modelops`, each refreshed on its
   * schedule (default every 5 minutes) by a task `modelops-registry:<id>:refresh`.
   */
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService; scheduler: SchedulerService },
  ): ModelRegistryEntityProvider[] {
    return readModelRegistryProviderConfigs(config).map(
      c =>
        new ModelRegistryEntityProvider(
          {
            id: c.id,
            baseUrl: c.baseUrl,
            owner: c.owner,
            archived: c.archived,
            clusters: c.clusters.map(k => k.name),
            versionNamePattern: c.versionNamePattern,
            otherRegistryUrls: c.otherRegistryUrls,
          },
          c.clusters.map(createClusterClient),
          deps.logger.child({ provider: `modelops-registry:${c.id}` }),
          deps.scheduler.createScheduledTaskRunner(c.schedule),
          c.client,
        ),
    );
  }

  /** Called with the status after every refresh (the module publishes it to every replica). */
  onStatus(listener: (status: ProviderStatus) => Promise<void>): void {
    this.statusListeners.push(listener);
  }

  private async setStatus(status: ProviderStatus) {
    this.status = status;
    for (const listener of this.statusListeners) {
      try {
        await listener(status);
      } catch (error) {
        this.logger.warn(
          `${this.getProviderName()}: could not publish the refresh status: ${error}`,
        );
      }
    }
  }

  getProviderName(): string {
    return `modelops-registry:${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** Reads the registry and the clusters; returns the snapshot (throws on any failure). */
  async read(): Promise<RegistrySnapshot> {
    const models = await this.client.listRegisteredModels();
    const versions = new Map<
      string,
      Awaited<ReturnType<ModelRegistryClient['listModelVersions']>>
    >();
    const limit = pLimit(8);
    await Promise.all(
      models.map(m =>
        limit(async () =>
          versions.set(m.id, await this.client.listModelVersions(m.id)),
        ),
      ),
    );
    const allVersions = [...versions.values()].flat();
    const artifacts = new Map<
      string,
      Awaited<ReturnType<ModelRegistryClient['listArtifacts']>>
    >();
    await Promise.all(
      allVersions.map(v =>
        limit(async () =>
          artifacts.set(v.id, await this.client.listArtifacts(v.id)),
        ),
      ),
    );
    const inferenceServices = await this.client.listInferenceServices();
    const clusterInferenceServices: RegistrySnapshot['clusterInferenceServices'] =
      [];
    const clusterPipelineRuns: RegistrySnapshot['clusterPipelineRuns'] = [];
    for (const cluster of this.clusters) {
      const { items } = await cluster.list(RESOURCES.inferenceServices);
      clusterInferenceServices.push(
        ...items.map(object => ({ cluster: cluster.cluster, object })),
      );
      // ModelCar runs of models the registry does not have yet give those models a page now.
      // A cluster without Tekton (the API server says NotFound) has none; any other failure,
      // a 404 from a proxy or a wrong URL too, fails the refresh as above.
      const runs = await cluster
        .list(RESOURCES.pipelineRuns, { labelSelector: LABEL_KUBERNETES_ID })
        .catch(error => {
          if (error instanceof ClusterRequestError && error.resourceNotFound)
            return { items: [] };
          throw error;
        });
      clusterPipelineRuns.push(
        ...runs.items.map(object => ({ cluster: cluster.cluster, object })),
      );
    }
    return {
      registryId: this.config.id,
      baseUrl: this.config.baseUrl,
      owner: this.config.owner,
      archived: this.config.archived,
      versionNamePattern: this.config.versionNamePattern,
      models,
      versions,
      artifacts,
      inferenceServices,
      clusterInferenceServices,
      clusterPipelineRuns,
      otherRegistryUrls: this.config.otherRegistryUrls,
    };
  }

  async refresh(): Promise<void> {
    const attemptAt = new Date().toISOString();
    if (!this.connection)
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog`,
      );
    let snapshot: RegistrySnapshot;
    try {
      snapshot = await this.read();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        `${this.getProviderName()}: refresh failed, no mutation applied: the catalog keeps the entities of ${
          this.status.lastSuccessAt ?? 'no earlier refresh (none yet)'
        }: ${message}`,
      );
      await this.setStatus({
        ...this.status,
        state: 'error',
        message,
        lastAttemptAt: attemptAt,
        errorSince:
          this.status.state === 'error'
            ? this.status.errorSince ?? attemptAt
            : attemptAt,
      });
      return;
    }
    const { entities, warnings } = buildEntities(snapshot);
    for (const warning of warnings)
      this.logger.warn(`${this.getProviderName()}: ${warning}`);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    await this.setStatus({
      provider: this.getProviderName(),
      registry: this.config.id,
      state: 'ok',
      entities: entities.length,
      warnings,
      lastAttemptAt: attemptAt,
      lastSuccessAt: attemptAt,
    });
    this.logger.info(
      `${this.getProviderName()}: ${entities.length} entities from ${
        snapshot.models.length
      } registered models`,
    );
  }
}
