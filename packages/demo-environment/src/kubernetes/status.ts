import { ResourceType } from './resourceTypes';

/** A field problem in a 422 Invalid answer. @public */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** The Kubernetes `Status` object every error answer carries. @public */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
  };
  code: number;
}

/** An error the fake answers with a Status object and its code. @public */
export class KubeStatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
    this.name = 'KubeStatusError';
  }
}

function statusError(
  code: number,
  reason: string,
  message: string,
  details?: KubeStatus['details'],
): KubeStatusError {
  return new KubeStatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

/** `pods` or `pipelineruns.tekton.dev`, as the API server names a resource in messages. */
export function qualifiedResource(
  type: Pick<ResourceType, 'group' | 'plural'>,
): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** @public */
export const kubeErrors = {
  unauthorized: () => statusError(401, 'Unauthorized', 'Unauthorized'),
  notFound: (type: Pick<ResourceType, 'group' | 'plural'>, name: string) =>
    statusError(
      404,
      'NotFound',
      `${qualifiedResource(type)} "${name}" not found`,
      {
        name,
        ...(type.group ? { group: type.group } : {}),
        kind: type.plural,
      },
    ),
  pathNotFound: () =>
    statusError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    ),
  alreadyExists: (type: Pick<ResourceType, 'group' | 'plural'>, name: string) =>
    statusError(
      409,
      'AlreadyExists',
      `${qualifiedResource(type)} "${name}" already exists`,
      {
        name,
        ...(type.group ? { group: type.group } : {}),
        kind: type.plural,
      },
    ),
  conflict: (type: Pick<ResourceType, 'group' | 'plural'>, name: string) =>
    statusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(
        type,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, ...(type.group ? { group: type.group } : {}), kind: type.plural },
    ),
  invalid: (type: ResourceType, name: string, causes: StatusCause[]) =>
    statusError(
      422,
      'Invalid',
      `${type.kind}${
        type.group ? `.${type.group}` : ''
      } "${name}" is invalid: ${causes
        .map(c => `${c.field}: ${c.message}`)
        .join(', ')}`,
      {
        name,
        ...(type.group ? { group: type.group } : {}),
        kind: type.kind,
        causes,
      },
    ),
  badRequest: (message: string) => statusError(400, 'BadRequest', message),
  methodNotAllowed: (method: string) =>
    statusError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
    ),
  unsupportedMediaType: (contentType: string) =>
    statusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - the demo API accepts application/merge-patch+json (got "${contentType}")`,
    ),
  expired: (message: string) => statusError(410, 'Expired', message),
  tooLarge: () =>
    statusError(
      413,
      'RequestEntityTooLarge',
      'Request entity too large: limit is 3145728',
    ),
  internal: (message: string) =>
    statusError(500, 'InternalError', `Internal error occurred: ${message}`),
};
