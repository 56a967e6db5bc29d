import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';

/** What the catalog module says about one registry's last refresh (`/api/catalog/modelops-registries`). */
export interface RegistryRefreshStatus {
  provider: string;
  registry: string;
  state: 'ok' | 'error' | 'never-run';
  message?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  errorSince?: string;
}

/**
 * The refresh status of the registry an entity was read from. Undefined while loading, for an
 * entity of no registry, and where the catalog module does not serve the status (404).
 */
export function useRegistryStatus(registry: string | undefined) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async (): Promise<RegistryRefreshStatus | undefined> => {
    if (!registry) return undefined;
    const response = await fetchApi.fetch(
      `${await discoveryApi.getBaseUrl('catalog')}/modelops-registries`,
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as { items?: RegistryRefreshStatus[] };
    return body.items?.find(item => item.registry === registry);
  }, [registry]);
}

/** `2026-11-30 05:31 UTC` */
export const formatTime = (iso: string | undefined) =>
  iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never';

/** The sentence the model page shows for a failing registry, or undefined when it is fine. */
export function registryProblem(
  status: RegistryRefreshStatus | undefined,
): string | undefined {
  if (status?.state !== 'error') return undefined;
  return `Model Registry ${status.registry} unreachable since ${formatTime(
    status.errorSince ?? status.lastAttemptAt,
  )}; entities shown as of ${
    status.lastSuccessAt
      ? formatTime(status.lastSuccessAt)
      : 'no successful refresh'
  }`;
}
