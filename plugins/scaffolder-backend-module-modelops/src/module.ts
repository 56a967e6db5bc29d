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
import { ModelOpsTargets } from './service/ModelOpsTargets';

/**
 * Scaffolder module: the ModelOps template actions (`modelops:pipeline:validate`,
 * `modelops:pipeline:render`, `modelops:pipelinerun:create`, `modelops:registry:check`). The
 * template form's live registry check is a route of the ModelOps backend
 * (`GET /api/modelops/registry/check`), which answers only for models the user may read.
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
      },
      async init({ scaffolder, config, permissions, catalog }) {
        const targets = ModelOpsTargets.fromConfig(config);
        scaffolder.addActions(
          createValidatePipelineAction({ targets, catalog }),
          createRenderPipelineAction({ targets, catalog }),
          createCreatePipelineRunAction({ targets, permissions }),
          createCheckRegistryAction({ targets }),
        );
      },
    });
  },
});
