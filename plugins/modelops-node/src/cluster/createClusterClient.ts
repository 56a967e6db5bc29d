import { Agent, Dispatcher, fetch, request as undiciRequest } from 'undici';
import { ClusterRequestError } from './ClusterRequestError';
import { readListAnswer } from './readListAnswer';
import { formatBytes, readTail } from './readTail';
import { watchResource } from './watchResource';
import {
  ClusterClient,
  ClusterConfig,
  KubernetesObject,
  KubernetesResource,
  ListOptions,
  PodLogOptions,
  PodLogTail,
  WatchOptions,
} from './types';

const DEFAULT_PAGE_SIZE = 500;
/** Lines asked of the kubelet; the byte bound is kept on this side while streaming. */
const DEFAULT_TAIL_LINES = 2000;
/** How much of an error answer's body is kept for the message. */
const ERROR_BODY_BYTES = 4096;

/** The REST path of a collection or of one object. */
export function resourcePath(
  resource: KubernetesResource,
  namespace?: string,
  name?: string,
): string {
  const base = resource.group
    ? `/apis/${resource.group}/${resource.version}`
    : `/api/${resource.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.plural}${
    name ? `/${encodeURIComponent(name)}` : ''
  }`;
}

/** The `reason` of a Kubernetes `Status` answer, or undefined for any other body. */
export function statusReason(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; reason?: unknown };
    return parsed?.kind === 'Status' && typeof parsed.reason === 'string'
      ? parsed.reason
      : undefined;
  } catch {
    return undefined;
  }
}

/** A readable message for an error answer, with a hint for the usual statuses. */
export function describeStatus(status: number, body: string): string {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { message?: string };
    if (parsed.message) message = parsed.message;
  } catch {
    // not a Kubernetes Status object; keep the raw text
  }
  const hint: Record<number, string> = {
    401: 'the cluster refused the service account token (expired or wrong)',
    403: 'the service account may not do this',
    404: 'not found',
    410: 'the continue token expired; the whole list is read again next time',
    429: 'the cluster is throttling requests',
  };
  // List and JSON calls do not follow redirects: an API server does not send them, a proxy's
  // login page does.
  if (status >= 300 && status < 400)
    hint[status] =
      'redirected: a proxy or login page answered, not the Kubernetes API server';
  return `HTTP ${status}${hint[status] ? ` (${hint[status]})` : ''}${
    message ? `: ${message}` : ''
  }`;
}

/**
 * The log text with a first line that says how much earlier output was cut, the whole within
 * `limitBytes` (the start of the kept text gives way to the line, at a line boundary).
 */
function withCutMarker(tail: PodLogTail, limitBytes: number): string {
  if (tail.cutBytes === 0) return tail.text;
  let bytes = Buffer.from(tail.text);
  let cut = tail.cutBytes;
  const marker = () =>
    `[... ${formatBytes(
      cut,
    )} of earlier output not shown: the log is read from the end ...]\n`;
  // A few bytes of slack: the marker's number grows as more is cut.
  const budget = limitBytes - Buffer.byteLength(marker()) - 4;
  if (budget < 32) return tail.text; // no room to say it
  if (bytes.length > budget) {
    let start = bytes.length - Math.max(budget, 0);
    const newline = bytes.indexOf(0x0a, start);
    if (newline >= 0 && newline < bytes.length - 1) start = newline + 1;
    cut += start;
    bytes = bytes.subarray(start);
  }
  return `${marker()}${bytes.toString('utf8')}`;
}

/**
 * A {@link ClusterClient} over the Kubernetes REST API with the cluster's service account
 * token, CA data and TLS setting, a timeout per request, and `limit`/`continue` paging.
 * @public
 */
export function createClusterClient(config: ClusterConfig): ClusterClient {
  const dispatcher = config.url.startsWith('https:')
    ? new Agent({
        connect: {
          rejectUnauthorized: !config.skipTLSVerify,
          ...(config.caData
            ? { ca: Buffer.from(config.caData, 'base64').toString('utf8') }
            : {}),
        },
      })
    : undefined;
  const baseUrl = config.url.replace(/\/+$/, '');

  type RequestOptions = {
    body?: unknown;
    contentType?: string;
    accept?: string;
  };

  function headersOf(init: RequestOptions) {
    const headers: Record<string, string> = {
      accept: init.accept ?? 'application/json',
    };
    if (config.serviceAccountToken)
      headers.authorization = `Bearer ${config.serviceAccountToken}`;
    if (init.body !== undefined)
      headers['content-type'] = init.contentType ?? 'application/json';
    return headers;
  }

  /** The error for a request that got no answer (fetch wraps the socket's error in `cause`). */
  function unreachable(error: unknown, what: string) {
    const e = error as Error & {
      code?: string;
      cause?: { code?: string; message?: string };
    };
    const detail =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${config.timeoutMs} ms (slow or unreachable cluster)`
        : `unreachable (${
            e.cause?.code ?? e.code ?? e.cause?.message ?? e.message
          })`;
    return new ClusterRequestError(config.name, what, undefined, detail);
  }

  /** A streamed answer (logs): fetch, for its web stream body. */
  async function request(
    method: string,
    path: string,
    what: string,
    init: RequestOptions = {},
  ) {
    try {
      return await fetch(`${baseUrl}${path}`, {
        method,
        headers: headersOf(init),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        dispatcher,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw unreachable(error, what);
    }
  }

  /**
   * A JSON answer, read whole. undici's `request` rather than `fetch`: no web streams and
   * Response objects between the socket and the text (a tenth less CPU for a list page, which
   * for a full sync is most of what the floor costs).
   */
  async function json<T>(
    method: string,
    path: string,
    what: string,
    init: RequestOptions = {},
  ): Promise<T> {
    let status: number;
    let text: string;
    try {
      const answer = await undiciRequest(`${baseUrl}${path}`, {
        method: method as Dispatcher.HttpMethod,
        headers: headersOf(init),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        dispatcher,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      status = answer.statusCode;
      text = await answer.body.text();
    } catch (error) {
      throw unreachable(error, what);
    }
    if (status < 200 || status >= 300)
      throw new ClusterRequestError(
        config.name,
        what,
        status,
        describeStatus(status, text),
        statusReason(text),
      );
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ClusterRequestError(
        config.name,
        what,
        status,
        'the answer is not JSON (is the URL a Kubernetes API server?)',
      );
    }
  }

  const client: ClusterClient = {
    cluster: config.name,

    /**
     * Every page or nothing: a page that fails, is garbled or whose continue token expired
     * (410) fails the whole list, so no caller ever prunes from a partial list.
     */
    async list<T extends KubernetesObject>(
      resource: KubernetesResource,
      options: ListOptions = {},
    ) {
      const items: T[] = [];
      let resourceVersion: string | undefined;
      for await (const page of client.listPages<T>(resource, options)) {
        for (const item of page.items) items.push(item);
        resourceVersion ??= page.resourceVersion;
      }
      return { items, resourceVersion };
    },

    async *listPages<T extends KubernetesObject>(
      resource: KubernetesResource,
      options: ListOptions = {},
    ) {
      let next: string | undefined;
      let resourceVersion: string | undefined;
      const what = `list ${resource.plural}${
        options.namespace ? ` in ${options.namespace}` : ''
      }${[options.labelSelector, options.fieldSelector]
        .filter(Boolean)
        .map(s => ` (${s})`)
        .join('')}`;
      let pages = 0;
      do {
        const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
        const query = new URLSearchParams({
          limit: String(
            pages === 0 && options.firstPageSize
              ? Math.min(options.firstPageSize, pageSize)
              : pageSize,
          ),
        });
        if (options.labelSelector)
          query.set('labelSelector', options.labelSelector);
        if (options.fieldSelector)
          query.set('fieldSelector', options.fieldSelector);
        if (next) query.set('continue', next);
        const page = readListAnswer<T>(
          await json<unknown>(
            'GET',
            `${resourcePath(resource, options.namespace)}?${query}`,
            what,
          ),
        );
        pages += 1;
        if ('problem' in page)
          throw new ClusterRequestError(
            config.name,
            what,
            200,
            `unexpected answer${pages > 1 ? ` on page ${pages}` : ''}: ${
              page.problem
            }`,
          );
        if (page.continueToken && page.continueToken === next)
          throw new ClusterRequestError(
            config.name,
            what,
            200,
            `the same continue token came back twice (paging loops)`,
          );
        // Every page carries the resourceVersion of the list's first page (one snapshot).
        resourceVersion ??= page.resourceVersion;
        next = page.continueToken;
        yield { items: page.items, resourceVersion };
      } while (next);
    },

    watch<T extends KubernetesObject>(
      resource: KubernetesResource,
      options: WatchOptions,
    ) {
      return watchResource<T>(config, dispatcher, resource, options);
    },

    async get<T extends KubernetesObject>(
      resource: KubernetesResource,
      namespace: string,
      name: string,
    ) {
      try {
        return await json<T>(
          'GET',
          resourcePath(resource, namespace, name),
          `get ${resource.plural} ${namespace}/${name}`,
        );
      } catch (error) {
        if (error instanceof ClusterRequestError && error.resourceNotFound)
          return undefined;
        throw error;
      }
    },

    create<T extends KubernetesObject>(
      resource: KubernetesResource,
      namespace: string,
      body: T,
      options: { dryRun?: boolean } = {},
    ) {
      const query = options.dryRun ? '?dryRun=All' : '';
      return json<T>(
        'POST',
        `${resourcePath(resource, namespace)}${query}`,
        `create ${resource.plural} in ${namespace}`,
        { body },
      );
    },

    patch<T extends KubernetesObject>(
      resource: KubernetesResource,
      namespace: string,
      name: string,
      mergePatch: object,
    ) {
      return json<T>(
        'PATCH',
        resourcePath(resource, namespace, name),
        `patch ${resource.plural} ${namespace}/${name}`,
        {
          body: mergePatch,
          contentType: 'application/merge-patch+json',
        },
      );
    },

    /**
     * The end of a container's log: asks for the last `tailLines` lines and streams the
     * answer keeping only its last `limitBytes` bytes, so a kubelet or proxy that ignores the
     * limits cannot grow memory. (Kubernetes' own `limitBytes` would keep the head.)
     */
    async podLogTail(
      namespace: string,
      pod: string,
      container: string,
      options: PodLogOptions,
    ): Promise<PodLogTail> {
      const query = new URLSearchParams({
        container,
        tailLines: String(options.tailLines ?? DEFAULT_TAIL_LINES),
      });
      const what = `log of ${namespace}/${pod} container ${container}`;
      const response = await request(
        'GET',
        `${resourcePath(
          { group: '', version: 'v1', plural: 'pods' },
          namespace,
          pod,
        )}/log?${query}`,
        what,
        { accept: 'text/plain' },
      );
      try {
        if (!response.ok) {
          const { text } = await readTail(response.body, ERROR_BODY_BYTES);
          throw new ClusterRequestError(
            config.name,
            what,
            response.status,
            describeStatus(response.status, text),
            statusReason(text),
          );
        }
        return await readTail(response.body, options.limitBytes);
      } catch (error) {
        if (error instanceof ClusterRequestError) throw error;
        const e = error as Error;
        throw new ClusterRequestError(
          config.name,
          what,
          response.status,
          e.name === 'TimeoutError' || e.name === 'AbortError'
            ? `the log did not end within ${config.timeoutMs} ms`
            : `the log stream broke (${e.message})`,
        );
      }
    },

    async podLog(
      namespace: string,
      pod: string,
      container: string,
      options: PodLogOptions,
    ) {
      const tail = await client.podLogTail(namespace, pod, container, options);
      return withCutMarker(tail, options.limitBytes);
    },
  };
  return client;
}
