import {
  apiVersionOf,
  resourceTypes,
  resourceVerbs,
  ResourceType,
} from './resourceTypes';

/**
 * Discovery documents (`/version`, `/api`, `/api/v1`, `/apis`, `/apis/{group}`,
 * `/apis/{group}/{version}`) describing exactly the types the fake serves.
 */

/** The version the fake claims: OpenShift 4.18's Kubernetes. @public */
export const fakeServerVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.6',
  gitCommit: '6ad6a6f26b6bd8fd1d6eab3e4a1c0d4b9e0a8f3c',
  gitTreeState: 'clean',
  buildDate: '2025-02-20T08:41:28Z',
  goVersion: 'go1.22.9 (Red Hat 1.22.9-2.el9_5) X:strictfipsruntime',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function groups(): Map<string, ResourceType[]> {
  const out = new Map<string, ResourceType[]>();
  for (const type of resourceTypes) {
    if (type.group === '') continue;
    out.set(type.group, [...(out.get(type.group) ?? []), type]);
  }
  return out;
}

/** `/api`. @public */
export function coreApiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
    ],
  };
}

function groupDocument(group: string, types: ResourceType[]) {
  const versions = [...new Set(types.flatMap(t => t.versions))];
  return {
    name: group,
    versions: versions.map(version => ({
      groupVersion: `${group}/${version}`,
      version,
    })),
    preferredVersion: {
      groupVersion: `${group}/${versions[0]}`,
      version: versions[0],
    },
  };
}

/** `/apis`. @public */
export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups()].map(([group, types]) => groupDocument(group, types)),
  };
}

/** `/apis/{group}`, or undefined for a group the fake does not serve. @public */
export function apiGroup(group: string) {
  const types = groups().get(group);
  return types
    ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group, types) }
    : undefined;
}

/** `/api/v1` or `/apis/{group}/{version}`, or undefined when not served. @public */
export function apiResourceList(group: string, version: string) {
  const types = resourceTypes.filter(
    t => t.group === group && t.versions.includes(version),
  );
  if (types.length === 0) {
    return undefined;
  }
  const resources = types.flatMap(type => {
    const main = {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: [...resourceVerbs],
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
      ...(type.categories ? { categories: type.categories } : {}),
    };
    const status = {
      name: `${type.plural}/status`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ['get', 'patch', 'update'],
    };
    const log =
      type.plural === 'pods' && type.group === ''
        ? [
            {
              name: 'pods/log',
              singularName: '',
              namespaced: true,
              kind: 'Pod',
              verbs: ['get'],
            },
          ]
        : [];
    return [main, status, ...log];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(group, version),
    resources,
  };
}
