import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';
import { createRegistryStatusRouter } from './registryStatusRouter';

/**
 * Catalog module: one entity provider per registry under `catalog.providers.modelops`, and
 * their refresh status at `/api/catalog/modelops-registries`.
 * @public
 */
export const catalogModuleModelops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'modelops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogProcessingExtensionPoint,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, scheduler, catalog, httpRouter }) {
        const providers = ModelRegistryEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        catalog.addEntityProvider(providers);
        httpRouter.use(createRegistryStatusRouter(providers));
      },
    });
  },
});
