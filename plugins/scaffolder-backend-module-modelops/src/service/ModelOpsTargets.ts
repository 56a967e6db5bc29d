import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterClient, createClusterClient, ModelRegistryClient, readClusterConfigs } from '@private-ai/plugin-modelops-node';

/** A Model Registry the templates check names against. */
export interface RegistryTarget {
  id: string;
  client: ModelRegistryClient;
}

/**
 * The clusters and Model Registries the actions may use, read once from the configuration the
 * other ModelOps plugins already read: clusters from `modelops.clusters` or the Kubernetes
 * plugin's `kubernetes.clusterLocatorMethods`; registries from `catalog.providers.modelops`
 * (by id) and `modelops.registry` (the default).
 */
export class ModelOpsTargets {
  private constructor(
    private readonly clusters: Map<string, ClusterClient>,
    private readonly registries: Map<string, RegistryTarget>,
    private readonly defaultRegistry: string | undefined,
    /** Base URL of the portal's frontend, for links to entity pages. */
    readonly appBaseUrl: string,
  ) {}

  static fromConfig(config: Config, overrides: { clusters?: ClusterClient[] } = {}): ModelOpsTargets {
    const clusters = new Map(
      (overrides.clusters ?? readClusterConfigs(config).clusters.map(createClusterClient)).map(c => [c.cluster, c]),
    );
    const registries = new Map<string, RegistryTarget>();
    const providers = config.getOptionalConfig('catalog.providers.modelops');
    for (const id of providers?.keys() ?? []) {
      const c = providers!.getConfig(id);
      registries.set(id, {
        id,
        client: new ModelRegistryClient({ baseUrl: c.getString('baseUrl'), token: c.getOptionalString('token'), timeoutMs: c.getOptionalNumber('timeoutMs') }),
      });
    }
    let defaultRegistry = registries.size === 1 ? [...registries.keys()][0] : undefined;
    const own = config.getOptionalConfig('modelops.registry');
    if (own) {
      const baseUrl = own.getString('baseUrl');
      const same = [...registries.values()].find(r => providers?.getConfig(r.id).getString('baseUrl') === baseUrl);
      if (same) {
        defaultRegistry = same.id;
      } else {
        registries.set('default', { id: 'default', client: new ModelRegistryClient({ baseUrl, token: own.getOptionalString('token') }) });
        defaultRegistry = 'default';
      }
    }
    return new ModelOpsTargets(clusters, registries, defaultRegistry, config.getString('app.baseUrl').replace(/\/+$/, ''));
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  /** The configured cluster of that name; an InputError naming `field` otherwise. */
  cluster(name: string, field = 'cluster'): ClusterClient {
    const client = this.clusters.get(name);
    if (!client) {
      throw new InputError(`${field}: no cluster named "${name}" is configured (configured: ${this.clusterNames().join(', ') || 'none'})`);
    }
    return client;
  }

  /** The registry of that id, or the default one; an InputError naming `field` otherwise. */
  registry(id: string | undefined, field = 'registry'): RegistryTarget {
    const wanted = id || this.defaultRegistry;
    const found = wanted ? this.registries.get(wanted) : undefined;
    if (!found) {
      throw new InputError(
        id
          ? `${field}: no Model Registry "${id}" is configured (configured: ${[...this.registries.keys()].join(', ') || 'none'})`
          : `${field}: name the Model Registry, there is no default (configured: ${[...this.registries.keys()].join(', ') || 'none'})`,
      );
    }
    return found;
  }

  /** The path of an entity's pipeline runs tab in the portal. */
  runsTabPath(entityName: string): string {
    return `/catalog/default/resource/${encodeURIComponent(entityName)}/pipeline-runs`;
  }

  /** The frontend URL of an entity's pipeline runs tab. */
  runsTabUrl(entityName: string): string {
    return `${this.appBaseUrl}${this.runsTabPath(entityName)}`;
  }
}
