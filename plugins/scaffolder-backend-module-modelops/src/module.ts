import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckRegistryAction } from './actions/checkRegistry';
import { createCreatePipelineRunAction } from './actions/createPipelineRun';
import { createRenderPipelineAction } from './actions/renderPipeline';
import { createValidatePipelineAction } from './actions/validatePipeline';
import { createRouter } from './service/createRouter';
import { ModelOpsTargets } from './service/ModelOpsTargets';

/**
 * Scaffolder module: the ModelOps template actions (`modelops:pipeline:validate`,
 * `modelops:pipeline:render`, `modelops:pipelinerun:create`, `modelops:registry:check`) and
 * the live registry check the template form uses.
 * @public
 */
export const scaffolderModuleModelops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'modelops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({
        scaffolder,
        config,
        permissions,
        catalog,
        httpRouter,
        httpAuth,
      }) {
        const targets = ModelOpsTargets.fromConfig(config);
        scaffolder.addActions(
          createValidatePipelineAction({ targets, catalog }),
          createRenderPipelineAction({ targets, catalog }),
          createCreatePipelineRunAction({ targets, permissions }),
          createCheckRegistryAction({ targets }),
        );
        httpRouter.use(createRouter({ httpAuth, targets }));
      },
    });
  },
});
