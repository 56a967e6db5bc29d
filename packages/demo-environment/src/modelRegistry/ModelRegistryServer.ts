import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import {
  BodyTooLargeError,
  close,
  hasBearerToken,
  listen,
  readBody,
  sendJson,
  urlOf,
} from '../http/httpUtils';
import { RegistryError, registryErrors } from './RegistryError';
import {
  MODEL_REGISTRY_BASE_PATH,
  routeRegistryRequest,
} from './registryRoutes';
import { RegistryStore } from './RegistryStore';

/** Options of {@link startModelRegistry}. @public */
export interface ModelRegistryOptions {
  store: RegistryStore;
  token: string;
  port: number;
  host: string;
}

/** A running fake Model Registry. @public */
export interface RunningModelRegistry {
  /** Base URL of the server (the API is under `/api/model_registry/v1alpha3`). */
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

async function handle(
  store: RegistryStore,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(`${MODEL_REGISTRY_BASE_PATH}/`)) {
    throw registryErrors.notFound(
      `no route for ${url.pathname}: the API is under ${MODEL_REGISTRY_BASE_PATH}`,
    );
  }
  const method = (request.method ?? 'GET').toUpperCase();
  let body: unknown;
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
    if (store.refuseWrites) throw new RegistryError(403, store.refuseWrites);
    const text = await readBody(request);
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw registryErrors.badRequest(
        `the request body is not JSON: ${(error as Error).message}`,
      );
    }
    if (body === undefined) {
      throw registryErrors.badRequest('the request body is required');
    }
  }
  const segments = url.pathname
    .slice(MODEL_REGISTRY_BASE_PATH.length + 1)
    .split('/')
    .filter(s => s.length > 0)
    .map(s => decodeURIComponent(s));
  const answer = routeRegistryRequest(store, {
    method,
    segments,
    query: url.searchParams,
    body,
  });
  sendJson(response, answer.code, answer.body);
}

/**
 * The request handler of the fake Model Registry: checks the bearer token, then answers the
 * REST API with the `{code, message}` Error body for errors.
 * @public
 */
export function createModelRegistryHandler(
  store: RegistryStore,
  token: string,
) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (pathname === '/readyz/isDirty' || pathname === '/readyz/health') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (!hasBearerToken(request, token)) {
      const error = registryErrors.unauthorized();
      sendJson(response, error.httpStatus, error.body());
      return;
    }
    handle(store, request, response).catch((error: unknown) => {
      let known: RegistryError;
      if (error instanceof RegistryError) known = error;
      else if (error instanceof BodyTooLargeError)
        known = new RegistryError(413, error.message);
      else
        known = new RegistryError(
          500,
          error instanceof Error ? error.message : String(error),
        );
      sendJson(response, known.httpStatus, known.body());
    });
  };
}

/** Starts the fake Model Registry on a loopback port. @public */
export async function startModelRegistry(
  options: ModelRegistryOptions,
): Promise<RunningModelRegistry> {
  const server = createServer(
    createModelRegistryHandler(options.store, options.token),
  );
  const port = await listen(
    server,
    options.port,
    options.host,
    'demo environment (Model Registry)',
  );
  return {
    url: urlOf(options.host, port),
    port,
    server,
    stop: () => close(server),
  };
}
