/** A Tekton Results API server that archives one cluster's runs. @public */
export interface ResultsConfig {
  /** Name of the cluster (in `modelops.clusters` or `kubernetes.clusterLocatorMethods`) whose runs it archives. */
  cluster: string;
  /** Base URL of the Results API server (the REST API is under `/apis/results.tekton.dev/`). */
  url: string;
  /** Bearer token (a service account allowed to get and list `results`, `records` and `logs`). Never logged. */
  token?: string;
  /** Parent to read (the namespace); `-` reads across parents. Default `-`. */
  parent: string;
  /** Base64 PEM of the CA that signed the server's certificate. */
  caData?: string;
  skipTLSVerify: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Records per page (1 to 10000; the server's default is 50). */
  pageSize: number;
}

/** Record data types of Tekton runs, as Tekton Results writes them. @public */
export const RESULTS_RECORD_TYPES = {
  pipelineRun: 'tekton.dev/v1.PipelineRun',
  taskRun: 'tekton.dev/v1.TaskRun',
} as const;

/** A Record of the Results API with its data decoded. @public */
export interface ResultsRecord<T = unknown> {
  /** `<parent>/results/<result>/records/<record>`. */
  name: string;
  uid: string;
  /** `data.type`, e.g. `tekton.dev/v1.PipelineRun`. */
  type: string;
  /** `data.value`, base64 JSON, decoded and parsed. */
  data: T;
  etag?: string;
  createTime: string;
  updateTime: string;
}

/** What {@link TektonResultsClient.listRecords} asks for. @public */
export interface RecordQuery {
  /** A CEL filter (see {@link recordFilter}); evaluated by the server. */
  filter?: string;
  /** e.g. `create_time asc`. */
  orderBy?: string;
  /** Parent (namespace) to read from; default the configured one. */
  parent?: string;
  /** Result to read from; `-` (default) reads across Results. */
  result?: string;
  pageSize?: number;
}
