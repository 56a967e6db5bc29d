import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATION_PIPELINE_SELECTOR,
  MAX_LOG_BYTES,
  modelopsPipelineRunCancelPermission,
  modelopsPipelineRunCreatePermission,
  RunListResponse,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  PodLogTail,
  KubernetesObject,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import express from 'express';
import Router from 'express-promise-router';
import { RunStore } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';
import { addValidationRoutes } from './validationRoutes';
import { addEvaluationRoutes, PUBLISH_PATH } from './evaluationRoutes';
import { EvaluationService } from '../evaluation/EvaluationService';
import { entityOfQuery, entitySelector } from './entitySelector';
import {
  tailLogResponse,
  clusterFailure,
  NAME,
  positiveInt,
} from './routeHelpers';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  logger: LoggerService;
  store: RunStore;
  /** Notebook validation history. */
  validations: ValidationStore;
  /** Evaluation gate and publishing. */
  evaluations?: EvaluationService;
  clusters: Map<string, ClusterClient>;
  /** Largest log returned per container. */
  maxLogBytes?: number;
  /** Asks the collector to run soon (after a re-run or cancel). */
  onClusterChanged?: (cluster: string) => void;
}

const FINAL = ['Succeeded', 'Failed', 'Cancelled', 'TimedOut'];
/** The REST API of the ModelOps backend. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, clusters } = options;
  const maxLogBytes = options.maxLogBytes ?? MAX_LOG_BYTES;
  const router = Router();
  const smallJson = express.json({ limit: '64kb' });
  router.use((request, response, next) =>
    request.path === PUBLISH_PATH ? next() : smallJson(request, response, next),
  );

  async function authorize(
    request: express.Request,
    permission: BasicPermission,
    what: string,
  ) {
    const credentials = await httpAuth.credentials(request);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `you may not ${what} (permission ${permission.name})`,
      );
    }
    return credentials;
  }

  function runKey(request: express.Request) {
    const { cluster, namespace, name } = request.params;
    if (!NAME.test(namespace) || !NAME.test(name))
      throw new InputError(`invalid run reference ${namespace}/${name}`);
    return { cluster, namespace, name };
  }

  function clusterOf(name: string): ClusterClient {
    const client = clusters.get(name);
    if (!client)
      throw new NotFoundError(`no cluster named ${name} is configured`);
    return client;
  }

  router.get('/runs', async (request, response) => {
    const limit = positiveInt(request.query.limit, 'limit', 20, 500);
    const offset = positiveInt(request.query.offset, 'offset', 0, 1_000_000);
    const credentials = await httpAuth.credentials(request);
    const entity = await entityOfQuery(
      catalog,
      request.query.entityRef,
      credentials,
    );
    const { text: selectorText, selector } = entitySelector(
      entity,
      ANNOTATION_PIPELINE_SELECTOR,
    );
    const [{ itemsJson, totalCount }, statuses] = await Promise.all([
      store.listJson(selector, { limit, offset }),
      store.clusterStatuses(),
    ]);
    const rest: Omit<RunListResponse, 'items'> = {
      selector: selectorText,
      totalCount,
      clusters: [...clusters.keys()].map(
        name =>
          statuses.find(s => s.cluster === name) ?? {
            cluster: name,
            state: 'never-collected',
          },
      ),
    };
    // The items are stored as JSON already: pass them through instead of parsing and re-serializing.
    response
      .type('application/json')
      .send(
        `{"items":[${itemsJson.join(',')}],${JSON.stringify(rest).slice(1)}`,
      );
  });

  router.get('/runs/:cluster/:namespace/:name', async (request, response) => {
    const run = await store.get(runKey(request));
    if (!run)
      throw new NotFoundError(
        `run ${request.params.namespace}/${request.params.name} on ${request.params.cluster} is not known`,
      );
    response.json(run);
  });

  router.get(
    '/runs/:cluster/:namespace/:name/logs',
    async (request, response) => {
      const key = runKey(request);
      const { task: taskName, step: stepName } = request.query;
      if (typeof taskName !== 'string' || typeof stepName !== 'string')
        throw new InputError('task and step are required');
      const run = await store.get(key);
      if (!run)
        throw new NotFoundError(
          `run ${key.namespace}/${key.name} on ${key.cluster} is not known`,
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
      if (run.pruned)
        throw new NotFoundError(
          `run ${key.name} was pruned from ${key.cluster}: its logs are gone with its pods`,
        );
      let tail: PodLogTail;
      try {
        tail = await clusterOf(key.cluster).podLogTail(
          key.namespace,
          podName,
          step.container ?? `step-${step.name}`,
          { limitBytes: maxLogBytes },
        );
      } catch (error) {
        return clusterFailure(error);
      }
      response.json(tailLogResponse(tail, maxLogBytes));
      return undefined;
    },
  );

  router.post(
    '/runs/:cluster/:namespace/:name/rerun',
    async (request, response) => {
      const key = runKey(request);
      const credentials = await authorize(
        request,
        modelopsPipelineRunCreatePermission,
        're-run pipelines',
      );
      const client = clusterOf(key.cluster);
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
      if (!original)
        throw new ConflictError(
          `run ${key.name} no longer exists on ${key.cluster} (pruned): its spec is gone, start the pipeline anew`,
        );
      const { status: _specStatus, ...spec } = (original.spec ?? {}) as Record<
        string,
        unknown
      >;
      const labels = Object.fromEntries(
        Object.entries(original.metadata?.labels ?? {}).filter(
          ([k]) =>
            !k.startsWith('tekton.dev/') &&
            !k.startsWith('triggers.tekton.dev/'),
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
              'modelops.io/rerun-of': key.name,
              ...(user ? { 'pipeline.openshift.io/started-by': user } : {}),
            },
          },
          spec,
        });
      } catch (error) {
        return clusterFailure(error);
      }
      options.logger.info(
        `re-run of ${key.namespace}/${key.name} on ${key.cluster} created ${
          created.metadata?.name
        }${user ? ` for ${user}` : ''}`,
      );
      options.onClusterChanged?.(key.cluster);
      response.status(201).json({
        cluster: key.cluster,
        namespace: key.namespace,
        name: created.metadata?.name,
      });
      return undefined;
    },
  );

  router.post(
    '/runs/:cluster/:namespace/:name/cancel',
    async (request, response) => {
      const key = runKey(request);
      await authorize(
        request,
        modelopsPipelineRunCancelPermission,
        'cancel pipeline runs',
      );
      const run = await store.get(key);
      if (run && FINAL.includes(run.status))
        throw new ConflictError(
          `run ${key.name} already ended (${run.status}); there is nothing to cancel`,
        );
      try {
        await clusterOf(key.cluster).patch(
          RESOURCES.pipelineRuns,
          key.namespace,
          key.name,
          { spec: { status: 'Cancelled' } },
        );
      } catch (error) {
        return clusterFailure(error);
      }
      options.onClusterChanged?.(key.cluster);
      response.status(202).json({
        cluster: key.cluster,
        namespace: key.namespace,
        name: key.name,
        status: 'Cancelling',
      });
      return undefined;
    },
  );

  router.get('/clusters', async (_request, response) => {
    response.json({ items: await store.clusterStatuses() });
  });

  addValidationRoutes(router, {
    httpAuth,
    catalog,
    runs: store,
    validations: options.validations,
    clusters,
    maxLogBytes,
  });
  if (options.evaluations) {
    addEvaluationRoutes(router, {
      httpAuth,
      permissions,
      catalog,
      evaluations: options.evaluations,
    });
  }

  return router;
}
