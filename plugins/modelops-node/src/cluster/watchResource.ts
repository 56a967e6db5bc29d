import { Dispatcher, fetch } from 'undici';
import { ClusterRequestError } from './ClusterRequestError';
import {
  describeStatus,
  resourcePath,
  statusReason,
} from './createClusterClient';
import {
  ClusterConfig,
  KubernetesObject,
  KubernetesResource,
  WatchEvent,
  WatchOptions,
} from './types';

const EVENT_TYPES = new Set([
  'ADDED',
  'MODIFIED',
  'DELETED',
  'BOOKMARK',
  'ERROR',
]);
/** Longest line kept while waiting for its end; a bigger one is not a watch event we can use. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Grace after the asked `timeoutSeconds` before a silent stream counts as dead. */
const SILENT_GRACE_MS = 30_000;

function readEvent<T extends KubernetesObject>(
  line: string,
): WatchEvent<T> | undefined {
  try {
    const parsed = JSON.parse(line) as { type?: unknown; object?: unknown };
    if (
      typeof parsed?.type === 'string' &&
      EVENT_TYPES.has(parsed.type) &&
      typeof parsed.object === 'object' &&
      parsed.object !== null
    ) {
      return parsed as WatchEvent<T>;
    }
  } catch {
    // reported below as an answer that is not a watch event
  }
  return undefined;
}

/**
 * One watch request (`?watch=1`), as the events the API server streams, one JSON object per
 * line. Ends when the server ends the stream (its `timeoutSeconds`) or the caller's signal
 * aborts; throws a {@link ClusterRequestError} for an error answer, a line that is not a
 * watch event, or a broken or silent stream. An ERROR event (a `Status`, e.g. 410 Expired)
 * is yielded as it came: the caller decides to re-list.
 */
export async function* watchResource<T extends KubernetesObject>(
  config: ClusterConfig,
  dispatcher: Dispatcher | undefined,
  resource: KubernetesResource,
  options: WatchOptions,
): AsyncGenerator<WatchEvent<T>> {
  const query = new URLSearchParams({ watch: '1' });
  if (options.resourceVersion)
    query.set('resourceVersion', options.resourceVersion);
  if (options.allowWatchBookmarks !== false)
    query.set('allowWatchBookmarks', 'true');
  if (options.labelSelector) query.set('labelSelector', options.labelSelector);
  if (options.timeoutSeconds)
    query.set('timeoutSeconds', String(options.timeoutSeconds));
  const what = `watch ${resource.plural}${
    options.namespace ? ` in ${options.namespace}` : ''
  }${options.labelSelector ? ` (${options.labelSelector})` : ''}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.serviceAccountToken)
    headers.authorization = `Bearer ${config.serviceAccountToken}`;

  // Until the answer starts, the per-request timeout holds; after that the stream may be
  // quiet for as long as it was asked to last (plus a grace), and no longer.
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  let deadline = setTimeout(abort, config.timeoutMs);
  const silentMs = (options.timeoutSeconds ?? 300) * 1000 + SILENT_GRACE_MS;
  const baseUrl = config.url.replace(/\/+$/, '');
  try {
    let response;
    try {
      response = await fetch(
        `${baseUrl}${resourcePath(resource, options.namespace)}?${query}`,
        { headers, dispatcher, signal: controller.signal },
      );
    } catch (error) {
      if (options.signal?.aborted) return;
      const e = error as Error & {
        cause?: { code?: string; message?: string };
      };
      throw new ClusterRequestError(
        config.name,
        what,
        undefined,
        e.name === 'AbortError'
          ? `no answer within ${config.timeoutMs} ms (slow or unreachable cluster)`
          : `unreachable (${e.cause?.code ?? e.cause?.message ?? e.message})`,
      );
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 4096);
      throw new ClusterRequestError(
        config.name,
        what,
        response.status,
        describeStatus(response.status, text),
        statusReason(text),
      );
    }
    clearTimeout(deadline);
    deadline = setTimeout(abort, silentMs);
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body ?? []) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          if (!line) continue;
          const event = readEvent<T>(line);
          if (!event)
            throw new ClusterRequestError(
              config.name,
              what,
              200,
              `unexpected answer: not a watch event: ${line.slice(0, 200)}`,
            );
          clearTimeout(deadline);
          deadline = setTimeout(abort, silentMs);
          yield event;
        }
        if (buffered.length > MAX_LINE_BYTES)
          throw new ClusterRequestError(
            config.name,
            what,
            200,
            `unexpected answer: a watch event over ${MAX_LINE_BYTES} bytes`,
          );
      }
    } catch (error) {
      if (error instanceof ClusterRequestError) throw error;
      if (options.signal?.aborted) return;
      throw new ClusterRequestError(
        config.name,
        what,
        200,
        controller.signal.aborted
          ? `the watch was silent for ${silentMs} ms (dead connection)`
          : `the watch stream broke (${(error as Error).message})`,
      );
    }
    if (buffered.trim())
      throw new ClusterRequestError(
        config.name,
        what,
        200,
        'the watch stream ended in the middle of an event',
      );
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}
