import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  checkRegisteredModelName,
  checkVersionName,
} from '@private-ai/plugin-modelops-common';
import express from 'express';
import Router from 'express-promise-router';
import { lookUpVersion } from '../checks/liveChecks';
import { ModelOpsTargets } from './ModelOpsTargets';

/**
 * Routes under `/api/scaffolder/modelops` for the template form's live checks:
 * `GET /registry/check?model=&version=[&registry=]` answers whether the model exists and the
 * version name follows the convention and is free. Signed-in users only.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  targets: ModelOpsTargets;
}): express.Router {
  const router = Router();
  router.get('/modelops/registry/check', async (request, response) => {
    await options.httpAuth.credentials(request, { allow: ['user', 'service'] });
    const { model, version, registry } = request.query;
    if (typeof model !== 'string')
      throw new InputError(
        'model is required, e.g. ?model=Mistral-Small-24B-Instruct&version=quantized-w4a16-20261125-0215',
      );
    const modelProblem = checkRegisteredModelName(model);
    if (modelProblem) throw new InputError(`model: ${modelProblem}`);
    if (version !== undefined && typeof version !== 'string')
      throw new InputError('version must be given once');
    if (registry !== undefined && typeof registry !== 'string')
      throw new InputError('registry must be given once');
    const conventionProblem = version ? checkVersionName(version) : undefined;
    const target = options.targets.registry(registry);
    const found = await lookUpVersion(target, model, version, {
      model: 'model',
      version: 'version',
    });
    response.json({
      registry: found.registry,
      modelExists: found.modelExists,
      versionExists: found.versionExists,
      latestVersions: found.versions.slice(0, 5),
      ...(conventionProblem ? { conventionProblem } : {}),
    });
  });
  return router;
}
