import { randomUUID } from 'node:crypto';
import { FakeCluster } from './FakeCluster';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { decodeContinueToken, pageOf, parseLimit } from './paging';
import { applyMergePatch } from './patch';
import { readLog } from './PodLogStore';
import { apiVersionOf, ResourceType, typeKeyOf } from './resourceTypes';
import { toServedVersion, toStorageVersion } from './servedVersions';
import { kubeErrors } from './status';
import { KubeObject } from './types';
import {
  parseObjectBody,
  validateMetadata,
  validateTektonObject,
} from './validation';

/** A request for a resource path, already authenticated. @public */
export interface ResourceRequest {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  body: string;
  contentType: string;
}

/** An answer: JSON or plain text. @public */
export type ResourceAnswer =
  | { code: number; json: unknown }
  | { code: number; text: string };

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function generatedName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix +=
      GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  }
  return `${prefix}${suffix}`;
}

function labelSelectorOf(query: URLSearchParams) {
  try {
    return parseLabelSelector(query.get('labelSelector'));
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw kubeErrors.badRequest(error.message);
    }
    throw error;
  }
}

const FIELD_SELECTOR_TERM = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/;

type FieldReader = (object: KubeObject) => string;
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const fieldOf =
  (part: string, field: string): FieldReader =>
  object =>
    str(((object as Record<string, any>)[part] ?? {})[field]);

/** Fields every kind can be selected by. */
const OBJECT_META_FIELDS: Record<string, FieldReader> = {
  'metadata.name': object => object.metadata.name,
  'metadata.namespace': object => object.metadata.namespace ?? '',
};

/**
 * The further fields the API server lets a list select by, per kind (the ones this demo
 * serves; the Kubernetes docs' "Field Selectors" list). A core Event's `source` is its
 * `source.component`, or its `reportingComponent` when that is empty.
 */
const KIND_FIELDS: Record<string, Record<string, FieldReader>> = {
  Pod: {
    'status.phase': fieldOf('status', 'phase'),
    'spec.nodeName': fieldOf('spec', 'nodeName'),
  },
  Event: {
    'involvedObject.kind': fieldOf('involvedObject', 'kind'),
    'involvedObject.namespace': fieldOf('involvedObject', 'namespace'),
    'involvedObject.name': fieldOf('involvedObject', 'name'),
    'involvedObject.uid': fieldOf('involvedObject', 'uid'),
    'involvedObject.apiVersion': fieldOf('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': fieldOf(
      'involvedObject',
      'resourceVersion',
    ),
    'involvedObject.fieldPath': fieldOf('involvedObject', 'fieldPath'),
    reason: object => str(object.reason),
    reportingComponent: object => str(object.reportingComponent),
    source: object =>
      fieldOf('source', 'component')(object) || str(object.reportingComponent),
    type: object => str(object.type),
  },
};

function fieldsOf(type: ResourceType): Record<string, FieldReader> {
  // Only the core group's kinds have their own fields (a CRD's Event would not).
  return {
    ...OBJECT_META_FIELDS,
    ...(type.group === '' ? KIND_FIELDS[type.kind] : undefined),
  };
}

/**
 * A list's `fieldSelector`: terms joined by `,`, each `field=value`, `field==value` or
 * `field!=value`, all of which must hold. A field the kind does not support is a 400, as
 * from the API server.
 */
function fieldSelectorOf(query: URLSearchParams, type: ResourceType) {
  const raw = query.get('fieldSelector');
  if (!raw) {
    return () => true;
  }
  const supported = fieldsOf(type);
  const terms = raw.split(',').map(term => {
    const match = FIELD_SELECTOR_TERM.exec(term.trim());
    if (!match) {
      throw kubeErrors.badRequest(
        `invalid selector: '${raw}'; can't understand '${term}'`,
      );
    }
    const [, field, operator, value] = match;
    const read = supported[field];
    if (!read) {
      throw kubeErrors.badRequest(`field label not supported: ${field}`);
    }
    return { read, negate: operator === '!=', value };
  });
  return (object: KubeObject) =>
    terms.every(t => (t.read(object) === t.value) !== t.negate);
}

/** `GET` of a collection. */
export function listResources(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const { type, version, namespace, query } = request;
  const selector = labelSelectorOf(query);
  const fields = fieldSelectorOf(query, type);
  const limit = parseLimit(query.get('limit'));
  const rv = cluster.objects.resourceVersion();
  const continueToken = query.get('continue');
  if (
    continueToken &&
    cluster.isCompacted(decodeContinueToken(continueToken).rv)
  ) {
    throw kubeErrors.expired(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  }
  const matching = cluster.objects
    .list(typeKeyOf(type), namespace)
    .filter(
      ({ object }) =>
        matchesLabelSelector(selector, object.metadata.labels) &&
        fields(object),
    );
  const page = pageOf(matching, {
    limit,
    continueToken,
    rv,
  });
  return {
    code: 200,
    json: {
      apiVersion: apiVersionOf(type.group, version),
      kind: `${type.kind}List`,
      metadata: {
        resourceVersion: String(rv),
        ...(page.continueToken ? { continue: page.continueToken } : {}),
        ...(page.remainingItemCount !== undefined
          ? { remainingItemCount: page.remainingItemCount }
          : {}),
      },
      items: page.items.map(object => toServedVersion(object, type, version)),
    },
  };
}

function existing(cluster: FakeCluster, request: ResourceRequest): KubeObject {
  const found = cluster.objects.get(
    typeKeyOf(request.type),
    request.namespace,
    request.name ?? '',
  );
  if (!found) {
    throw kubeErrors.notFound(request.type, request.name ?? '');
  }
  return found;
}

/** `GET` of one object (or its status). */
export function getResource(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  return {
    code: 200,
    json: toServedVersion(
      existing(cluster, request),
      request.type,
      request.version,
    ),
  };
}

function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) {
    if (value !== 'All') {
      throw kubeErrors.badRequest(
        `Invalid dry run value: ${value}; the only supported value is "All"`,
      );
    }
  }
  return values.length > 0;
}

function checkNamespaceExists(cluster: FakeCluster, request: ResourceRequest) {
  if (!request.type.namespaced || request.namespace === undefined) {
    return;
  }
  if (!cluster.objects.get('core/namespaces', undefined, request.namespace)) {
    throw kubeErrors.notFound(
      { group: '', plural: 'namespaces' },
      request.namespace,
    );
  }
}

/** `POST` to a collection: create, or with `?dryRun=All` validate and answer without storing. */
export function createResource(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const { type, version, namespace } = request;
  if (type.namespaced && namespace === undefined) {
    throw kubeErrors.methodNotAllowed('POST');
  }
  const dryRun = isDryRun(request.query);
  const served = parseObjectBody(
    request.body,
    type,
    apiVersionOf(type.group, version),
    namespace,
  );
  validateMetadata(served, type);
  checkNamespaceExists(cluster, request);
  let object = toStorageVersion(served, type);
  validateTektonObject(object);
  const typeKey = typeKeyOf(type);
  let name = object.metadata.name;
  if (!name && object.metadata.generateName) {
    do {
      name = generatedName(object.metadata.generateName);
    } while (cluster.objects.get(typeKey, namespace, name));
  }
  object = { ...object, metadata: { ...object.metadata, name } };
  validateMetadata(object, type);
  if (cluster.objects.get(typeKey, namespace, name)) {
    throw kubeErrors.alreadyExists(type, name);
  }
  const { resourceVersion: _ignored, ...metadata } = object.metadata;
  object = { ...object, metadata: { ...metadata, name } };
  if (dryRun) {
    const preview: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: randomUUID(),
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        generation: 1,
      },
    };
    return { code: 201, json: toServedVersion(preview, type, version) };
  }
  const stored = cluster.objects.create(typeKey, object);
  return { code: 201, json: toServedVersion(stored, type, version) };
}

function replaceWith(
  cluster: FakeCluster,
  request: ResourceRequest,
  current: KubeObject,
  next: KubeObject,
  dryRun: boolean,
): ResourceAnswer {
  const { type, version } = request;
  // Like a type with a status subresource: writes to the object keep its status, writes
  // to `/status` change only the status.
  const merged: KubeObject =
    request.subresource === 'status'
      ? { ...current, status: next.status }
      : { ...next, status: current.status };
  const stored: KubeObject = {
    ...merged,
    metadata: {
      ...merged.metadata,
      name: current.metadata.name,
      namespace: current.metadata.namespace,
    },
  };
  validateMetadata(stored, type);
  validateTektonObject(stored);
  if (dryRun) {
    return { code: 200, json: toServedVersion(stored, type, version) };
  }
  const updated = cluster.objects.update(typeKeyOf(type), stored);
  if (!updated) {
    throw kubeErrors.notFound(type, current.metadata.name);
  }
  return { code: 200, json: toServedVersion(updated, type, version) };
}

/** `PUT` of one object: replace, refusing a stale resourceVersion with 409 Conflict. */
export function replaceResource(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const { type, version, namespace } = request;
  const dryRun = isDryRun(request.query);
  const current = existing(cluster, request);
  const served = parseObjectBody(
    request.body,
    type,
    apiVersionOf(type.group, version),
    namespace,
  );
  if (served.metadata.name && served.metadata.name !== request.name) {
    throw kubeErrors.badRequest(
      `the name of the object (${served.metadata.name}) does not match the name on the URL (${request.name})`,
    );
  }
  const wanted = served.metadata.resourceVersion;
  if (wanted !== undefined && wanted !== current.metadata.resourceVersion) {
    throw kubeErrors.conflict(type, current.metadata.name);
  }
  return replaceWith(
    cluster,
    request,
    current,
    toStorageVersion(served, type),
    dryRun,
  );
}

/** `PATCH` of one object with a JSON merge patch. */
export function patchResource(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const { type, version } = request;
  const dryRun = isDryRun(request.query);
  const current = existing(cluster, request);
  const mediaType = request.contentType.split(';')[0].trim().toLowerCase();
  let patch: unknown;
  try {
    patch = JSON.parse(request.body);
  } catch (error) {
    throw kubeErrors.badRequest(
      `error decoding patch: ${(error as Error).message}`,
    );
  }
  if (mediaType !== 'application/merge-patch+json') {
    throw kubeErrors.unsupportedMediaType(mediaType);
  }
  const served = toServedVersion(current, type, version);
  const next = applyMergePatch(served, patch) as KubeObject;
  if (!next || typeof next !== 'object' || typeof next.metadata !== 'object') {
    throw kubeErrors.badRequest('the patch removed the object metadata');
  }
  const wanted = (patch as { metadata?: { resourceVersion?: unknown } } | null)
    ?.metadata?.resourceVersion;
  if (
    typeof wanted === 'string' &&
    wanted !== current.metadata.resourceVersion
  ) {
    throw kubeErrors.conflict(type, current.metadata.name);
  }
  const asStored = toStorageVersion(
    { ...next, apiVersion: served.apiVersion, kind: type.kind },
    type,
  );
  return replaceWith(cluster, request, current, asStored, dryRun);
}

/** `DELETE` of one object (and what it owns). */
export function deleteResource(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const { type, version } = request;
  const dryRun = isDryRun(request.query);
  const current = existing(cluster, request);
  if (dryRun) {
    return { code: 200, json: toServedVersion(current, type, version) };
  }
  const deleted = cluster.delete(
    typeKeyOf(type),
    request.namespace,
    current.metadata.name,
  );
  return {
    code: 200,
    json: toServedVersion(deleted ?? current, type, version),
  };
}

function nonNegativeInteger(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw kubeErrors.badRequest(
      `${name}: Invalid value: ${raw}: must be greater than or equal to 0`,
    );
  }
  return value;
}

/** `GET pods/{name}/log?container=&tailLines=&limitBytes=`. */
export function podLog(
  cluster: FakeCluster,
  request: ResourceRequest,
): ResourceAnswer {
  const pod = existing(cluster, request);
  const spec = (pod.spec ?? {}) as {
    containers?: Array<{ name: string }>;
    initContainers?: Array<{ name: string }>;
  };
  const containers = (spec.containers ?? []).map(c => c.name);
  const initContainers = (spec.initContainers ?? []).map(c => c.name);
  let container = request.query.get('container') ?? undefined;
  if (!container) {
    if (containers.length !== 1) {
      throw kubeErrors.badRequest(
        `a container name must be specified for pod ${
          pod.metadata.name
        }, choose one of: [${containers.join(' ')}]${
          initContainers.length
            ? ` or one of the init containers: [${initContainers.join(' ')}]`
            : ''
        }`,
      );
    }
    container = containers[0];
  }
  if (!containers.includes(container) && !initContainers.includes(container)) {
    throw kubeErrors.badRequest(
      `container ${container} is not valid for pod ${pod.metadata.name}`,
    );
  }
  const text = cluster.logs.get(
    request.namespace ?? '',
    pod.metadata.name,
    container,
  );
  if (text === undefined) {
    const statuses =
      (
        (pod.status ?? {}) as {
          containerStatuses?: Array<{
            name: string;
            state?: Record<string, unknown>;
          }>;
        }
      ).containerStatuses ?? [];
    const state = statuses.find(s => s.name === container)?.state;
    if (!state || 'waiting' in state) {
      throw kubeErrors.badRequest(
        `container "${container}" in pod "${pod.metadata.name}" is waiting to start: PodInitializing`,
      );
    }
  }
  return {
    code: 200,
    text: readLog(text ?? '', {
      tailLines: nonNegativeInteger(request.query, 'tailLines'),
      limitBytes: nonNegativeInteger(request.query, 'limitBytes'),
    }),
  };
}
