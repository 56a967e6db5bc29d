import { Config } from '@backstage/config';
import { ModelRegistryClient } from './ModelRegistryClient';

/** One configured Model Registry and a client for it. @public */
export interface ConfiguredRegistry {
  /** The provider id (`catalog.providers.modelops.<id>`, written on entities as `modelops.io/registry`), or `default` for `modelops.registry`. */
  id: string;
  baseUrl: string;
  client: ModelRegistryClient;
}

/** The Model Registries of the configuration. @public */
export interface RegistryConfigs {
  /** `catalog.providers.modelops.<id>`: the registries the catalog module reads. */
  providers: ConfiguredRegistry[];
  /** `modelops.registry`: the registry of the backend's own checks, when configured. */
  fallback?: ConfiguredRegistry;
}

function read(id: string, c: Config, path: string): ConfiguredRegistry {
  const baseUrl = c.getString('baseUrl');
  if (!URL.canParse(baseUrl))
    throw new Error(`${path}.baseUrl is not a URL: "${baseUrl}"`);
  return {
    id,
    baseUrl,
    client: new ModelRegistryClient({
      baseUrl,
      token: c.getOptionalString('token'),
      timeoutMs: c.getOptionalNumber('timeoutMs'),
    }),
  };
}

/**
 * Reads the Model Registries once for every plugin that talks to them: registries are
 * configured for the catalog module (`catalog.providers.modelops.<id>`), and
 * `modelops.registry` is the backend's fallback.
 * @public
 */
export function readRegistryConfigs(config: Config): RegistryConfigs {
  const providers = config.getOptionalConfig('catalog.providers.modelops');
  const fallback = config.getOptionalConfig('modelops.registry');
  return {
    providers: (providers?.keys() ?? []).map(id =>
      read(id, providers!.getConfig(id), `catalog.providers.modelops.${id}`),
    ),
    fallback: fallback
      ? read('default', fallback, 'modelops.registry')
      : undefined,
  };
}
