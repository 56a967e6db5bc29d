import { KubernetesObject } from '@private-ai/plugin-modelops-node';
import { LRUCache } from 'lru-cache';

interface ContainerStatus {
  name?: unknown;
  restartCount?: unknown;
  state?: { terminated?: Record<string, unknown> };
}

/**
 * Identifies a container that has ended, as its pod says: the pod's uid, the container, its
 * restart count and its terminated state (container id, exit code, reason, start and end). The
 * log of that container cannot change any more. Undefined while the container has not ended,
 * or for a pod without a uid: its log may still grow, and is read each time.
 */
export function finishedContainerKey(
  pod: KubernetesObject,
  container: string,
): string | undefined {
  const uid = pod.metadata?.uid;
  const status = pod.status as
    | { containerStatuses?: unknown; initContainerStatuses?: unknown }
    | undefined;
  const statuses = [
    ...(Array.isArray(status?.initContainerStatuses)
      ? status.initContainerStatuses
      : []),
    ...(Array.isArray(status?.containerStatuses)
      ? status.containerStatuses
      : []),
  ] as ContainerStatus[];
  const terminated = statuses.find(s => s?.name === container)?.state
    ?.terminated;
  if (!uid || !terminated || typeof terminated !== 'object') return undefined;
  const restarts = statuses.find(s => s?.name === container)?.restartCount;
  return JSON.stringify([
    uid,
    container,
    restarts ?? 0,
    ...[
      'containerID',
      'exitCode',
      'signal',
      'reason',
      'startedAt',
      'finishedAt',
    ].map(field => terminated[field] ?? null),
  ]);
}

/**
 * The ends of logs of containers that have ended ({@link finishedContainerKey}), as the
 * diagnosis read them: a run that changes again (an annotation, its status) is diagnosed from
 * the same text without reading it again, as long as its failed steps' containers are the
 * same. Bounded in characters; the least recently used go first. Lives on the replica that reads
 * (a new leader reads each log once more).
 */
export class FinishedLogTails {
  private readonly tails: LRUCache<string, string>;

  /** `maxChars`: characters of log text kept at most. */
  constructor(private readonly maxChars: number) {
    this.tails = new LRUCache<string, string>({
      maxSize: maxChars,
      // An empty log counts as one character (the cache wants a positive size).
      sizeCalculation: text => Math.max(1, text.length),
    });
  }

  get(key: string): string | undefined {
    return this.tails.get(key);
  }

  set(key: string, text: string): void {
    if (text.length > this.maxChars) return;
    this.tails.set(key, text);
  }

  /** Logs kept (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
