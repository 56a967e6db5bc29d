import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ClusterClient,
  createClusterClient,
  ModelRegistryClient,
  readClusterConfigs,
  readRegistryConfigs,
} from '@private-ai/plugin-modelops-node';

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

  static fromConfig(
    config: Config,
    overrides: { clusters?: ClusterClient[] } = {},
  ): ModelOpsTargets {
    const clusters = new Map(
      (
        overrides.clusters ??
        readClusterConfigs(config).clusters.map(createClusterClient)
      ).map(c => [c.cluster, c]),
    );
    const { providers, fallback } = readRegistryConfigs(config);
    const registries = new Map<string, RegistryTarget>(
      providers.map(r => [r.id, { id: r.id, client: r.client }]),
    );
    let defaultRegistry = registries.size === 1 ? providers[0].id : undefined;
    if (fallback) {
      // modelops.registry names the default: a provider with the same base URL, else its own entry.
      const same = providers.find(r => r.baseUrl === fallback.baseUrl);
      if (!same)
        registries.set(fallback.id, {
          id: fallback.id,
          client: fallback.client,
        });
      defaultRegistry = same?.id ?? fallback.id;
    }
    return new ModelOpsTargets(
      clusters,
      registries,
      defaultRegistry,
      config.getString('app.baseUrl').replace(/\/+$/, ''),
    );
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  /** The configured cluster of that name; an InputError naming `field` otherwise. */
  cluster(name: string, field = 'cluster'): ClusterClient {
    const client = this.clusters.get(name);
    if (!client) {
      throw new InputError(
        `${field}: no cluster named "${name}" is configured (configured: ${
          this.clusterNames().join(', ') || 'none'
        })`,
      );
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
          ? `${field}: no Model Registry "${id}" is configured (configured: ${
              [...this.registries.keys()].join(', ') || 'none'
            })`
          : `${field}: name the Model Registry, there is no default (configured: ${
              [...this.registries.keys()].join(', ') || 'none'
            })`,
      );
    }
    return found;
  }

  /** The path of an entity's pipeline runs tab in the portal. */
  runsTabPath(entityName: string): string {
    return `/catalog/default/resource/${encodeURIComponent(
      entityName,
    )}/pipeline-runs`;
  }

  /** The frontend URL of an entity's pipeline runs tab. */
  runsTabUrl(entityName: string): string {
    return `${this.appBaseUrl}${this.runsTabPath(entityName)}`;
  }
}
