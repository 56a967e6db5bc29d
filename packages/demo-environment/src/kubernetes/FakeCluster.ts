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
  private readonly history: StoreEvent[] = [];

  constructor(options: ObjectStoreOptions = {}) {
    this.objects = new ObjectStore(options);
    this.objects.subscribe(event => {
      this.history.push(event);
      if (this.history.length > HISTORY_SIZE) {
        this.history.splice(0, this.history.length - HISTORY_SIZE);
      }
    });
  }

  /**
   * Changes after `resourceVersion`, or undefined when they are no longer known (the
   * watch then gets 410 Expired, as with a compacted etcd).
   */
  changesSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion >= this.objects.resourceVersion()) {
      return [];
    }
    const first = this.history[0];
    if (!first || first.resourceVersion > resourceVersion + 1) {
      return undefined;
    }
    return this.history.filter(e => e.resourceVersion > resourceVersion);
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
