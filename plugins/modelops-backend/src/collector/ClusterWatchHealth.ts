import { ClusterReadStatus } from '@private-ai/plugin-modelops-common';

/** Where a cluster's read status is kept (the run history's, or the validation history's). */
export interface ClusterStatusStore {
  setClusterStatus(status: ClusterReadStatus): Promise<void>;
  clusterStatuses(): Promise<ClusterReadStatus[]>;
}

/** Records a failed read of a cluster, keeping the time of its last success. */
export async function recordClusterFailure(
  store: ClusterStatusStore,
  cluster: string,
  error: unknown,
  at: string,
): Promise<void> {
  const previous = (await store.clusterStatuses()).find(
    s => s.cluster === cluster,
  );
  await store.setClusterStatus({
    cluster,
    state: 'error',
    message: error instanceof Error ? error.message : String(error),
    lastAttemptAt: at,
    lastSuccessAt: previous?.lastSuccessAt,
  });
}

/** Records a successful read of a cluster. */
export function recordClusterSuccess(
  store: ClusterStatusStore,
  cluster: string,
  at: string,
): Promise<void> {
  return store.setClusterStatus({
    cluster,
    state: 'ok',
    lastAttemptAt: at,
    lastSuccessAt: at,
  });
}

/**
 * The read status of one cluster whose objects several informers watch: an error with the
 * reason of the first informer that fails (the last success kept), ok again once every failed
 * informer recovered, and ok after each complete list while none is failing.
 */
export class ClusterWatchHealth {
  private readonly failing = new Set<object>();

  constructor(
    private readonly cluster: string,
    private readonly store: ClusterStatusStore,
    private readonly now: () => string,
  ) {}

  async failed(informer: object, error: Error): Promise<void> {
    const first = this.failing.size === 0;
    this.failing.add(informer);
    if (first)
      await recordClusterFailure(this.store, this.cluster, error, this.now());
  }

  async recovered(informer: object): Promise<void> {
    if (!this.failing.delete(informer)) return;
    await this.listed();
  }

  /** The informer has nothing to read (its resource is not served): the cluster is not failing for it. */
  async nothingToRead(informer: object): Promise<void> {
    this.failing.delete(informer);
    await this.listed();
  }

  /** A complete list was read and stored. */
  async listed(): Promise<void> {
    if (this.failing.size === 0)
      await recordClusterSuccess(this.store, this.cluster, this.now());
  }
}
