import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterClient,
  ClusterRequestError,
  Informer,
  KubernetesObject,
  KubernetesResource,
} from '@private-ai/plugin-modelops-node';

const keyOf = (object: KubernetesObject) =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/** Options of {@link WatchedResource}. */
export interface WatchedResourceOptions {
  client: ClusterClient;
  resource: KubernetesResource;
  labelSelector?: string;
  /** What is kept of an object; undefined leaves it out. */
  lean: (object: KubernetesObject) => KubernetesObject | undefined;
  /** A cluster without the resource (the API server says NotFound) has none of it. */
  absentWhenNotFound?: boolean;
  logger: LoggerService;
}

/**
 * The lean copies of one resource of one cluster, kept up to date by an {@link Informer} that
 * runs only while {@link WatchedResource.sync} does: a list the first time (and whenever asked:
 * the provider's full refresh), then, on each later sync, a watch from where the last one
 * stopped for a short while, so a refresh reads what changed rather than everything.
 *
 * The informer's state lives in this process: when the refresh task runs on another replica or
 * after a restart, that process lists first; a resourceVersion too old to watch from (410 Gone)
 * is listed again. A list or watch that fails makes the sync throw, so the refresh applies no
 * mutation; what was applied of the watch before the failure stays (those were real changes) and
 * the next sync resumes after them.
 */
export class WatchedResource {
  readonly objects = new Map<string, KubernetesObject>();
  private informer?: Informer;
  /** The sync in progress: how to stop it, and the failure it met. */
  private current?: { stop: AbortController; failure?: Error };

  constructor(private readonly options: WatchedResourceOptions) {}

  /** Records the first failure of the sync in progress and ends it. */
  private fail(error: Error) {
    if (!this.current) return;
    this.current.failure ??= error;
    this.current.stop.abort();
  }

  /** A new informer lists before it watches. */
  private newInformer(): Informer {
    const { resource, labelSelector, logger } = this.options;
    const base = this.options.client;
    // Any failed list ends the sync, a 410 too (an expired continue token): the informer would
    // list again at once, and a page that always expires would never end the refresh.
    const client: ClusterClient = Object.assign(Object.create(base), {
      list: async (...args: Parameters<ClusterClient['list']>) => {
        try {
          return await base.list(...args);
        } catch (error) {
          this.fail(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      },
    });
    return new Informer({
      client,
      resource,
      labelSelector,
      logger,
      // The sync stops the watch long before the server ends it.
      watchTimeoutSeconds: 300,
      handler: {
        listed: async objects => {
          this.objects.clear();
          for (const object of objects) this.put(object);
          // A complete list is as current as a sync gets.
          this.current?.stop.abort();
        },
        changed: async ({ type, object }) => {
          if (type === 'deleted') this.objects.delete(keyOf(object));
          else this.put(object);
        },
        failed: async error => this.fail(error),
      },
    });
  }

  private put(object: KubernetesObject) {
    const lean = this.options.lean(object);
    if (lean) this.objects.set(keyOf(object), lean);
    else this.objects.delete(keyOf(object));
  }

  /**
   * Brings the copies up to date: lists when `relist` or when never listed, else watches for
   * `watchMs` the changes since the last sync. Throws what the list or watch failed with.
   */
  async sync(relist: boolean, watchMs: number): Promise<void> {
    if (relist || !this.informer) this.informer = this.newInformer();
    const current = { stop: new AbortController() } as NonNullable<
      typeof this.current
    >;
    this.current = current;
    const informer = this.informer;
    // The window ends a watch; a list (the first, or after 410 Gone) ends the sync when it
    // completes or fails, however long it takes, so its error is never cut short.
    const window = setTimeout(() => {
      if (informer.resourceVersion !== undefined) current.stop.abort();
    }, watchMs);
    try {
      await informer.run(current.stop.signal);
    } finally {
      clearTimeout(window);
      this.current = undefined;
    }
    if (!current.failure) {
      if (informer.resourceVersion === undefined)
        throw new Error(
          `cluster ${this.options.client.cluster}: ${this.options.resource.plural} were not listed`,
        );
      return;
    }
    const failure = current.failure;
    if (
      this.options.absentWhenNotFound &&
      failure instanceof ClusterRequestError &&
      failure.resourceNotFound
    ) {
      // Not served here; asked again (one small request) on the next sync.
      this.objects.clear();
      this.informer = undefined;
      return;
    }
    throw failure;
  }
}
