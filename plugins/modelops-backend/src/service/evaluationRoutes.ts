import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelopsEvaluationPublishPermission } from '@private-ai/plugin-modelops-common';
import express from 'express';
import { EvaluationService } from '../evaluation/EvaluationService';
import { entityOfQuery } from './entitySelector';

/** Path of the publish route, whose body (result files) may be larger than other routes'. */
export const PUBLISH_PATH = '/evaluations/publish';
/** lm-eval results of many tasks run to a few MB. */
const PUBLISH_BODY_LIMIT = '8mb';

/**
 * `GET /evaluations?entityRef=`: the evaluation gate of every version of the model (of a model or
 * version entity); `POST /evaluations/publish?entityRef=<version>`: writes results to the registry
 * (permission `modelops.evaluation.publish`).
 */
export function addEvaluationRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: CatalogService;
    evaluations: EvaluationService;
  },
): void {
  const { httpAuth, permissions, catalog, evaluations } = options;

  router.get('/evaluations', async (request, response) => {
    const credentials = await httpAuth.credentials(request);
    const entity = await entityOfQuery(
      catalog,
      request.query.entityRef,
      credentials,
    );
    response.json(await evaluations.forEntity(entity, credentials));
  });

  router.post(
    PUBLISH_PATH,
    express.json({ limit: PUBLISH_BODY_LIMIT }),
    async (request, response) => {
      const credentials = await httpAuth.credentials(request);
      const [decision] = await permissions.authorize(
        [{ permission: modelopsEvaluationPublishPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `you may not publish evaluation results (permission ${modelopsEvaluationPublishPermission.name})`,
        );
      }
      const entity = await entityOfQuery(
        catalog,
        request.query.entityRef,
        credentials,
      );
      const body = (request.body ?? {}) as {
        lmEval?: unknown;
        guidellm?: unknown;
        metrics?: Record<string, unknown>;
      };
      response.json(
        await evaluations.publish(entity, {
          lmEval: body.lmEval,
          guidellm: body.guidellm,
          metrics: body.metrics,
        }),
      );
    },
  );
}
