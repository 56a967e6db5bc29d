import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { checkRegisteredModelName } from '@private-ai/plugin-modelops-common';
import express from 'express';
import { RegistryCheckService } from '../registry/RegistryCheckService';
import { optionalText } from './routeHelpers';

/**
 * `GET /registry/check?model=&version=[&registry=]`: whether a version name follows the
 * convention and is free for a registered model the caller may read (404 otherwise).
 */
export function addRegistryRoutes(
  router: express.Router,
  options: { httpAuth: HttpAuthService; registryCheck: RegistryCheckService },
): void {
  router.get('/registry/check', async (request, response) => {
    const model = optionalText(request.query.model, 'model');
    if (!model)
      throw new InputError(
        'model is required, e.g. ?model=Mistral-Small-24B-Instruct&version=quantized-w4a16-20261125-0215',
      );
    const modelProblem = checkRegisteredModelName(model);
    if (modelProblem) throw new InputError(`model: ${modelProblem}`);
    const version = optionalText(request.query.version, 'version');
    const registry = optionalText(request.query.registry, 'registry');
    const credentials = await options.httpAuth.credentials(request);
    response.json(
      await options.registryCheck.check(
        { model, version: version || undefined, registry },
        credentials,
      ),
    );
  });
}
