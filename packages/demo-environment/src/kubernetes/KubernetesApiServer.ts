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
  sendText,
  urlOf,
} from '../http/httpUtils';
import { FakeCluster } from './FakeCluster';
import { LabelSelectorError } from '@private-ai/plugin-modelops-common';
import { parseApiPath } from './requestPath';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  patchResource,
  podLog,
  replaceResource,
  ResourceAnswer,
  ResourceRequest,
} from './resourceHandlers';
import { kubeErrors, KubeStatusError } from './status';
import { streamWatch } from './watch';

/** Options of {@link startKubernetesApi}. @public */
export interface KubernetesApiOptions {
  cluster: FakeCluster;
  /** Bearer token every request must carry. */
  token: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  host: string;
  /** How often a watch that allows bookmarks gets one; default one a minute. */
  watchBookmarkIntervalMs?: number;
}

/** Options of {@link createKubernetesApiHandler}. @public */
export interface KubernetesApiHandlerOptions {
  /** How often a watch that allows bookmarks gets one; default one a minute. */
  watchBookmarkIntervalMs?: number;
}

/** A running fake Kubernetes API. @public */
export interface RunningKubernetesApi {
  url: string;
  port: number;
  server: Server;
  /**
   * Drops every open connection (watches included) without a goodbye, as a restarting API
   * server or a proxy's idle timeout does; clients must reconnect.
   */
  dropConnections(): void;
  stop(): Promise<void>;
}

function send(response: ServerResponse, answer: ResourceAnswer) {
  if ('text' in answer) {
    sendText(response, answer.code, answer.text);
  } else {
    sendJson(response, answer.code, answer.json);
  }
}

function sendStatus(response: ServerResponse, error: KubeStatusError) {
  sendJson(response, error.status.code, error.status);
}

async function dispatch(
  cluster: FakeCluster,
  options: KubernetesApiHandlerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const path = parseApiPath(url.pathname);
  const readOnly = method === 'GET' || method === 'HEAD';

  if (path.kind === 'unknown') throw kubeErrors.pathNotFound();

  const body = readOnly ? '' : await readBody(request);
  const resourceRequest: ResourceRequest = {
    type: path.type,
    version: path.version,
    namespace: path.namespace,
    name: path.name,
    subresource: path.subresource,
    query: url.searchParams,
    body,
    contentType: String(request.headers['content-type'] ?? 'application/json'),
  };

  if (path.subresource !== undefined) {
    const isLog =
      path.subresource === 'log' &&
      path.type.kind === 'Pod' &&
      path.type.group === '';
    if (isLog && readOnly) {
      send(response, podLog(cluster, resourceRequest));
      return;
    }
    if (path.subresource !== 'status' || isLog) {
      throw kubeErrors.pathNotFound();
    }
  }

  if (path.name === undefined) {
    if (readOnly) {
      const watch = url.searchParams.get('watch');
      if (watch === 'true' || watch === '1') {
        const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '');
        streamWatch(
          cluster,
          {
            type: path.type,
            version: path.version,
            namespace: path.namespace,
            labelSelector: url.searchParams.get('labelSelector'),
            resourceVersion: url.searchParams.get('resourceVersion'),
            timeoutSeconds:
              Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
            allowWatchBookmarks:
              url.searchParams.get('allowWatchBookmarks') === 'true',
            bookmarkIntervalMs: options.watchBookmarkIntervalMs,
          },
          response,
        );
        return;
      }
      send(response, listResources(cluster, resourceRequest));
      return;
    }
    if (method === 'POST') {
      send(response, createResource(cluster, resourceRequest));
      return;
    }
    throw kubeErrors.methodNotAllowed(method);
  }

  switch (method) {
    case 'GET':
    case 'HEAD':
      send(response, getResource(cluster, resourceRequest));
      return;
    case 'PUT':
      send(response, replaceResource(cluster, resourceRequest));
      return;
    case 'PATCH':
      send(response, patchResource(cluster, resourceRequest));
      return;
    case 'DELETE':
      send(response, deleteResource(cluster, resourceRequest));
      return;
    default:
      throw kubeErrors.methodNotAllowed(method);
  }
}

/**
 * The request handler of the fake Kubernetes API: checks the bearer token, then answers
 * list (label selectors, paging, watch), get, create (dry run, generateName),
 * replace, patch (JSON merge patch), delete and pod logs, with Status objects for errors.
 * @public
 */
export function createKubernetesApiHandler(
  cluster: FakeCluster,
  token: string,
  options: KubernetesApiHandlerOptions = {},
) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (
      pathname === '/healthz' ||
      pathname === '/readyz' ||
      pathname === '/livez'
    ) {
      sendText(response, 200, 'ok');
      return;
    }
    if (!hasBearerToken(request, token)) {
      sendStatus(response, kubeErrors.unauthorized());
      return;
    }
    dispatch(cluster, options, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.end();
        return;
      }
      if (error instanceof KubeStatusError) {
        sendStatus(response, error);
      } else if (error instanceof BodyTooLargeError) {
        sendStatus(response, kubeErrors.tooLarge());
      } else if (error instanceof LabelSelectorError) {
        sendStatus(response, kubeErrors.badRequest(error.message));
      } else {
        sendStatus(
          response,
          kubeErrors.internal(
            error instanceof Error ? error.message : String(error),
          ),
        );
      }
    });
  };
}

/** Starts the fake Kubernetes API on a loopback port. @public */
export async function startKubernetesApi(
  options: KubernetesApiOptions,
): Promise<RunningKubernetesApi> {
  const server = createServer(
    createKubernetesApiHandler(options.cluster, options.token, {
      watchBookmarkIntervalMs: options.watchBookmarkIntervalMs,
    }),
  );
  const port = await listen(
    server,
    options.port,
    options.host,
    'demo environment (Kubernetes API)',
  );
  return {
    url: urlOf(options.host, port),
    port,
    server,
    dropConnections: () => server.closeAllConnections(),
    stop: () => close(server),
  };
}
