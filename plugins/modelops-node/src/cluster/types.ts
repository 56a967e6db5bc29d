/** A Kubernetes API resource the plugins read. @public */
export interface KubernetesResource {
  /** API group, '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `pipelineruns`. */
  plural: string;
}

/** Resources used by the ModelOps plugins. @public */
export const RESOURCES = {
  pipelineRuns: { group: 'tekton.dev', version: 'v1', plural: 'pipelineruns' },
  taskRuns: { group: 'tekton.dev', version: 'v1', plural: 'taskruns' },
  pipelines: { group: 'tekton.dev', version: 'v1', plural: 'pipelines' },
  notebookValidationJobs: {
    group: 'mlops.mlops.dev',
    version: 'v1alpha1',
    plural: 'notebookvalidationjobs',
  },
  inferenceServices: {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
  },
  pods: { group: '', version: 'v1', plural: 'pods' },
  events: { group: '', version: 'v1', plural: 'events' },
} as const satisfies Record<string, KubernetesResource>;

/** One configured cluster, read from `kubernetes.clusterLocatorMethods` or `modelops.clusters`. @public */
export interface ClusterConfig {
  name: string;
  url: string;
  /** Service account token. Never logged. */
  serviceAccountToken?: string;
  caData?: string;
  skipTLSVerify: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
}

/** A Kubernetes object as read from the API; only metadata is assumed. @public */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Options of a list call. @public */
export interface ListOptions {
  /** Omit for all namespaces. */
  namespace?: string;
  labelSelector?: string;
  /**
   * Field selector (`involvedObject.name=my-pod`); the server answers 400 for a field the
   * resource does not support (each kind supports its own, every kind `metadata.name` and
   * `metadata.namespace`).
   */
  fieldSelector?: string;
  /** Page size for `limit`/`continue` paging. */
  pageSize?: number;
  /**
   * A smaller first page (`listPages`): a caller that works page by page starts on it while
   * the rest is read, instead of waiting for a whole page of the usual size.
   */
  firstPageSize?: number;
}

/** Options of a watch request. @public */
export interface WatchOptions {
  /** Omit for all namespaces. */
  namespace?: string;
  labelSelector?: string;
  /** Changes after this resourceVersion (a list's, or the last event's); omit for the current state as ADDED events. */
  resourceVersion?: string;
  /** Asks the server to end the stream after this many seconds (it then ends normally). */
  timeoutSeconds?: number;
  /** Ask for BOOKMARK events (default true). */
  allowWatchBookmarks?: boolean;
  /** Ends the watch. */
  signal?: AbortSignal;
}

/**
 * One watch event. An ERROR event's object is a Kubernetes `Status` (a 410 `Expired` one
 * means the resourceVersion was compacted: list again); a BOOKMARK's object carries only its
 * kind and `metadata.resourceVersion`.
 * @public
 */
export interface WatchEvent<T extends KubernetesObject = KubernetesObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** How much of a container log to read (from its end). @public */
export interface PodLogOptions {
  /** Bytes kept from the end of the log; memory stays bounded by this whatever the server sends. */
  limitBytes: number;
  /** Lines asked of the kubelet (default 2000). */
  tailLines?: number;
}

/** The end of a container log. @public */
export interface PodLogTail {
  text: string;
  /** Bytes of earlier output that were not kept (0 when the whole log fit). */
  cutBytes: number;
  /** The most bytes of the log held at once while reading it, when the client counts them. */
  maxHeldBytes?: number;
}

/** Access to one cluster. Every failure is a `ClusterRequestError` naming the cluster, the request and the status. @public */
export interface ClusterClient {
  readonly cluster: string;
  /** Lists every object, following `continue` tokens. */
  list<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    options?: ListOptions,
  ): Promise<{ items: T[]; resourceVersion?: string }>;
  /**
   * Watches a collection: the events the API server streams, until it ends the stream
   * (`timeoutSeconds`) or `signal` aborts. A broken, silent or garbled stream throws.
   */
  watch<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    options: WatchOptions,
  ): AsyncIterable<WatchEvent<T>>;
  /**
   * The pages of a list, one at a time, following `continue` tokens, so a caller can
   * process and let go of each page. Every page is checked like {@link ClusterClient.list}'s;
   * a page that fails, is garbled or whose continue token expired (410) throws, so a caller
   * that needs the whole list (to prune what it lacks) knows it did not get it.
   */
  listPages<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    options?: ListOptions,
  ): AsyncIterable<{ items: T[]; resourceVersion?: string }>;
  /** Undefined when the object does not exist (404). */
  get<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    namespace: string,
    name: string,
  ): Promise<T | undefined>;
  create<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    namespace: string,
    body: T,
    options?: { dryRun?: boolean },
  ): Promise<T>;
  /** JSON merge patch. */
  patch<T extends KubernetesObject = KubernetesObject>(
    resource: KubernetesResource,
    namespace: string,
    name: string,
    mergePatch: object,
  ): Promise<T>;
  /**
   * The end of a container log: at most `limitBytes` bytes, starting at a line boundary;
   * when earlier output was cut, the first line says how much (within the `limitBytes`).
   */
  podLog(
    namespace: string,
    pod: string,
    container: string,
    options: PodLogOptions,
  ): Promise<string>;
  /** The end of a container log, and how many bytes before it were not kept. */
  podLogTail(
    namespace: string,
    pod: string,
    container: string,
    options: PodLogOptions,
  ): Promise<PodLogTail>;
}
