import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';
import { RegistryStatusBoard } from './RegistryStatusBoard';
import { createRegistryStatusRouter } from './registryStatusRouter';

/**
 * Catalog module: one entity provider per registry under `catalog.providers.modelops`, and
 * their refresh status at `/api/catalog/modelops-registries` (shared between replicas through
 * the events service).
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
        events: eventsServiceRef,
      },
      async init({ config, logger, scheduler, catalog, httpRouter, events }) {
        const providers = ModelRegistryEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        // A refresh on another replica makes what this one last handed stale.
        const board = new RegistryStatusBoard(events, status =>
          providers.forEach(provider => provider.noteStatus(status)),
        );
        await board.subscribe();
        for (const provider of providers)
          provider.onStatus(status => board.publish(status));
        catalog.addEntityProvider(providers);
        httpRouter.use(createRegistryStatusRouter(providers, board));
      },
    });
  },
});
