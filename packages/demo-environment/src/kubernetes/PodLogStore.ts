/**
 * Container logs of the fake cluster's pods, keyed by namespace, pod and container, and the
 * parameters of `GET /api/v1/namespaces/{ns}/pods/{name}/log`.
 * @public
 */
export class PodLogStore {
  private readonly logs = new Map<string, string>();

  private static key(
    namespace: string,
    pod: string,
    container: string,
  ): string {
    return `${namespace}/${pod}/${container}`;
  }

  /** Sets the whole log of a container. */
  set(namespace: string, pod: string, container: string, text: string): void {
    this.logs.set(PodLogStore.key(namespace, pod, container), text);
  }

  /** Appends lines to a container's log (a running step writes as it goes). */
  append(
    namespace: string,
    pod: string,
    container: string,
    text: string,
  ): void {
    const key = PodLogStore.key(namespace, pod, container);
    this.logs.set(key, (this.logs.get(key) ?? '') + text);
  }

  /** The log of a container, or undefined when it never wrote one. */
  get(namespace: string, pod: string, container: string): string | undefined {
    return this.logs.get(PodLogStore.key(namespace, pod, container));
  }

  /** Forgets every log of a pod (when the pod is deleted). */
  deletePod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const key of [...this.logs.keys()]) {
      if (key.startsWith(prefix)) {
        this.logs.delete(key);
      }
    }
  }

  /** Every container log, for archiving (a Tekton Results archive of finished runs). */
  *entries(): IterableIterator<{
    namespace: string;
    pod: string;
    container: string;
    text: string;
  }> {
    for (const [key, text] of this.logs) {
      const [namespace, pod, container] = key.split('/');
      yield { namespace, pod, container, text };
    }
  }

  /** Number of container logs held. */
  size(): number {
    return this.logs.size;
  }
}

/** Options of a log read, from the query string. @public */
export interface LogReadOptions {
  tailLines?: number;
  limitBytes?: number;
  timestamps?: boolean;
}

/**
 * Cuts a log as the kubelet does: the last `tailLines` lines first, then at most
 * `limitBytes` bytes from the start of what is left.
 * @public
 */
export function readLog(text: string, options: LogReadOptions): string {
  let out = text;
  if (options.tailLines !== undefined) {
    const lines = out.split('\n');
    const trailing = lines.length > 0 && lines[lines.length - 1] === '';
    const body = trailing ? lines.slice(0, -1) : lines;
    const kept = options.tailLines === 0 ? [] : body.slice(-options.tailLines);
    out = kept.join('\n') + (trailing && kept.length ? '\n' : '');
  }
  if (options.limitBytes !== undefined) {
    const bytes = Buffer.from(out, 'utf8');
    if (bytes.length > options.limitBytes) {
      out = bytes.subarray(0, options.limitBytes).toString('utf8');
    }
  }
  return out;
}
