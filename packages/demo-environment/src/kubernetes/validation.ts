import { ResourceType } from './resourceTypes';
import { kubeErrors, StatusCause } from './status';
import { KubeObject } from './types';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a request body as a Kubernetes object of the path's type, answering as the API
 * server does: 400 for a body that is not an object of that apiVersion and kind or names
 * another namespace.
 * @public
 */
export function parseObjectBody(
  body: string,
  type: ResourceType,
  apiVersion: string,
  namespace: string | undefined,
): KubeObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw kubeErrors.badRequest(
      `couldn't get version/kind; json parse error: ${
        (error as Error).message
      }`,
    );
  }
  if (!isRecord(parsed)) {
    throw kubeErrors.badRequest(
      "couldn't get version/kind; json parse error: expected an object",
    );
  }
  const object = parsed as Partial<KubeObject>;
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw kubeErrors.badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw kubeErrors.badRequest(
      `the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`,
    );
  }
  const metadata: Record<string, unknown> = isRecord(object.metadata)
    ? object.metadata
    : {};
  if (
    namespace !== undefined &&
    metadata.namespace !== undefined &&
    metadata.namespace !== namespace
  ) {
    throw kubeErrors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return {
    ...object,
    apiVersion,
    kind: type.kind,
    metadata: {
      ...metadata,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      ...(namespace !== undefined ? { namespace } : {}),
    },
  } as KubeObject;
}

/** The API server's own checks of a new object's metadata (422 Invalid). @public */
export function validateMetadata(object: KubeObject, type: ResourceType): void {
  const causes: StatusCause[] = [];
  const { name, generateName, labels } = object.metadata;
  if (!name && !generateName) {
    causes.push({
      reason: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
      field: 'metadata.name',
    });
  } else if (name && (name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      field: 'metadata.name',
    });
  }
  if (labels !== undefined) {
    for (const [key, value] of Object.entries(labels)) {
      if (
        typeof value !== 'string' ||
        value.length > 63 ||
        !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)
      ) {
        causes.push({
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${String(
            value,
          )}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          field: `metadata.labels: ${key}`,
        });
      }
    }
  }
  if (causes.length) {
    throw kubeErrors.invalid(type, name || generateName || '', causes);
  }
}

function webhookDenied(message: string) {
  return kubeErrors.badRequest(
    `admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ${message}`,
  );
}

/** What Tekton's validating webhook checks of PipelineRuns and TaskRuns (400 when denied). @public */
export function validateTektonObject(object: KubeObject): void {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (object.kind === 'PipelineRun' || object.kind === 'TaskRun') {
    const [ref, inline] =
      object.kind === 'PipelineRun'
        ? ['pipelineRef', 'pipelineSpec']
        : ['taskRef', 'taskSpec'];
    const count =
      (spec?.[ref] !== undefined ? 1 : 0) +
      (spec?.[inline] !== undefined ? 1 : 0);
    if (count === 0) {
      throw webhookDenied(
        `expected exactly one, got neither: spec.${ref}, spec.${inline}`,
      );
    }
    if (count === 2) {
      throw webhookDenied(
        `expected exactly one, got both: spec.${ref}, spec.${inline}`,
      );
    }
    const params = Array.isArray(spec?.params)
      ? (spec?.params as unknown[])
      : [];
    const seen = new Set<string>();
    for (const param of params) {
      const paramName = isRecord(param) ? param.name : undefined;
      if (typeof paramName !== 'string' || paramName === '') {
        throw webhookDenied('missing field(s): spec.params.name');
      }
      if (seen.has(paramName)) {
        throw webhookDenied(
          `parameter names must be unique, the parameter "${paramName}" is also defined at: spec.params[${params.indexOf(
            param,
          )}].name`,
        );
      }
      seen.add(paramName);
    }
    const status = spec?.status;
    const allowed =
      object.kind === 'PipelineRun'
        ? [
            'Cancelled',
            'CancelledRunFinally',
            'StoppedRunFinally',
            'PipelineRunPending',
          ]
        : ['TaskRunCancelled', 'TaskRunPending'];
    if (
      status !== undefined &&
      status !== '' &&
      !allowed.includes(String(status))
    ) {
      throw webhookDenied(`invalid value: ${String(status)}: spec.status`);
    }
  }
}
