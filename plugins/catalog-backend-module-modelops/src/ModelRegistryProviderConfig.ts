import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  ClusterConfig,
  ModelRegistryClient,
  readClusterConfigs,
  readRegistryConfigs,
} from '@private-ai/plugin-modelops-node';

/** One configured registry provider (`catalog.providers.modelops.<id>`). @public */
export interface ModelRegistryProviderConfig {
  id: string;
  baseUrl: string;
  /** The client `readRegistryConfigs` made from `baseUrl`, `token` and `timeoutMs`. */
  client: ModelRegistryClient;
  owner: string;
  archived: 'skip' | 'show';
  /** The clusters (by the Kubernetes plugin's configuration) that hold this registry's InferenceServices. */
  clusters: ClusterConfig[];
  versionNamePattern?: RegExp;
  /** Base URLs of the other configured registries (their ModelCar runs are not this one's). */
  otherRegistryUrls: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Milliseconds between full refreshes (`fullRefresh`, default a day); incremental between. */
  fullRefreshMs: number;
  /** Milliseconds an incremental refresh watches each cluster (`clusterWatch`, default 1 s). */
  clusterWatchMs?: number;
}

const DEFAULT_FULL_REFRESH_MS = 24 * 60 * 60 * 1000;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
};

/**
 * Reads `catalog.providers.modelops`: the registry keys (`baseUrl`, `token`, `timeoutMs`)
 * through `readRegistryConfigs`, the provider's own keys here. Fails at start-up with the
 * path of a bad value.
 * @public
 */
export function readModelRegistryProviderConfigs(
  config: Config,
): ModelRegistryProviderConfig[] {
  const { providers } = readRegistryConfigs(config);
  const root = config.getOptionalConfig('catalog.providers.modelops');
  if (!root) return [];
  const { clusters } = readClusterConfigs(config);
  return providers.map(registry => {
    const path = `catalog.providers.modelops.${registry.id}`;
    const c = root.getConfig(registry.id);
    const archived = c.getOptionalString('archived') ?? 'skip';
    if (archived !== 'skip' && archived !== 'show')
      throw new Error(
        `${path}.archived must be "skip" or "show", got "${archived}"`,
      );
    const clusterNames = c.getOptionalStringArray('clusters') ?? [];
    const unknown = clusterNames.filter(n => !clusters.some(k => k.name === n));
    if (unknown.length)
      throw new Error(
        `${path}.clusters names unknown clusters: ${unknown.join(
          ', ',
        )} (configured: ${clusters.map(k => k.name).join(', ') || 'none'})`,
      );
    const owner = c.getOptionalString('owner');
    if (!owner)
      throw new Error(
        `${path}.owner is required: the group (or user) that owns the models whose registry entry names no owner, e.g. group:default/ml-platform`,
      );
    const pattern = c.getOptionalString('versionNamePattern');
    let versionNamePattern: RegExp | undefined;
    try {
      versionNamePattern = pattern ? new RegExp(pattern) : undefined;
    } catch (error) {
      throw new Error(
        `${path}.versionNamePattern is not a regular expression: ${
          (error as Error).message
        }`,
      );
    }
    return {
      id: registry.id,
      baseUrl: registry.baseUrl,
      client: registry.client,
      owner,
      archived,
      clusters: clusters.filter(k => clusterNames.includes(k.name)),
      versionNamePattern,
      otherRegistryUrls: providers
        .filter(other => other.id !== registry.id)
        .map(other => other.baseUrl),
      schedule: c.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            c.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      fullRefreshMs: c.has('fullRefresh')
        ? durationToMilliseconds(
            readDurationFromConfig(c, { key: 'fullRefresh' }),
          )
        : DEFAULT_FULL_REFRESH_MS,
      ...(c.has('clusterWatch')
        ? {
            clusterWatchMs: durationToMilliseconds(
              readDurationFromConfig(c, { key: 'clusterWatch' }),
            ),
          }
        : {}),
    };
  });
}
