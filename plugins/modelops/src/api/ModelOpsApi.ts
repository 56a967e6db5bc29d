import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EvaluationResponse,
  NotebookJobListResponse,
  NotebookJobSummary,
  PipelineRunSummary,
  RegistryCheckResponse,
  RunListResponse,
  RunRef,
} from '@private-ai/plugin-modelops-common';

/** The end of a container log as the backend returns it (at most `limitBytes`). @public */
export interface RunLog {
  text: string;
  /** Earlier output was cut. */
  truncated: boolean;
  limitBytes: number;
  /** Bytes of earlier output that were cut. */
  cutBytes?: number;
}

/** Client of the ModelOps backend. @public */
export interface ModelOpsApi {
  /**
   * One page of the runs of an entity, newest first: the first page, or the page after
   * `cursor` (the `nextCursor` of the previous page).
   */
  listRuns(
    entityRef: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<RunListResponse>;
  getRun(run: RunRef): Promise<PipelineRunSummary>;
  getLog(run: RunRef, task: string, step: string): Promise<RunLog>;
  rerun(run: RunRef): Promise<RunRef>;
  cancel(run: RunRef): Promise<void>;
  /** The NotebookValidationJobs an entity selects, in wave order. */
  listValidations(entityRef: string): Promise<NotebookJobListResponse>;
  /** One NotebookValidationJob with its cells, diffs and conditions. */
  getValidation(job: RunRef): Promise<NotebookJobSummary>;
  /** The log of a job's validation pod. */
  getValidationLog(job: RunRef): Promise<RunLog & { pod: string }>;
  /** The evaluation gate of every version of the model of a model or version entity. */
  getEvaluations(entityRef: string): Promise<EvaluationResponse>;
  /**
   * The Model Registry's version names of a registered model the user may read in the catalog,
   * and whether `version` is free; undefined when the catalog shows the user no registered model
   * of that name (a new model, or one the user may not see).
   */
  checkRegistry(
    query: { model: string; version?: string; registry?: string },
    options?: { signal?: AbortSignal },
  ): Promise<RegistryCheckResponse | undefined>;
}

/** @public */
export const modelopsApiRef = createApiRef<ModelOpsApi>({
  id: 'plugin.modelops.service',
});

const refPath = (run: RunRef) =>
  `${encodeURIComponent(run.cluster)}/${encodeURIComponent(
    run.namespace,
  )}/${encodeURIComponent(run.name)}`;
const path = (run: RunRef) => `/runs/${refPath(run)}`;

/** {@link ModelOpsApi} over the backend's REST API, with the user's credentials. @public */
export class ModelOpsClient implements ModelOpsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async request<T>(suffix: string, init?: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('modelops');
    const response = await this.options.fetchApi.fetch(
      `${base}${suffix}`,
      init,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  listRuns(
    entityRef: string,
    options: { limit?: number; cursor?: string } = {},
  ) {
    const query = new URLSearchParams({
      entityRef,
      limit: String(options.limit ?? 50),
    });
    if (options.cursor) query.set('cursor', options.cursor);
    return this.request<RunListResponse>(`/runs?${query}`);
  }

  getRun(run: RunRef) {
    return this.request<PipelineRunSummary>(path(run));
  }

  getLog(run: RunRef, task: string, step: string) {
    return this.request<RunLog>(
      `${path(run)}/logs?${new URLSearchParams({ task, step })}`,
    );
  }

  rerun(run: RunRef) {
    return this.request<RunRef>(`${path(run)}/rerun`, { method: 'POST' });
  }

  async cancel(run: RunRef) {
    await this.request<unknown>(`${path(run)}/cancel`, { method: 'POST' });
  }

  listValidations(entityRef: string) {
    return this.request<NotebookJobListResponse>(
      `/validations?${new URLSearchParams({ entityRef })}`,
    );
  }

  getValidation(job: RunRef) {
    return this.request<NotebookJobSummary>(`/validations/${refPath(job)}`);
  }

  getValidationLog(job: RunRef) {
    return this.request<RunLog & { pod: string }>(
      `/validations/${refPath(job)}/logs`,
    );
  }

  getEvaluations(entityRef: string) {
    return this.request<EvaluationResponse>(
      `/evaluations?${new URLSearchParams({ entityRef })}`,
    );
  }

  async checkRegistry(
    query: { model: string; version?: string; registry?: string },
    options: { signal?: AbortSignal } = {},
  ) {
    const params = new URLSearchParams({ model: query.model });
    if (query.version) params.set('version', query.version);
    if (query.registry) params.set('registry', query.registry);
    try {
      return await this.request<RegistryCheckResponse>(
        `/registry/check?${params}`,
        { signal: options.signal },
      );
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404)
        return undefined;
      throw error;
    }
  }
}
