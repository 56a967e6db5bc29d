import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterRequestError } from './ClusterRequestError';
import { ClusterClient, KubernetesObject, KubernetesResource } from './types';

/** A change the watch saw. `deleted` carries the object as it was last. @public */
export interface InformerChange<T extends KubernetesObject = KubernetesObject> {
  type: 'added' | 'updated' | 'deleted';
  object: T;
}

/** What an {@link Informer} tells its owner. @public */
export interface InformerHandler<
  T extends KubernetesObject = KubernetesObject,
> {
  /**
   * After every complete, well-formed list (the first, and each re-list after 410 Gone):
   * everything listed, and what the previous list or watch knew that is no longer there
   * (name, namespace, uid and resourceVersion only).
   */
  listed(objects: T[], gone: KubernetesObject[]): Promise<void>;
  /** Each change of the watch, in resourceVersion order. */
  changed(change: InformerChange<T>): Promise<void>;
  /** A list or watch failed (it is retried); `recovered` follows when one succeeds again. */
  failed?(error: Error): Promise<void>;
  /** The first successful list or watch event after a failure. */
  recovered?(): Promise<void>;
}

/** Options of {@link Informer}. @public */
export interface InformerOptions<
  T extends KubernetesObject = KubernetesObject,
> {
  client: ClusterClient;
  resource: KubernetesResource;
  /** Omit for all namespaces. */
  namespace?: string;
  labelSelector?: string;
  pageSize?: number;
  handler: InformerHandler<T>;
  logger: LoggerService;
  /**
   * Each watch request asks the server to end after this many seconds, jittered up to twice
   * (client-go uses 5 to 10 minutes), so connections are renewed and spread out. Default 300.
   */
  watchTimeoutSeconds?: number;
  /** Retry delays after a failure: from `initialMs`, doubling up to `maxMs`, jittered. */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** What the informer remembers of an object: enough to tell a change and a deletion. */
interface Known {
  uid?: string;
  resourceVersion?: string;
}

const keyOf = (object: KubernetesObject) =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Keeps up with one resource of one cluster the way Kubernetes informers do: list once (paged),
 * then watch from the list's resourceVersion with bookmarks; on 410 Gone (compacted) list again;
 * on a broken stream watch again from the last resourceVersion seen, after a bounded, jittered,
 * exponential backoff. Remembers only name -> uid and resourceVersion, never whole objects.
 * State survives between calls of {@link Informer.run}: a later run resumes the watch where the
 * last one stopped, without listing again.
 * @public
 */
export class Informer<T extends KubernetesObject = KubernetesObject> {
  private readonly index = new Map<string, Known>();
  private lastResourceVersion?: string;
  private failures = 0;

  constructor(private readonly options: InformerOptions<T>) {}

  /** The resourceVersion the next watch resumes from; undefined until the first list. */
  get resourceVersion(): string | undefined {
    return this.lastResourceVersion;
  }

  /** Objects the informer knows of. */
  get size(): number {
    return this.index.size;
  }

  /** Lists and watches until `signal` aborts; never throws (failures are logged and retried). */
  async run(signal: AbortSignal): Promise<void> {
    const { logger } = this.options;
    while (!signal.aborted) {
      try {
        if (this.lastResourceVersion === undefined) await this.relist();
        if (signal.aborted) break;
        const started = Date.now();
        const { expired, events } = await this.watchOnce(signal);
        if (!expired && events === 0 && Date.now() - started < 1000) {
          // A stream that ends at once, empty, again and again (a proxy that closes it) is
          // a failure: back off instead of spinning.
          throw new Error('the watch ended at once without an event');
        }
        if (expired) {
          logger.info(
            `${this.describe()}: resourceVersion ${
              this.lastResourceVersion
            } expired (410 Gone), listing again`,
          );
          this.lastResourceVersion = undefined;
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ClusterRequestError && error.statusCode === 410) {
          logger.info(`${this.describe()}: ${error.message}; listing again`);
          this.lastResourceVersion = undefined;
          continue;
        }
        this.failures += 1;
        const delay = this.backoffMs();
        await this.options.handler
          .failed?.(error instanceof Error ? error : new Error(String(error)))
          .catch(e => logger.warn(`${this.describe()}: ${e}`));
        logger.warn(
          `${this.describe()} failed (attempt ${
            this.failures
          }), again in ${Math.round(delay)} ms from resourceVersion ${
            this.lastResourceVersion ?? '(a new list)'
          }: ${error instanceof Error ? error.message : error}`,
        );
        await sleep(delay, signal);
      }
    }
  }

  private describe() {
    const { client, resource, namespace, labelSelector } = this.options;
    return `cluster ${client.cluster}: informer of ${resource.plural}${
      namespace ? ` in ${namespace}` : ''
    }${labelSelector ? ` (${labelSelector})` : ''}`;
  }

  private backoffMs(): number {
    const initial = this.options.backoff?.initialMs ?? 500;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** (this.failures - 1));
    // Full jitter in the upper half: replicas and informers do not retry in step.
    return base / 2 + (Math.random() * base) / 2;
  }

  private async relist(): Promise<void> {
    const { client, resource, namespace, labelSelector, pageSize } =
      this.options;
    const { items, resourceVersion } = await client.list<T>(resource, {
      namespace,
      labelSelector,
      pageSize,
    });
    if (!resourceVersion)
      throw new ClusterRequestError(
        client.cluster,
        `list ${resource.plural}`,
        200,
        'unexpected answer: the list has no metadata.resourceVersion to watch from',
      );
    const listed = new Map<string, Known>();
    for (const item of items)
      listed.set(keyOf(item), {
        uid: item.metadata?.uid,
        resourceVersion: item.metadata?.resourceVersion,
      });
    const gone: KubernetesObject[] = [];
    for (const [key, known] of this.index) {
      if (listed.has(key)) continue;
      const [ns, ...name] = key.split('/');
      gone.push({
        metadata: {
          namespace: ns || undefined,
          name: name.join('/'),
          uid: known.uid,
          resourceVersion: known.resourceVersion,
        },
      });
    }
    await this.options.handler.listed(items, gone);
    this.index.clear();
    for (const [key, known] of listed) this.index.set(key, known);
    this.lastResourceVersion = resourceVersion;
    await this.succeeded();
  }

  private async succeeded() {
    if (this.failures === 0) return;
    this.failures = 0;
    await this.options.handler.recovered?.();
  }

  /** One watch request: whether the server said the resourceVersion expired, and how many events came. */
  private async watchOnce(
    signal: AbortSignal,
  ): Promise<{ expired: boolean; events: number }> {
    let events = 0;
    const { client, resource, namespace, labelSelector, handler } =
      this.options;
    const seconds = this.options.watchTimeoutSeconds ?? 300;
    const stream = client.watch<T>(resource, {
      namespace,
      labelSelector,
      resourceVersion: this.lastResourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: Math.round(seconds * (1 + Math.random())),
      signal,
    });
    for await (const event of stream) {
      events += 1;
      const resourceVersion = event.object.metadata?.resourceVersion;
      if (event.type === 'ERROR') {
        const status = event.object as { code?: number; message?: string };
        if (status.code === 410) return { expired: true, events };
        throw new ClusterRequestError(
          client.cluster,
          `watch ${resource.plural}`,
          status.code,
          `the watch answered an error: ${
            status.message ?? JSON.stringify(status)
          }`,
        );
      }
      if (!resourceVersion)
        throw new ClusterRequestError(
          client.cluster,
          `watch ${resource.plural}`,
          200,
          `unexpected answer: a ${event.type} event without metadata.resourceVersion`,
        );
      if (event.type !== 'BOOKMARK') {
        const key = keyOf(event.object);
        const known = this.index.get(key);
        if (event.type === 'DELETED') {
          this.index.delete(key);
          await handler.changed({ type: 'deleted', object: event.object });
        } else if (known?.resourceVersion !== resourceVersion) {
          this.index.set(key, {
            uid: event.object.metadata?.uid,
            resourceVersion,
          });
          await handler.changed({
            type: known ? 'updated' : 'added',
            object: event.object,
          });
        }
      }
      // Only after the handler took it: a failure re-watches from before this event.
      this.lastResourceVersion = resourceVersion;
      await this.succeeded();
    }
    return { expired: false, events };
  }
}
