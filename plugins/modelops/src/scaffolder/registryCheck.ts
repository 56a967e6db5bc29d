import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What `GET /api/scaffolder/modelops/registry/check` answers. @public */
export interface RegistryCheckResult {
  registry: string;
  modelExists: boolean;
  versionExists: boolean;
  latestVersions: string[];
  conventionProblem?: string;
}

/**
 * Asks the scaffolder module whether a model exists and a version name is free in the Model
 * Registry, with the signed-in user's credentials.
 */
export async function checkRegistry(
  apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  model: string,
  version?: string,
  signal?: AbortSignal,
): Promise<RegistryCheckResult> {
  const base = await apis.discoveryApi.getBaseUrl('scaffolder');
  const query = new URLSearchParams({ model, ...(version ? { version } : {}) });
  const response = await apis.fetchApi.fetch(
    `${base}/modelops/registry/check?${query}`,
    { signal },
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as RegistryCheckResult;
}
