import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  createClusterClient,
  readClusterConfigs,
} from '@private-ai/plugin-modelops-node';
import Router from 'express-promise-router';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';

/**
 * Catalog module: one entity provider per registry under `catalog.providers.modelops`.
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
        const providers = config.getOptionalConfig(
          'catalog.providers.modelops',
        );
        if (!providers) return;
        const created: ModelRegistryEntityProvider[] = [];
        // GET /api/catalog/modelops-registries: the outcome of each registry's last refresh, so a
        // failing registry is visible even though its entities stay as they were.
        const router = Router();
        router.get('/modelops-registries', (_request, response) => {
          response.json({ items: created.map(p => p.status) });
        });
        httpRouter.use(router);
        const { clusters } = readClusterConfigs(config);
        for (const id of providers.keys()) {
          const c = providers.getConfig(id);
          const baseUrl = c.getString('baseUrl');
          if (!URL.canParse(baseUrl))
            throw new Error(
              `catalog.providers.modelops.${id}.baseUrl is not a URL: "${baseUrl}"`,
            );
          const archived = c.getOptionalString('archived') ?? 'skip';
          if (archived !== 'skip' && archived !== 'show')
            throw new Error(
              `catalog.providers.modelops.${id}.archived must be "skip" or "show", got "${archived}"`,
            );
          const clusterNames = c.getOptionalStringArray('clusters') ?? [];
          const unknown = clusterNames.filter(
            n => !clusters.some(k => k.name === n),
          );
          if (unknown.length)
            throw new Error(
              `catalog.providers.modelops.${id}.clusters names unknown clusters: ${unknown.join(
                ', ',
              )} (configured: ${
                clusters.map(k => k.name).join(', ') || 'none'
              })`,
            );
          const pattern = c.getOptionalString('versionNamePattern');
          let versionNamePattern: RegExp | undefined;
          try {
            versionNamePattern = pattern ? new RegExp(pattern) : undefined;
          } catch (error) {
            throw new Error(
              `catalog.providers.modelops.${id}.versionNamePattern is not a regular expression: ${
                (error as Error).message
              }`,
            );
          }
          const schedule = c.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                c.getConfig('schedule'),
              )
            : { frequency: { minutes: 5 }, timeout: { minutes: 3 } };
          const provider = new ModelRegistryEntityProvider(
            {
              id,
              baseUrl,
              token: c.getOptionalString('token'),
              owner:
                c.getOptionalString('owner') ?? 'group:default/ai-platform',
              archived,
              clusters: clusterNames,
              timeoutMs: c.getOptionalNumber('timeoutMs'),
              versionNamePattern,
              otherRegistryUrls: providers
                .keys()
                .filter(other => other !== id)
                .map(other => providers.getConfig(other).getString('baseUrl')),
            },
            clusters
              .filter(k => clusterNames.includes(k.name))
              .map(createClusterClient),
            logger.child({ provider: `modelops-registry:${id}` }),
            scheduler.createScheduledTaskRunner(schedule),
          );
          created.push(provider);
          catalog.addEntityProvider(provider);
        }
      },
    });
  },
});
