import { ServerResponse } from 'node:http';
import { FakeCluster } from './FakeCluster';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { apiVersionOf, ResourceType, typeKeyOf } from './resourceTypes';
import { toServedVersion } from './servedVersions';
import { kubeErrors } from './status';
import { KubeObject, StoreEvent } from './types';

/** How often a watch that allows bookmarks gets one, unless the server is told otherwise. */
export const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;

/** What a watch asks for. @public */
export interface WatchRequest {
  type: ResourceType;
  version: string;
  namespace?: string;
  labelSelector?: string | null;
  /** Resume after this resourceVersion; unset or "0" starts with ADDED for every object. */
  resourceVersion?: string | null;
  timeoutSeconds?: number;
  /** `allowWatchBookmarks=true`: send BOOKMARK events with the current resourceVersion. */
  allowWatchBookmarks?: boolean;
  /** How often a bookmark is sent (default one a minute, as the API server roughly does). */
  bookmarkIntervalMs?: number;
}

/**
 * Streams watch events (one JSON object per line) in resourceVersion order until the client
 * goes away, the server closes, or `timeoutSeconds` pass. A resourceVersion older than the
 * kept history (compacted) gets an ERROR event with a 410 Expired Status and the end of the
 * stream, as the API server sends. With `allowWatchBookmarks`, a BOOKMARK event (an object
 * with only its kind and `metadata.resourceVersion`) says how far the watch has come, so a
 * client can resume from there even when nothing it watches changed.
 * @public
 */
export function streamWatch(
  cluster: FakeCluster,
  request: WatchRequest,
  response: ServerResponse,
): void {
  const selector = parseLabelSelector(request.labelSelector);
  const typeKey = typeKeyOf(request.type);
  const matches = (object: KubeObject) =>
    (request.namespace === undefined ||
      object.metadata.namespace === request.namespace) &&
    matchesLabelSelector(selector, object.metadata.labels);
  const write = (type: string, object: unknown) =>
    response.write(`${JSON.stringify({ type, object })}\n`);
  const send = (event: StoreEvent) => {
    if (event.typeKey === typeKey && matches(event.object)) {
      write(
        event.type,
        toServedVersion(event.object, request.type, request.version),
      );
    }
  };

  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  // The API server answers a watch at once and streams events after; Node would hold the
  // headers back until the first event, and a quiet watch would look like a dead server.
  response.flushHeaders();

  const from = request.resourceVersion;
  if (!from || from === '0') {
    for (const { object } of cluster.objects.list(typeKey, request.namespace)) {
      if (matches(object)) {
        write('ADDED', toServedVersion(object, request.type, request.version));
      }
    }
  } else {
    const since = Number(from);
    const changes =
      Number.isInteger(since) && since >= 0
        ? cluster.changesSince(since)
        : undefined;
    if (!changes) {
      write(
        'ERROR',
        kubeErrors.expired(
          `too old resource version: ${from} (${cluster.objects.resourceVersion()})`,
        ).status,
      );
      response.end();
      return;
    }
    changes.forEach(send);
  }

  const unsubscribe = cluster.objects.subscribe(send);
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    unsubscribe();
    timers.forEach(clearTimeout);
    if (!response.writableEnded) response.end();
  };
  if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
    timers.push(setTimeout(stop, request.timeoutSeconds * 1000));
  }
  if (request.allowWatchBookmarks) {
    const bookmark = () =>
      write('BOOKMARK', {
        apiVersion: apiVersionOf(request.type.group, request.version),
        kind: request.type.kind,
        metadata: {
          resourceVersion: String(cluster.objects.resourceVersion()),
        },
      });
    const interval = setInterval(
      bookmark,
      request.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS,
    );
    timers.push(interval);
  }
  timers.forEach(timer => timer.unref());
  response.on('close', stop);
}
