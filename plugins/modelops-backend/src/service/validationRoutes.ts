import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_VALIDATION_SELECTOR,
  ClusterReadStatus,
  NotebookJobListResponse,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  PodLogTail,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import express from 'express';
import { RunStore } from '../database/RunStore';
import { ValidationStore } from '../database/ValidationStore';
import { entityOfQuery, entitySelector } from './entitySelector';
import {
  tailLogResponse,
  clusterFailure,
  NAME,
  positiveInt,
} from './routeHelpers';

/** What the notebook validation routes need. */
export interface ValidationRoutesOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  runs: RunStore;
  validations: ValidationStore;
  clusters: Map<string, ClusterClient>;
  maxLogBytes: number;
}

/**
 * `GET /validations?entityRef=`: the NotebookValidationJobs an entity selects (annotation
 * `modelops.io/validation-selector`, else `backstage.io/kubernetes-id`), in wave order;
 * `GET /validations/:cluster/:namespace/:name`: one job with its cells, diffs and conditions;
 * `GET /validations/:cluster/:namespace/:name/logs`: its validation pod's log.
 */
export function addValidationRoutes(
  router: express.Router,
  options: ValidationRoutesOptions,
): void {
  const { httpAuth, catalog, validations, clusters } = options;

  function jobKey(request: express.Request) {
    const { cluster, namespace, name } = request.params;
    if (!NAME.test(namespace) || !NAME.test(name))
      throw new InputError(
        `invalid NotebookValidationJob reference ${namespace}/${name}`,
      );
    return { cluster, namespace, name };
  }

  router.get('/validations', async (request, response) => {
    const limit = positiveInt(request.query.limit, 'limit', 500, 2000);
    const offset = positiveInt(request.query.offset, 'offset', 0, 1_000_000);
    const credentials = await httpAuth.credentials(request);
    const entity = await entityOfQuery(
      catalog,
      request.query.entityRef,
      credentials,
    );
    const { text, selector } = entitySelector(
      entity,
      ANNOTATION_VALIDATION_SELECTOR,
    );
    const [{ itemsJson, totalCount }, statuses] = await Promise.all([
      validations.listJson(selector, { limit, offset }),
      options.runs.clusterStatuses(),
    ]);
    const rest: Omit<NotebookJobListResponse, 'items'> = {
      selector: text,
      totalCount,
      clusters: [...clusters.keys()].map(
        name =>
          statuses.find(s => s.cluster === name) ??
          ({ cluster: name, state: 'never-collected' } as ClusterReadStatus),
      ),
    };
    response
      .type('application/json')
      .send(
        `{"items":[${itemsJson.join(',')}],${JSON.stringify(rest).slice(1)}`,
      );
  });

  router.get(
    '/validations/:cluster/:namespace/:name',
    async (request, response) => {
      const key = jobKey(request);
      const job = await validations.get(key);
      if (!job)
        throw new NotFoundError(
          `NotebookValidationJob ${key.namespace}/${key.name} on ${key.cluster} is not known`,
        );
      response.json(job);
    },
  );

  router.get(
    '/validations/:cluster/:namespace/:name/logs',
    async (request, response) => {
      const key = jobKey(request);
      const job = await validations.get(key);
      if (!job)
        throw new NotFoundError(
          `NotebookValidationJob ${key.namespace}/${key.name} on ${key.cluster} is not known`,
        );
      if (!job.podName)
        throw new NotFoundError(
          `NotebookValidationJob ${key.name} has no validation pod yet (phase ${job.phase})`,
        );
      const client = clusters.get(key.cluster);
      if (!client)
        throw new NotFoundError(
          `no cluster named ${key.cluster} is configured`,
        );
      let tail: PodLogTail;
      try {
        const pod = await client.get(
          RESOURCES.pods,
          key.namespace,
          job.podName,
        );
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
          { limitBytes: options.maxLogBytes },
        );
      } catch (error) {
        if (error instanceof NotFoundError) throw error;
        return clusterFailure(error);
      }
      response.json({
        pod: job.podName,
        ...tailLogResponse(tail, options.maxLogBytes),
      });
      return undefined;
    },
  );
}
