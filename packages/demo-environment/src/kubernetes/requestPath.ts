import { findResourceType, ResourceType } from './resourceTypes';

/** What a request path names. @public */
export type ApiPath =
  | {
      kind: 'resource';
      type: ResourceType;
      group: string;
      version: string;
      /** Namespace in the path; undefined for cluster-scoped types and all-namespace lists. */
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { kind: 'unknown' };

/**
 * Reads an API path: `/api/v1/...` for the core group, `/apis/{group}/{version}/...` for
 * the others, then `[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]`.
 * @public
 */
export function parseApiPath(pathname: string): ApiPath {
  const parts = pathname
    .split('/')
    .filter(p => p.length > 0)
    .map(p => decodeURIComponent(p));
  let group: string;
  let version: string;
  let rest: string[];
  // Discovery (`/version`, `/api`, `/apis/...` without a resource) is not served: no client of
  // the demo asks for it.
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const type = findResourceType(group, version, rest[0]);
  if (!type || rest.length > 3) {
    return { kind: 'unknown' };
  }
  if (namespace !== undefined && !type.namespaced) {
    return { kind: 'unknown' };
  }
  return {
    kind: 'resource',
    type,
    group,
    version,
    namespace,
    name: rest[1],
    subresource: rest[2],
  };
}
