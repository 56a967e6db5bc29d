import { Config } from '@backstage/config';
import { ClusterConfig } from './types';

const DEFAULT_TIMEOUT_MS = 15_000;

/** Clusters found in the configuration, and the ones skipped with why. @public */
export interface ClusterConfigs {
  clusters: ClusterConfig[];
  skipped: Array<{ name: string; reason: string }>;
}

function readCluster(c: Config, source: string): ClusterConfig {
  const url = c.getString('url');
  if (!URL.canParse(url)) {
    throw new Error(
      `${source}: cluster ${
        c.getOptionalString('name') ?? '(unnamed)'
      } has an invalid url "${url}"`,
    );
  }
  return {
    name: c.getString('name'),
    url,
    serviceAccountToken: c.getOptionalString('serviceAccountToken'),
    caData: c.getOptionalString('caData'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    timeoutMs: c.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
  };
}

/**
 * Reads the clusters to collect from: `modelops.clusters` when set, otherwise the `config`
 * cluster locators of `kubernetes.clusterLocatorMethods` (the Kubernetes plugin's own
 * configuration: url, serviceAccountToken, caData, skipTLSVerify). Clusters that need a
 * per-user auth provider cannot be read by a background collector and are skipped with a
 * reason. Throws on a malformed entry, naming it.
 * @public
 */
export function readClusterConfigs(config: Config): ClusterConfigs {
  const own = config.getOptionalConfigArray('modelops.clusters');
  if (own) {
    return {
      clusters: own.map(c => readCluster(c, 'modelops.clusters')),
      skipped: [],
    };
  }
  const clusters: ClusterConfig[] = [];
  const skipped: ClusterConfigs['skipped'] = [];
  for (const locator of config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (locator.getString('type') !== 'config') continue;
    for (const c of locator.getOptionalConfigArray('clusters') ?? []) {
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        skipped.push({
          name: c.getString('name'),
          reason: `authProvider ${authProvider} needs a signed-in user; set modelops.clusters with a service account token to collect runs from it`,
        });
        continue;
      }
      clusters.push(readCluster(c, 'kubernetes.clusterLocatorMethods'));
    }
  }
  return { clusters, skipped };
}
