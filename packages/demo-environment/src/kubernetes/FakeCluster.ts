import { ObjectStore, ObjectStoreOptions } from './ObjectStore';
import { PodLogStore } from './PodLogStore';
import { typeKeyOf } from './resourceTypes';
import { KubeObject, StoreEvent } from './types';

/** How many past changes a watch can resume from. */
const HISTORY_SIZE = 20000;

/** Type keys of the objects the fake cleans up with their owner. */
const OWNED_TYPES = [
  typeKeyOf({ group: 'tekton.dev', plural: 'taskruns' }),
  typeKeyOf({ group: '', plural: 'pods' }),
  typeKeyOf({ group: 'apps', plural: 'replicasets' }),
];

const PODS = typeKeyOf({ group: '', plural: 'pods' });

/**
 * The state of the fake cluster: its objects, its pods' logs and the recent changes that
 * watches resume from. Deleting an object also deletes what it owns (TaskRuns of a
 * PipelineRun, pods of a TaskRun, replica sets of a deployment), as the garbage collector
 * does in the background.
 * @public
 */
export class FakeCluster {
  readonly objects: ObjectStore;
  readonly logs = new PodLogStore();
  /** Changes in resourceVersion order, the oldest first. */
  private readonly history: StoreEvent[] = [];
  /** Changes up to this resourceVersion are forgotten (etcd's compacted revision). */
  private compactedRevision: number;

  constructor(options: ObjectStoreOptions = {}) {
    this.objects = new ObjectStore(options);
    this.compactedRevision = this.objects.resourceVersion();
    this.objects.subscribe(event => {
      this.history.push(event);
      if (this.history.length > HISTORY_SIZE) {
        this.forget(this.history.length - HISTORY_SIZE);
      }
    });
  }

  private forget(count: number) {
    const dropped = this.history.splice(0, count);
    if (dropped.length) {
      this.compactedRevision = dropped[dropped.length - 1].resourceVersion;
    }
  }

  /**
   * Forgets every change so far, as an etcd compaction does: a watch or a continue token
   * from an older resourceVersion is then answered 410 Expired.
   */
  compact(): void {
    this.forget(this.history.length);
    this.compactedRevision = this.objects.resourceVersion();
  }

  /** True when changes after `resourceVersion` are no longer known. */
  isCompacted(resourceVersion: number): boolean {
    return resourceVersion < this.compactedRevision;
  }

  /**
   * Changes after `resourceVersion` in resourceVersion order, or undefined when they are no
   * longer known (the watch then gets 410 Expired, as with a compacted etcd).
   */
  changesSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion >= this.objects.resourceVersion()) {
      return [];
    }
    if (this.isCompacted(resourceVersion)) {
      return undefined;
    }
    // History is sorted by resourceVersion: find the first newer change by bisection.
    let low = 0;
    let high = this.history.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.history[middle].resourceVersion > resourceVersion) high = middle;
      else low = middle + 1;
    }
    return this.history.slice(low);
  }

  /** Deletes an object and, recursively, every object it owns. */
  delete(
    typeKey: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const deleted = this.objects.delete(typeKey, namespace, name);
    if (!deleted) {
      return undefined;
    }
    if (typeKey === PODS && namespace) {
      this.logs.deletePod(namespace, name);
    }
    const uid = deleted.metadata.uid;
    if (uid) {
      for (const ownedType of OWNED_TYPES) {
        const owned = [...this.objects.values(ownedType)].filter(o =>
          o.metadata.ownerReferences?.some(ref => ref.uid === uid),
        );
        for (const object of owned) {
          this.delete(
            ownedType,
            object.metadata.namespace,
            object.metadata.name,
          );
        }
      }
    }
    return deleted;
  }
}
