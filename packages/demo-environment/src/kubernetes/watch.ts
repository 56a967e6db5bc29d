import { ServerResponse } from 'node:http';
import { FakeCluster } from './FakeCluster';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { ResourceType, typeKeyOf } from './resourceTypes';
import { toServedVersion } from './servedVersions';
import { kubeErrors } from './status';
import { KubeObject, StoreEvent } from './types';

/** What a watch asks for. @public */
export interface WatchRequest {
  type: ResourceType;
  version: string;
  namespace?: string;
  labelSelector?: string | null;
  /** Resume after this resourceVersion; unset or "0" starts with ADDED for every object. */
  resourceVersion?: string | null;
  timeoutSeconds?: number;
}

/**
 * Streams watch events (one JSON object per line) until the client goes away, the server
 * closes, or `timeoutSeconds` pass. A resourceVersion older than the kept history gets an
 * ERROR event with a 410 Expired Status, as the API server sends.
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

  const from = request.resourceVersion;
  if (!from || from === '0') {
    for (const { object } of cluster.objects.list(typeKey, request.namespace)) {
      if (matches(object)) {
        write('ADDED', toServedVersion(object, request.type, request.version));
      }
    }
  } else {
    const since = Number(from);
    const changes = Number.isFinite(since)
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
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (!response.writableEnded) response.end();
  };
  if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
    timer = setTimeout(stop, request.timeoutSeconds * 1000);
    timer.unref();
  }
  response.on('close', stop);
}
