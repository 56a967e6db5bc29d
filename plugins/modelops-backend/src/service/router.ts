import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RunListResponse } from '@private-ai/plugin-modelops-common';
import express from 'express';
import Router from 'express-promise-router';
import { ValidationService } from '../validation/ValidationService';
import { addValidationRoutes } from './validationRoutes';
import { addEvaluationRoutes, PUBLISH_PATH } from './evaluationRoutes';
import { addRegistryRoutes } from './registryRoutes';
import { EvaluationService } from '../evaluation/EvaluationService';
import { RegistryCheckService } from '../registry/RegistryCheckService';
import { RunService } from '../runs/RunService';
import { decodeRunCursor, encodeRunCursor } from '../runs/runCursor';
import { entityOfQuery } from './entitySelector';
import { objectKey, optionalText, positiveInt } from './routeHelpers';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  runs: RunService;
  /** Notebook validation history. */
  validations: ValidationService;
  /** Evaluation gate and publishing. */
  evaluations?: EvaluationService;
  /** The live registry check of the template form. */
  registryCheck?: RegistryCheckService;
}

/**
 * The REST API of the ModelOps backend. Routes parse the request, take the caller's credentials
 * and hand off to the services, which read the catalog with those credentials and authorize.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, runs } = options;
  const router = Router();
  const smallJson = express.json({ limit: '64kb' });
  router.use((request, response, next) =>
    request.path === PUBLISH_PATH ? next() : smallJson(request, response, next),
  );

  router.get('/runs', async (request, response) => {
    const limit = positiveInt(request.query.limit, 'limit', 20, 500);
    const after = decodeRunCursor(request.query.cursor);
    if (after && request.query.offset !== undefined)
      throw new InputError('give either cursor or offset, not both');
    const offset = positiveInt(request.query.offset, 'offset', 0, 1_000_000);
    const credentials = await httpAuth.credentials(request);
    const entity = await entityOfQuery(
      catalog,
      request.query.entityRef,
      credentials,
    );
    const { itemsJson, next, ...rest } = await runs.list(
      entity,
      after
        ? { limit, after }
        : // The first page carries the failure a runs tab opens: no second request before it shows.
          { limit, offset, withNewestFailure: offset === 0 },
      credentials,
    );
    const tail: Omit<RunListResponse, 'items'> = {
      ...rest,
      ...(next ? { nextCursor: encodeRunCursor(next) } : {}),
    };
    // The items are stored as JSON already: pass them through instead of parsing and re-serializing.
    response
      .type('application/json')
      .send(
        `{"items":[${itemsJson.join(',')}],${JSON.stringify(tail).slice(1)}`,
      );
  });

  router.get('/runs/:cluster/:namespace/:name', async (request, response) => {
    const key = objectKey(request, 'run');
    const credentials = await httpAuth.credentials(request);
    response.json((await runs.get(key, credentials)).run);
  });

  router.get(
    '/runs/:cluster/:namespace/:name/logs',
    async (request, response) => {
      const key = objectKey(request, 'run');
      const task = optionalText(request.query.task, 'task');
      const step = optionalText(request.query.step, 'step');
      if (!task || !step) throw new InputError('task and step are required');
      const credentials = await httpAuth.credentials(request);
      response.json(await runs.log(key, task, step, credentials));
    },
  );

  router.post(
    '/runs/:cluster/:namespace/:name/rerun',
    async (request, response) => {
      const key = objectKey(request, 'run');
      const credentials = await httpAuth.credentials(request);
      response.status(201).json(await runs.rerun(key, credentials));
    },
  );

  router.post(
    '/runs/:cluster/:namespace/:name/cancel',
    async (request, response) => {
      const key = objectKey(request, 'run');
      const credentials = await httpAuth.credentials(request);
      await runs.cancel(key, credentials);
      response.status(202).json({ ...key, status: 'Cancelling' });
    },
  );

  addValidationRoutes(router, {
    httpAuth,
    catalog,
    validations: options.validations,
  });
  if (options.evaluations) {
    addEvaluationRoutes(router, {
      httpAuth,
      permissions: options.permissions,
      catalog,
      evaluations: options.evaluations,
    });
  }
  if (options.registryCheck) {
    addRegistryRoutes(router, {
      httpAuth,
      registryCheck: options.registryCheck,
    });
  }

  return router;
}
