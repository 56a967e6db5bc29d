/**
 * The resource types the fake Kubernetes API serves. Objects are stored once, in their
 * storage version. Tekton is served as v1 only: every client of the demo (the collector,
 * the scaffolder actions, the Kubernetes plugin's custom resources) reads v1.
 */

/** A resource type the fake serves. @public */
export interface ResourceType {
  /** API group, empty for the core group. */
  group: string;
  /** Versions served, storage version first. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
}

const ALL_VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** The verbs every served type answers. @public */
export const resourceVerbs: readonly string[] = Object.freeze(ALL_VERBS);

function type(
  group: string,
  versions: string[],
  plural: string,
  kind: string,
  namespaced = true,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    versions,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    ...extra,
  };
}

/** Every resource type of the fake cluster. @public */
export const resourceTypes: readonly ResourceType[] = Object.freeze([
  type('', ['v1'], 'namespaces', 'Namespace', false, { shortNames: ['ns'] }),
  type('', ['v1'], 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
  }),
  type('', ['v1'], 'services', 'Service', true, {
    shortNames: ['svc'],
    categories: ['all'],
  }),
  type('', ['v1'], 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  type('', ['v1'], 'secrets', 'Secret'),
  type('', ['v1'], 'serviceaccounts', 'ServiceAccount', true, {
    shortNames: ['sa'],
  }),
  type('', ['v1'], 'persistentvolumeclaims', 'PersistentVolumeClaim', true, {
    shortNames: ['pvc'],
  }),
  type('', ['v1'], 'limitranges', 'LimitRange', true, {
    shortNames: ['limits'],
  }),
  type('', ['v1'], 'resourcequotas', 'ResourceQuota', true, {
    shortNames: ['quota'],
  }),
  type('', ['v1'], 'events', 'Event', true, { shortNames: ['ev'] }),
  type('apps', ['v1'], 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ['all'],
  }),
  type('apps', ['v1'], 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ['all'],
  }),
  type('apps', ['v1'], 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ['all'],
  }),
  type('apps', ['v1'], 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
    categories: ['all'],
  }),
  type(
    'autoscaling',
    ['v2', 'v1'],
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    { shortNames: ['hpa'], categories: ['all'] },
  ),
  type('batch', ['v1'], 'jobs', 'Job', true, { categories: ['all'] }),
  type('batch', ['v1'], 'cronjobs', 'CronJob', true, {
    shortNames: ['cj'],
    categories: ['all'],
  }),
  type('networking.k8s.io', ['v1'], 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
  }),
  type('metrics.k8s.io', ['v1beta1'], 'pods', 'PodMetrics'),
  type('tekton.dev', ['v1'], 'pipelineruns', 'PipelineRun', true, {
    shortNames: ['pr', 'prs'],
    categories: ['tekton', 'tekton-pipelines'],
  }),
  type('tekton.dev', ['v1'], 'taskruns', 'TaskRun', true, {
    shortNames: ['tr', 'trs'],
    categories: ['tekton', 'tekton-pipelines'],
  }),
  type('tekton.dev', ['v1'], 'pipelines', 'Pipeline', true, {
    categories: ['tekton', 'tekton-pipelines'],
  }),
  type('tekton.dev', ['v1'], 'tasks', 'Task', true, {
    categories: ['tekton', 'tekton-pipelines'],
  }),
  type(
    'mlops.mlops.dev',
    ['v1alpha1'],
    'notebookvalidationjobs',
    'NotebookValidationJob',
    true,
    { shortNames: ['nvj', 'nvjob'] },
  ),
  type(
    'serving.kserve.io',
    ['v1beta1'],
    'inferenceservices',
    'InferenceService',
    true,
    { shortNames: ['isvc'] },
  ),
  type('serving.kserve.io', ['v1alpha1'], 'servingruntimes', 'ServingRuntime'),
]);

/** The key objects of a type are stored under: `<group or core>/<plural>`. @public */
export function typeKeyOf(
  resourceType: Pick<ResourceType, 'group' | 'plural'>,
): string {
  return `${resourceType.group || 'core'}/${resourceType.plural}`;
}

const byGroupPlural = new Map(resourceTypes.map(t => [typeKeyOf(t), t]));

/** The type served at `group`/`version`/`plural`, if any. @public */
export function findResourceType(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  const found = byGroupPlural.get(typeKeyOf({ group, plural }));
  return found && found.versions.includes(version) ? found : undefined;
}

/** The type of an object from its apiVersion and kind, if served. @public */
export function resourceTypeOfObject(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return resourceTypes.find(
    t => t.group === group && t.kind === kind && t.versions.includes(version),
  );
}

/** `group/version`, or `version` for the core group. @public */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The storage version of a type. @public */
export function storageVersionOf(resourceType: ResourceType): string {
  return resourceType.versions[0];
}
