import { randomUUID } from 'node:crypto';
import { KubeObject, StoreEvent } from './types';

/** Options of {@link ObjectStore}. @public */
export interface ObjectStoreOptions {
  /** Time source for `creationTimestamp` of new objects; defaults to the wall clock. */
  now?: () => number;
  /** Makes uids of new objects; defaults to random UUIDs. */
  uid?: () => string;
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The objects of the fake cluster, by type. One global resourceVersion counter is bumped on
 * every change, as etcd's revision is. Stored objects are never mutated in place: a change
 * replaces the object, so a caller may keep what `get` or `list` returned.
 * @public
 */
export class ObjectStore {
  /**
   * Starts from the clock, as an etcd revision never repeats for a cluster: a collector that
   * outlives a restart of the demo environment must not take new objects for old ones.
   */
  private revision = Math.floor(Date.now() / 1000) * 1000;
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly now: () => number;
  private readonly uid: () => string;

  constructor(options: ObjectStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.uid = options.uid ?? randomUUID;
  }

  /** The current global resourceVersion. */
  resourceVersion(): number {
    return this.revision;
  }

  /** Number of objects of every type. */
  size(): number {
    let total = 0;
    for (const bucket of this.buckets.values()) {
      total += bucket.size;
    }
    return total;
  }

  private bucket(typeKey: string): Map<string, KubeObject> {
    let bucket = this.buckets.get(typeKey);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(typeKey, bucket);
    }
    return bucket;
  }

  /** The object, or undefined. */
  get(
    typeKey: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.buckets.get(typeKey)?.get(objectKey(namespace, name));
  }

  /**
   * Objects of a type (in one namespace, or all), sorted by `namespace/name` as the API
   * server lists them.
   */
  list(
    typeKey: string,
    namespace?: string,
  ): Array<{ key: string; object: KubeObject }> {
    const bucket = this.buckets.get(typeKey);
    if (!bucket) {
      return [];
    }
    const prefix = namespace ? `${namespace}/` : undefined;
    const out: Array<{ key: string; object: KubeObject }> = [];
    for (const [key, object] of bucket) {
      if (!prefix || key.startsWith(prefix)) {
        out.push({ key, object });
      }
    }
    out.sort((a, b) => Number(a.key > b.key) - Number(a.key < b.key));
    return out;
  }

  /** Every object of a type, unsorted (for internal scans). */
  values(typeKey: string): IterableIterator<KubeObject> {
    return (
      this.buckets.get(typeKey) ?? new Map<string, KubeObject>()
    ).values();
  }

  /**
   * Stores a new object: sets uid, creationTimestamp (when missing), generation and
   * resourceVersion. Throws when the object exists (callers check first).
   */
  create(typeKey: string, object: KubeObject): KubeObject {
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    const bucket = this.bucket(typeKey);
    if (bucket.has(key)) {
      throw new Error(`${typeKey} ${key} already exists`);
    }
    this.revision++;
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? this.uid(),
        creationTimestamp:
          object.metadata.creationTimestamp ??
          new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        generation: object.metadata.generation ?? 1,
        resourceVersion: String(this.revision),
      },
    };
    bucket.set(key, stored);
    this.emit({
      type: 'ADDED',
      typeKey,
      object: stored,
      resourceVersion: this.revision,
    });
    return stored;
  }

  /**
   * Replaces an existing object, keeping uid and creationTimestamp; bumps generation when
   * the spec changed. Returns the stored object, or undefined when the object is gone.
   */
  update(typeKey: string, object: KubeObject): KubeObject | undefined {
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    const bucket = this.bucket(typeKey);
    const previous = bucket.get(key);
    if (!previous) {
      return undefined;
    }
    this.revision++;
    const specChanged =
      JSON.stringify(previous.spec ?? null) !==
      JSON.stringify(object.spec ?? null);
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        generation: (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0),
        resourceVersion: String(this.revision),
      },
    };
    bucket.set(key, stored);
    this.emit({
      type: 'MODIFIED',
      typeKey,
      object: stored,
      resourceVersion: this.revision,
    });
    return stored;
  }

  /** Creates or replaces. */
  upsert(typeKey: string, object: KubeObject): KubeObject {
    return this.update(typeKey, object) ?? this.create(typeKey, object);
  }

  /** Removes an object; returns it (with the deletion's resourceVersion), or undefined. */
  delete(
    typeKey: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const bucket = this.buckets.get(typeKey);
    const previous = bucket?.get(key);
    if (!bucket || !previous) {
      return undefined;
    }
    bucket.delete(key);
    this.revision++;
    const deleted: KubeObject = {
      ...previous,
      metadata: {
        ...previous.metadata,
        resourceVersion: String(this.revision),
      },
    };
    this.emit({
      type: 'DELETED',
      typeKey,
      object: deleted,
      resourceVersion: this.revision,
    });
    return deleted;
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent) {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
