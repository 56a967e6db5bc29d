import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_RERUN_OF,
  ClusterReadStatus,
  isFinalStatus,
  isOpenedFailure,
  modelopsLogsReadPermission,
  modelopsPipelineRunCancelPermission,
  modelopsPipelineRunRerunPermission,
  PipelineRunSummary,
  RunListItem,
  RunRef,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  KubernetesObject,
  recordFilter,
  RESOURCES,
  ResultsRequestError,
  TektonResultsClient,
} from '@private-ai/plugin-modelops-node';
import { EntityOwnership } from '../access/EntityOwnership';
import { authorizeOnEntities } from '../access/authorizeOnEntities';
import { statusOfEachCluster } from '../database/clusterStatusTable';
import { KeysetPosition } from '../database/labelSelectorQuery';
import { RunKey, RunStore } from '../database/RunStore';
import { entitySelector } from '../service/entitySelector';
import { clusterFailure, tailLogResponse } from '../service/routeHelpers';

/** What {@link RunService} needs. */
export interface RunServiceOptions {
  store: RunStore;
  clusters: Map<string, ClusterClient>;
  permissions: PermissionsService;
  ownership: EntityOwnership;
  logger: LoggerService;
  /** The namespaces the collector reads (`modelops.collector.namespaces`); undefined: all. */
  namespaces?: string[];
  /** Largest log returned per container. */
  maxLogBytes: number;
  /** Asks the collector to run soon (after a re-run or cancel). */
  onClusterChanged?: (cluster: string) => void;
  /** Tekton Results servers by cluster: where the logs of pruned runs are read. */
  results?: Map<string, TektonResultsClient>;
}

/** A container log as the routes return it. */
export type BoundedLog = ReturnType<typeof tailLogResponse>;

const describe = (key: RunKey) =>
  `run ${key.namespace}/${key.name} on ${key.cluster}`;

/**
 * The run history as one caller may see and act on it: lists, details and logs of runs whose
 * entity the caller may read, re-run and cancel under the resource permissions of that entity,
 * only for runs the history knows, in the configured namespaces and clusters.
 */
export class RunService {
  constructor(private readonly options: RunServiceOptions) {}

  /** Statuses of every configured cluster, `never-collected` for one not read yet. */
  async clusterStatuses(): Promise<ClusterReadStatus[]> {
    return statusOfEachCluster(
      this.options.clusters.keys(),
      await this.options.store.clusterStatuses(),
    );
  }

  /**
   * One page of the runs an entity selects, without runs of models the caller may not read (a
   * pipeline's entity selects the runs of every model): by offset, or after the position of a
   * cursor (`after`), with where the next page starts (`next`). With `withNewestFailure`, also
   * the details of the page's newest failure: a run of the page, so the caller may read it.
   */
  async list(
    entity: Entity,
    page: {
      limit: number;
      offset?: number;
      after?: KeysetPosition;
      withNewestFailure?: boolean;
    },
    credentials: BackstageCredentials,
  ) {
    const { text, selector } = entitySelector(
      entity,
      ANNOTATION_PIPELINE_SELECTOR,
    );
    const only = await this.options.ownership.listRestriction(
      entity,
      selector,
      credentials,
    );
    const [{ itemsJson, totalCount, totalCountCapped, next }, clusters] =
      await Promise.all([
        this.options.store.listJson(selector, {
          limit: page.limit,
          offset: page.offset,
          after: page.after,
          only,
        }),
        this.clusterStatuses(),
      ]);
    const newestFailure = page.withNewestFailure
      ? await this.newestFailure(itemsJson)
      : undefined;
    return {
      itemsJson,
      selector: text,
      totalCount,
      totalCountCapped: totalCountCapped ?? false,
      clusters,
      next,
      ...(newestFailure ? { newestFailure } : {}),
    };
  }

  /** The details of the first failure of a page (newest first); stored items parsed until found. */
  private async newestFailure(
    itemsJson: string[],
  ): Promise<PipelineRunSummary | undefined> {
    for (const json of itemsJson) {
      const item = JSON.parse(json) as RunListItem;
      if (isOpenedFailure(item)) {
        return this.options.store.get({
          cluster: item.cluster,
          namespace: item.namespace,
          name: item.name,
        });
      }
    }
    return undefined;
  }

  /** A run and the entities it belongs to that the caller may read; 404 when there are none. */
  async get(
    key: RunKey,
    credentials: BackstageCredentials,
  ): Promise<{ run: PipelineRunSummary; owners: Entity[] }> {
    const run = await this.options.store.get(key);
    // The same answer for an unknown run and a run of an entity the caller may not read.
    const owners = run
      ? await this.options.ownership.owners(run.labels, credentials)
      : [];
    if (!run || owners.length === 0)
      throw new NotFoundError(`${describe(key)} is not known`);
    return { run, owners };
  }

  /** The log of one step of a run (permission `modelops.logs.read` on its entity). */
  async log(
    key: RunKey,
    taskName: string,
    stepName: string,
    credentials: BackstageCredentials,
  ): Promise<BoundedLog> {
    const { run, owners } = await this.get(key, credentials);
    await authorizeOnEntities(
      this.options.permissions,
      modelopsLogsReadPermission,
      owners,
      credentials,
      'read the logs of the runs',
    );
    const task = run.tasks.find(t => t.name === taskName);
    if (!task)
      throw new NotFoundError(`run ${key.name} has no task ${taskName}`);
    const step = task.steps.find(s => s.name === stepName);
    const podName = task.podName ?? task.pod?.name;
    if (!podName || !step)
      throw new NotFoundError(
        `task ${taskName} of ${key.name} has no pod or no step ${stepName}`,
      );
    const { maxLogBytes } = this.options;
    if (run.pruned) {
      const archive = this.options.results?.get(key.cluster);
      if (!archive)
        throw new NotFoundError(
          `run ${key.name} was pruned from ${key.cluster}: its logs are gone with its pods`,
        );
      return this.archivedLog(archive, key, taskName, maxLogBytes);
    }
    try {
      const tail = await this.cluster(key.cluster).podLogTail(
        key.namespace,
        podName,
        step.container ?? `step-${step.name}`,
        { limitBytes: maxLogBytes },
      );
      return tailLogResponse(tail, maxLogBytes);
    } catch (error) {
      return clusterFailure(error);
    }
  }

  /**
   * Starts a new PipelineRun with the spec and labels of a finished one (permission
   * `modelops.pipelinerun.rerun` on its entity).
   */
  async rerun(key: RunKey, credentials: BackstageCredentials): Promise<RunRef> {
    const { run, owners } = await this.actionable(key, credentials);
    await authorizeOnEntities(
      this.options.permissions,
      modelopsPipelineRunRerunPermission,
      owners,
      credentials,
      're-run the pipeline runs',
    );
    const client = this.cluster(key.cluster);
    const pruned = () =>
      new ConflictError(
        `run ${key.name} no longer exists on ${key.cluster} (pruned): its spec is gone, start the pipeline anew`,
      );
    if (run.pruned) throw pruned();
    let original: KubernetesObject | undefined;
    try {
      original = await client.get(
        RESOURCES.pipelineRuns,
        key.namespace,
        key.name,
      );
    } catch (error) {
      return clusterFailure(error);
    }
    if (!original) throw pruned();
    const { status: _specStatus, ...spec } = (original.spec ?? {}) as Record<
      string,
      unknown
    >;
    const labels = Object.fromEntries(
      Object.entries(original.metadata?.labels ?? {}).filter(
        ([k]) =>
          !k.startsWith('tekton.dev/') && !k.startsWith('triggers.tekton.dev/'),
      ),
    );
    const base = (
      original.metadata?.labels?.['tekton.dev/pipeline'] ??
      key.name.replace(/-[a-z0-9]{5}$/, '')
    ).slice(0, 50);
    const user =
      'principal' in credentials &&
      (credentials.principal as { userEntityRef?: string }).userEntityRef;
    let created: KubernetesObject;
    try {
      created = await client.create(RESOURCES.pipelineRuns, key.namespace, {
        apiVersion: original.apiVersion ?? 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          generateName: `${base}-`,
          namespace: key.namespace,
          labels,
          annotations: {
            [ANNOTATION_RERUN_OF]: key.name,
            ...(user ? { 'pipeline.openshift.io/started-by': user } : {}),
          },
        },
        spec,
      });
    } catch (error) {
      return clusterFailure(error);
    }
    this.options.logger.info(
      `re-run of ${key.namespace}/${key.name} on ${key.cluster} created ${
        created.metadata?.name
      }${user ? ` for ${user}` : ''}`,
    );
    this.options.onClusterChanged?.(key.cluster);
    return {
      cluster: key.cluster,
      namespace: key.namespace,
      name: created.metadata?.name ?? '',
    };
  }

  /** Asks Tekton to cancel a run that has not ended (permission `modelops.pipelinerun.cancel`). */
  async cancel(key: RunKey, credentials: BackstageCredentials): Promise<void> {
    const { run, owners } = await this.actionable(key, credentials);
    await authorizeOnEntities(
      this.options.permissions,
      modelopsPipelineRunCancelPermission,
      owners,
      credentials,
      'cancel the pipeline runs',
    );
    if (isFinalStatus(run.status))
      throw new ConflictError(
        `run ${key.name} already ended (${run.status}); there is nothing to cancel`,
      );
    if (run.pruned)
      throw new ConflictError(
        `run ${key.name} was pruned from ${key.cluster}; there is nothing to cancel`,
      );
    try {
      await this.cluster(key.cluster).patch(
        RESOURCES.pipelineRuns,
        key.namespace,
        key.name,
        { spec: { status: 'Cancelled' } },
      );
    } catch (error) {
      clusterFailure(error);
    }
    this.options.onClusterChanged?.(key.cluster);
  }

  /** A run the caller may see, on a configured cluster, in a configured namespace. */
  private async actionable(key: RunKey, credentials: BackstageCredentials) {
    const found = await this.get(key, credentials);
    this.cluster(key.cluster);
    const { namespaces } = this.options;
    if (namespaces && !namespaces.includes(key.namespace))
      throw new NotAllowedError(
        `namespace ${
          key.namespace
        } is not one of modelops.collector.namespaces (${namespaces.join(
          ', ',
        )}): ModelOps acts only on runs in the namespaces it collects`,
      );
    return found;
  }

  /**
   * The log of a pruned run's task from Tekton Results. The archive keeps one log per TaskRun
   * (every step in order), so the answer is the end of the whole task's log.
   */
  private async archivedLog(
    archive: TektonResultsClient,
    key: RunKey,
    taskName: string,
    maxLogBytes: number,
  ): Promise<BoundedLog> {
    try {
      const [record] = await archive.allRecords({
        parent: key.namespace,
        filter: recordFilter({
          type: 'taskRun',
          labels: {
            'tekton.dev/pipelineRun': key.name,
            'tekton.dev/pipelineTask': taskName,
          },
        }),
        orderBy: 'create_time desc',
        pageSize: 1,
      });
      if (!record)
        throw new NotFoundError(
          `run ${key.name} was pruned from ${key.cluster} and Tekton Results has no record of its task ${taskName}`,
        );
      if (
        (record.data as { metadata?: { namespace?: string } }).metadata
          ?.namespace !== key.namespace
      )
        throw new NotFoundError(
          `Tekton Results has task ${taskName} of ${key.name} in another namespace than ${key.namespace}`,
        );
      return tailLogResponse(
        await archive.logTail(record.name, maxLogBytes),
        maxLogBytes,
      );
    } catch (error) {
      if (error instanceof ResultsRequestError && error.notFound)
        throw new NotFoundError(
          `run ${key.name} was pruned from ${key.cluster} and Tekton Results keeps no log of its task ${taskName}`,
        );
      if (error instanceof ResultsRequestError)
        throw new ServiceUnavailableError(error.message);
      throw error;
    }
  }

  private cluster(name: string): ClusterClient {
    const client = this.options.clusters.get(name);
    if (!client)
      throw new NotFoundError(`no cluster named ${name} is configured`);
    return client;
  }
}
