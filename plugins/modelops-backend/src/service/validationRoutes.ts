import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotebookJobListResponse } from '@private-ai/plugin-modelops-common';
import express from 'express';
import { ValidationService } from '../validation/ValidationService';
import { entityOfQuery } from './entitySelector';
import { objectKey, positiveInt } from './routeHelpers';

/** What the notebook validation routes need. */
export interface ValidationRoutesOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  validations: ValidationService;
}

/**
 * `GET /validations?entityRef=`: the NotebookValidationJobs an entity selects, in wave order;
 * `GET /validations/:cluster/:namespace/:name`: one job with its cells, diffs and conditions;
 * `GET /validations/:cluster/:namespace/:name/logs`: its validation pod's log.
 */
export function addValidationRoutes(
  router: express.Router,
  options: ValidationRoutesOptions,
): void {
  const { httpAuth, catalog, validations } = options;

  router.get('/validations', async (request, response) => {
    const limit = positiveInt(request.query.limit, 'limit', 500, 2000);
    const offset = positiveInt(request.query.offset, 'offset', 0, 1_000_000);
    const credentials = await httpAuth.credentials(request);
    const entity = await entityOfQuery(
      catalog,
      request.query.entityRef,
      credentials,
    );
    const { itemsJson, ...rest } = await validations.list(
      entity,
      { limit, offset },
      credentials,
    );
    const tail: Omit<NotebookJobListResponse, 'items'> = rest;
    response
      .type('application/json')
      .send(
        `{"items":[${itemsJson.join(',')}],${JSON.stringify(tail).slice(1)}`,
      );
  });

  router.get(
    '/validations/:cluster/:namespace/:name',
    async (request, response) => {
      const key = objectKey(request, 'NotebookValidationJob');
      const credentials = await httpAuth.credentials(request);
      response.json((await validations.get(key, credentials)).job);
    },
  );

  router.get(
    '/validations/:cluster/:namespace/:name/logs',
    async (request, response) => {
      const key = objectKey(request, 'NotebookValidationJob');
      const credentials = await httpAuth.credentials(request);
      response.json(await validations.log(key, credentials));
    },
  );
}
