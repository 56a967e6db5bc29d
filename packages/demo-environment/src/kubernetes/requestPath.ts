import { findResourceType, ResourceType } from './resourceTypes';

/** What a request path names. @public */
export type ApiPath =
  | { kind: 'version' }
  | { kind: 'coreVersions' }
  | { kind: 'groupList' }
  | { kind: 'group'; group: string }
  | { kind: 'resourceList'; group: string; version: string }
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
  if (parts.length === 1 && parts[0] === 'version') {
    return { kind: 'version' };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'coreVersions' };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'groupList' };
    if (parts.length === 2) return { kind: 'group', group: parts[1] };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  if (rest.length === 0) {
    return { kind: 'resourceList', group, version };
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
