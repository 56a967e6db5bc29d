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
  createClusterClient,
  ModelRegistryClient,
} from '@private-ai/plugin-modelops-node';
import { planEntities, RegistrySnapshot } from './buildEntities';
import { leanInferenceService } from './entities/leanRecords';
import { EntityDelta } from './incremental/EntityDelta';
import { PlannedEntity } from './incremental/PlannedEntity';
import { RegistryCache } from './incremental/RegistryCache';
import { readModelRegistryProviderConfigs } from './ModelRegistryProviderConfig';
import { ClusterServingCache } from './serving/ClusterServingCache';

const DEFAULT_FULL_REFRESH_MS = 24 * 60 * 60 * 1000;
const DEFAULT_CLUSTER_WATCH_MS = 1000;

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
  /** Milliseconds between full refreshes (default a day); the refreshes between are incremental. */
  fullRefreshMs?: number;
  /**
   * How long an incremental refresh watches each cluster for the InferenceServices and ModelCar
   * runs changed since the last refresh (default 1000 ms); a full refresh lists them instead.
   */
  clusterWatchMs?: number;
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
  /** Last refresh that read the whole registry and handed the catalog every entity. */
  lastFullRefreshAt?: string;
  /** Entities handed to the catalog by the last refresh (all on a full one, the changed ones otherwise). */
  handed?: number;
}

/**
 * Registered models, versions and model servers of one Model Registry, as catalog entities.
 *
 * The first refresh, and one every `fullRefreshMs` (default a day) as a safety net, reads the
 * whole registry and applies a full mutation. The refreshes between read only the models,
 * versions and artifacts updated since (newest first by last update time: one request per
 * collection when nothing changed) and the clusters' InferenceServices and ModelCar runs
 * changed since (a watch from the last refresh's resourceVersion, for `clusterWatchMs`), and
 * hand the catalog only the entities that differ (a delta mutation; none when nothing changed).
 *
 * A refresh that fails anywhere applies no mutation, so the entities from the last good refresh
 * stay, and the error is logged and kept in `status`.
 */
export class ModelRegistryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly statusListeners: Array<
    (status: ProviderStatus) => Promise<void>
  > = [];
  status: ProviderStatus;
  private cache?: RegistryCache;
  private readonly delta = new EntityDelta();
  private lastFullRefreshMs = 0;
  private readonly serving: ClusterServingCache[];

  constructor(
    private readonly config: RegistryProviderConfig,
    clusters: ClusterClient[],
    private readonly logger: LoggerService,
    private readonly schedule?: SchedulerServiceTaskRunner,
    private readonly client = new ModelRegistryClient({
      baseUrl: config.baseUrl,
      token: config.token,
      timeoutMs: config.timeoutMs ?? 15_000,
    }),
  ) {
    this.serving = clusters.map(c => new ClusterServingCache(c, logger));
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
            fullRefreshMs: c.fullRefreshMs,
            clusterWatchMs: c.clusterWatchMs,
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

  /**
   * Takes note of a refresh status published by any replica. A successful refresh of this
   * provider on another replica, newer than this replica's last one, changed the catalog behind
   * this replica's back (it may have added entities that are gone since), so this replica's next
   * refresh is a full one instead of a delta against what it last handed.
   */
  noteStatus(status: ProviderStatus): void {
    if (
      status.provider === this.getProviderName() &&
      status.state === 'ok' &&
      (status.lastSuccessAt ?? '') > (this.status.lastAttemptAt ?? '')
    )
      this.cache = undefined;
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
    const registry = await RegistryCache.readAll(this.client);
    return this.snapshotOf(registry.lists(), await this.readServing());
  }

  /**
   * The registry's InferenceServices and the clusters' servers and ModelCar runs: listed on a
   * full refresh (and the first), else the changes since the last refresh, watched for
   * `clusterWatchMs` (see `ClusterServingCache`).
   */
  private async readServing(full = true) {
    const inferenceServices = (await this.client.listInferenceServices()).map(
      leanInferenceService,
    );
    const clusterInferenceServices: RegistrySnapshot['clusterInferenceServices'] =
      [];
    const clusterPipelineRuns: RegistrySnapshot['clusterPipelineRuns'] = [];
    await Promise.all(
      this.serving.map(cache =>
        cache.sync(
          full,
          this.config.clusterWatchMs ?? DEFAULT_CLUSTER_WATCH_MS,
        ),
      ),
    );
    for (const cache of this.serving) {
      const objects = cache.snapshot();
      clusterInferenceServices.push(...objects.clusterInferenceServices);
      clusterPipelineRuns.push(...objects.clusterPipelineRuns!);
    }
    return { inferenceServices, clusterInferenceServices, clusterPipelineRuns };
  }

  private snapshotOf(
    registry: Pick<RegistrySnapshot, 'models' | 'versions' | 'artifacts'>,
    serving: Awaited<ReturnType<ModelRegistryEntityProvider['readServing']>>,
  ): RegistrySnapshot {
    return {
      registryId: this.config.id,
      baseUrl: this.config.baseUrl,
      owner: this.config.owner,
      archived: this.config.archived,
      versionNamePattern: this.config.versionNamePattern,
      ...registry,
      ...serving,
      otherRegistryUrls: this.config.otherRegistryUrls,
    };
  }

  /**
   * The snapshot of this refresh: the whole registry when a full refresh is due (or the cache
   * cannot place a change), else the cache brought up to date with what changed.
   */
  private async readForRefresh(): Promise<{
    snapshot: RegistrySnapshot;
    cache: RegistryCache;
    full: boolean;
  }> {
    const due =
      Date.now() - this.lastFullRefreshMs >=
      (this.config.fullRefreshMs ?? DEFAULT_FULL_REFRESH_MS);
    let cache = due ? undefined : this.cache;
    if (cache && (await cache.update(this.client)) === 'full-read-needed') {
      this.logger.info(
        `${this.getProviderName()}: an artifact changed on a version not read before; reading the whole registry`,
      );
      cache = undefined;
    }
    const full = !cache;
    cache ??= await RegistryCache.readAll(this.client);
    const serving = await this.readServing(full);
    return { snapshot: this.snapshotOf(cache.lists(), serving), cache, full };
  }

  async refresh(): Promise<void> {
    const attemptAt = new Date().toISOString();
    if (!this.connection)
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog`,
      );
    let read: Awaited<
      ReturnType<ModelRegistryEntityProvider['readForRefresh']>
    >;
    try {
      read = await this.readForRefresh();
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
    const { snapshot, cache, full } = read;
    // Entities are built from the lean records only when handed (the catalog reads each of a
    // full mutation when it needs it) or compared; only the changed ones are kept together.
    const { plans, warnings } = planEntities(snapshot);
    for (const warning of warnings)
      this.logger.warn(`${this.getProviderName()}: ${warning}`);
    let handed: number;
    if (full) {
      await this.connection.applyMutation({
        type: 'full',
        entities: plans.map(
          plan => new PlannedEntity(snapshot, plan, this.getProviderName()),
        ),
      });
      this.delta.reset(snapshot, plans);
      this.cache = cache;
      this.lastFullRefreshMs = Date.parse(attemptAt);
      handed = plans.length;
    } else {
      const { added, removed, commit } = this.delta.diff(snapshot, plans);
      if (added.length || removed.length)
        await this.connection.applyMutation({
          type: 'delta',
          added: added.map(entity => ({
            entity,
            locationKey: this.getProviderName(),
          })),
          removed: removed.map(entityRef => ({
            entityRef,
            locationKey: this.getProviderName(),
          })),
        });
      commit();
      handed = added.length + removed.length;
    }
    await this.setStatus({
      provider: this.getProviderName(),
      registry: this.config.id,
      state: 'ok',
      entities: plans.length,
      handed,
      warnings,
      lastAttemptAt: attemptAt,
      lastSuccessAt: attemptAt,
      lastFullRefreshAt: new Date(this.lastFullRefreshMs).toISOString(),
    });
    this.logger.info(
      `${this.getProviderName()}: ${plans.length} entities from ${
        snapshot.models.length
      } registered models; ${
        full ? 'full refresh' : 'incremental refresh'
      }, ${handed} handed to the catalog`,
    );
  }
}
