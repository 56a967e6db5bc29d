import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_VALIDATION_SELECTOR,
  ClusterReadStatus,
  modelopsLogsReadPermission,
  NotebookJobSummary,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  PodLogTail,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import { EntityOwnership } from '../access/EntityOwnership';
import { authorizeOnEntities } from '../access/authorizeOnEntities';
import { statusOfEachCluster } from '../database/clusterStatusTable';
import { RunKey } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';
import { entitySelector } from '../service/entitySelector';
import { clusterFailure, tailLogResponse } from '../service/routeHelpers';

/** What {@link ValidationService} needs. */
export interface ValidationServiceOptions {
  store: ValidationStore;
  clusters: Map<string, ClusterClient>;
  permissions: PermissionsService;
  ownership: EntityOwnership;
  maxLogBytes: number;
}

const describe = (key: RunKey) =>
  `NotebookValidationJob ${key.namespace}/${key.name} on ${key.cluster}`;

/**
 * The notebook validation history as one caller may see it: jobs of entities the caller may
 * read (annotation `modelops.io/validation-selector`, else `backstage.io/kubernetes-id`), and the
 * validation pod's log under `modelops.logs.read`.
 */
export class ValidationService {
  constructor(private readonly options: ValidationServiceOptions) {}

  /**
   * How the last read of each configured cluster's NotebookValidationJobs went,
   * `never-collected` for one not read yet.
   */
  async clusterStatuses(): Promise<ClusterReadStatus[]> {
    return statusOfEachCluster(
      this.options.clusters.keys(),
      await this.options.store.clusterStatuses(),
    );
  }

  /** One page of the jobs an entity selects, in wave order. */
  async list(
    entity: Entity,
    page: { limit: number; offset: number },
    credentials: BackstageCredentials,
  ) {
    const { text, selector } = entitySelector(
      entity,
      ANNOTATION_VALIDATION_SELECTOR,
    );
    const only = await this.options.ownership.listRestriction(
      entity,
      selector,
      credentials,
    );
    const [{ itemsJson, totalCount }, clusters] = await Promise.all([
      this.options.store.listJson(selector, { ...page, only }),
      this.clusterStatuses(),
    ]);
    return { itemsJson, selector: text, totalCount, clusters };
  }

  /** A job and the entities it belongs to that the caller may read; 404 when there are none. */
  async get(
    key: RunKey,
    credentials: BackstageCredentials,
  ): Promise<{ job: NotebookJobSummary; owners: Entity[] }> {
    const job = await this.options.store.get(key);
    const owners = job
      ? await this.options.ownership.owners(job.labels, credentials)
      : [];
    if (!job || owners.length === 0)
      throw new NotFoundError(`${describe(key)} is not known`);
    return { job, owners };
  }

  /** The log of a job's validation pod (its first container). */
  async log(key: RunKey, credentials: BackstageCredentials) {
    const { job, owners } = await this.get(key, credentials);
    await authorizeOnEntities(
      this.options.permissions,
      modelopsLogsReadPermission,
      owners,
      credentials,
      'read the logs of the notebook validation jobs',
    );
    if (!job.podName)
      throw new NotFoundError(
        `NotebookValidationJob ${key.name} has no validation pod yet (phase ${job.phase})`,
      );
    const client = this.options.clusters.get(key.cluster);
    if (!client)
      throw new NotFoundError(`no cluster named ${key.cluster} is configured`);
    const { maxLogBytes } = this.options;
    let tail: PodLogTail;
    try {
      const pod = await client.get(RESOURCES.pods, key.namespace, job.podName);
      if (!pod)
        throw new NotFoundError(
          `the validation pod ${job.podName} of ${key.name} is gone from ${key.cluster}, and its log with it`,
        );
      const containers = (
        (pod.spec as { containers?: Array<{ name?: string }> } | undefined)
          ?.containers ?? []
      )
        .map(c => c.name)
        .filter(Boolean);
      tail = await client.podLogTail(
        key.namespace,
        job.podName,
        containers[0] ?? 'validator',
        { limitBytes: maxLogBytes },
      );
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      return clusterFailure(error);
    }
    return { pod: job.podName, ...tailLogResponse(tail, maxLogBytes) };
  }
}
