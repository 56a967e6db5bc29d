import { coreServices, createBackendModule, readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { createClusterClient, readClusterConfigs } from '@private-ai/plugin-modelops-node';
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
      },
      async init({ config, logger, scheduler, catalog }) {
        const providers = config.getOptionalConfig('catalog.providers.modelops');
        if (!providers) return;
        const { clusters } = readClusterConfigs(config);
        for (const id of providers.keys()) {
          const c = providers.getConfig(id);
          const baseUrl = c.getString('baseUrl');
          if (!URL.canParse(baseUrl)) throw new Error(`catalog.providers.modelops.${id}.baseUrl is not a URL: "${baseUrl}"`);
          const archived = c.getOptionalString('archived') ?? 'skip';
          if (archived !== 'skip' && archived !== 'show') throw new Error(`catalog.providers.modelops.${id}.archived must be "skip" or "show", got "${archived}"`);
          const clusterNames = c.getOptionalStringArray('clusters') ?? [];
          const unknown = clusterNames.filter(n => !clusters.some(k => k.name === n));
          if (unknown.length) throw new Error(`catalog.providers.modelops.${id}.clusters names unknown clusters: ${unknown.join(', ')} (configured: ${clusters.map(k => k.name).join(', ') || 'none'})`);
          const schedule = c.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(c.getConfig('schedule'))
            : { frequency: { minutes: 5 }, timeout: { minutes: 3 } };
          catalog.addEntityProvider(
            new ModelRegistryEntityProvider(
              {
                id,
                baseUrl,
                token: c.getOptionalString('token'),
                owner: c.getOptionalString('owner') ?? 'group:default/ai-platform',
                archived,
                clusters: clusterNames,
                timeoutMs: c.getOptionalNumber('timeoutMs'),
              },
              clusters.filter(k => clusterNames.includes(k.name)).map(createClusterClient),
              logger.child({ provider: `modelops-registry:${id}` }),
              scheduler.createScheduledTaskRunner(schedule),
            ),
          );
        }
      },
    });
  },
});
