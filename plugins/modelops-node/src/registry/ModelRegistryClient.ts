import { Agent, request as undiciRequest } from 'undici';
import { readListPage } from './readListPage';

/** More pages than this in one list is a registry (or proxy) that never ends its paging. */
const MAX_PAGES = 10_000;
/** Per-request timeout when the configuration sets none (`timeoutMs`). */
const DEFAULT_TIMEOUT_MS = 15_000;

/** A typed custom property as the registry stores it (snake_case value keys). @public */
export type RegistryMetadataValue =
  | { metadataType: 'MetadataStringValue'; string_value: string }
  | { metadataType: 'MetadataIntValue'; int_value: string }
  | { metadataType: 'MetadataDoubleValue'; double_value: number }
  | { metadataType: 'MetadataBoolValue'; bool_value: boolean }
  | { metadataType: 'MetadataStructValue'; struct_value: string }
  | { metadataType: 'MetadataProtoValue'; proto_value: string };

/** Fields every registry entity has. @public */
export interface RegistryEntity {
  id: string;
  name: string;
  description?: string;
  externalId?: string;
  customProperties?: Record<string, RegistryMetadataValue>;
  createTimeSinceEpoch?: string;
  lastUpdateTimeSinceEpoch?: string;
}

/** @public */
export interface RegistryRegisteredModel extends RegistryEntity {
  owner?: string;
  state?: 'LIVE' | 'ARCHIVED';
}

/** @public */
export interface RegistryModelVersion extends RegistryEntity {
  registeredModelId: string;
  author?: string;
  state?: 'LIVE' | 'ARCHIVED';
}

/** @public */
export interface RegistryArtifact extends RegistryEntity {
  artifactType: string;
  uri?: string;
  state?: string;
  modelFormatName?: string;
  modelFormatVersion?: string;
  storageKey?: string;
  storagePath?: string;
  modelSourceKind?: string;
  modelSourceName?: string;
}

/** @public */
export interface RegistryInferenceService extends RegistryEntity {
  registeredModelId: string;
  modelVersionId?: string;
  servingEnvironmentId: string;
  runtime?: string;
  desiredState?: string;
}

/** A failed registry request: names the registry, the request and the answer. @public */
export class ModelRegistryRequestError extends Error {
  constructor(
    readonly registry: string,
    readonly request: string,
    readonly statusCode: number | undefined,
    detail: string,
  ) {
    super(`Model Registry ${registry}: ${request}: ${detail}`);
    this.name = 'ModelRegistryRequestError';
  }
}

/** True when a body is the registry's `Error` schema (`code` and `message` strings). */
function isRegistryError(text: string): boolean {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return typeof body?.code === 'string' && typeof body?.message === 'string';
  } catch {
    return false;
  }
}

/** Reads custom properties as plain values (`int_value` strings become numbers). @public */
export function readCustomProperties(
  properties: Record<string, RegistryMetadataValue> | undefined,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (!value || typeof value !== 'object') continue;
    switch (value.metadataType) {
      case 'MetadataStringValue':
        out[key] = value.string_value;
        break;
      case 'MetadataIntValue':
        out[key] = Number(value.int_value);
        break;
      case 'MetadataDoubleValue':
        out[key] = value.double_value;
        break;
      case 'MetadataBoolValue':
        out[key] = value.bool_value;
        break;
      default:
        break;
    }
  }
  return out;
}

/** A Kubeflow Model Registry REST client (`/api/model_registry/v1alpha3`), read-only. @public */
export class ModelRegistryClient {
  private readonly base: string;
  private readonly name: string;
  private readonly dispatcher?: Agent;

  constructor(
    private readonly options: {
      baseUrl: string;
      token?: string;
      timeoutMs?: number;
      skipTLSVerify?: boolean;
      pageSize?: number;
    },
  ) {
    this.base = `${options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/model_registry/v1alpha3`;
    this.name = options.baseUrl;
    this.dispatcher = options.skipTLSVerify
      ? new Agent({ connect: { rejectUnauthorized: false } })
      : undefined;
  }

  /** One object; undefined when the registry answers 404 with its own `{code, message}` error. */
  private get<T>(path: string): Promise<T | undefined> {
    return this.send<T>('GET', path, undefined, { notFound: 'undefined' });
  }

  /**
   * One request. A 404 is undefined only when asked for (`notFound: 'undefined'`, single
   * objects) and only when its body is the API's `{code, message}` error: a 404 from a wrong
   * base path or a proxy is a {@link ModelRegistryRequestError}, as is anything else that is
   * not JSON 2xx.
   */
  private async send<T>(
    method: 'GET' | 'PATCH',
    path: string,
    body?: unknown,
    options: { notFound?: 'undefined' | 'error' } = {},
  ): Promise<T | undefined> {
    const what = `${method} ${path}`;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // undici's `request`, not `fetch`: a fetch Response is tracked for garbage collection
    // (a FinalizationRegistry), which keeps every answer alive until the next full collection;
    // a full read of a large registry is tens of thousands of answers. And a timer cleared once
    // the answer is read, not `AbortSignal.timeout`, whose timer outlives the request.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let status: number;
    let text: string;
    try {
      const answer = await undiciRequest(`${this.base}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.token
            ? { authorization: `Bearer ${this.options.token}` }
            : {}),
        },
        signal: abort.signal,
        dispatcher: this.dispatcher,
      });
      status = answer.statusCode;
      text = await answer.body.text();
    } catch (error) {
      const e = error as Error & { code?: string; cause?: { code?: string } };
      const detail = abort.signal.aborted
        ? `no answer within ${timeoutMs} ms`
        : `unreachable (${e.cause?.code ?? e.code ?? e.message})`;
      throw new ModelRegistryRequestError(this.name, what, undefined, detail);
    } finally {
      clearTimeout(timer);
    }
    if (status === 404 && options.notFound === 'undefined') {
      if (isRegistryError(text)) return undefined;
      throw new ModelRegistryRequestError(
        this.name,
        what,
        404,
        `HTTP 404 without the registry's error body (is the base URL right? the API is under ${
          this.base
        }): ${text.slice(0, 120)}`,
      );
    }
    if (status === 404)
      throw new ModelRegistryRequestError(
        this.name,
        what,
        404,
        `HTTP 404 for a list (is the base URL right? the API is under ${
          this.base
        }): ${text.slice(0, 120)}`,
      );
    if (status < 200 || status > 299) {
      const hint = status === 401 || status === 403 ? ' (check the token)' : '';
      throw new ModelRegistryRequestError(
        this.name,
        what,
        status,
        `HTTP ${status}${hint}: ${text.slice(0, 200)}`,
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ModelRegistryRequestError(
        this.name,
        what,
        status,
        `the answer is not JSON: ${text.slice(0, 80)}`,
      );
    }
  }

  /**
   * Every item of a list endpoint, following `nextPageToken`. Any page that is not what the
   * API promises (see `readListPage`), or paging that loops, fails the whole list: a partial
   * or empty list read from a bad answer would delete catalog entities.
   */
  private async all<T extends RegistryEntity>(
    path: string,
    options: { stopAfter?: (item: T) => boolean } = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let token = '';
    const seen = new Set<string>();
    do {
      const sep = path.includes('?') ? '&' : '?';
      const url = `${path}${sep}pageSize=${this.options.pageSize ?? 100}${
        token ? `&nextPageToken=${encodeURIComponent(token)}` : ''
      }`;
      const page = readListPage<T>(await this.send<unknown>('GET', url));
      if ('problem' in page)
        throw new ModelRegistryRequestError(
          this.name,
          `GET ${url}`,
          200,
          `unexpected answer: ${page.problem}`,
        );
      items.push(...page.items);
      token = page.nextPageToken;
      if (options.stopAfter && page.items.some(options.stopAfter)) break;
      if (token && seen.has(token))
        throw new ModelRegistryRequestError(
          this.name,
          `GET ${url}`,
          200,
          `the registry returned the same nextPageToken twice (paging loops)`,
        );
      if (seen.size >= MAX_PAGES)
        throw new ModelRegistryRequestError(
          this.name,
          `GET ${url}`,
          200,
          `more than ${MAX_PAGES} pages: paging does not end`,
        );
      seen.add(token);
    } while (token);
    return items;
  }

  /** The registered model of that exact name, or undefined. */
  findModel(name: string): Promise<RegistryRegisteredModel | undefined> {
    return this.get(`/registered_model?name=${encodeURIComponent(name)}`);
  }

  /** Version names of a registered model, newest first. */
  async versionNames(modelId: string): Promise<string[]> {
    const versions = await this.listModelVersions(modelId);
    return versions
      .sort(
        (a, b) =>
          Number(b.createTimeSinceEpoch ?? 0) -
          Number(a.createTimeSinceEpoch ?? 0),
      )
      .map(v => v.name);
  }

  listRegisteredModels(): Promise<RegistryRegisteredModel[]> {
    return this.all('/registered_models');
  }

  listModelVersions(
    registeredModelId: string,
  ): Promise<RegistryModelVersion[]> {
    return this.all(
      `/registered_models/${encodeURIComponent(registeredModelId)}/versions`,
    );
  }

  listArtifacts(modelVersionId: string): Promise<RegistryArtifact[]> {
    return this.all(
      `/model_versions/${encodeURIComponent(modelVersionId)}/artifacts`,
    );
  }

  /**
   * The registered models, versions or artifacts updated after `sinceEpochMs` (and the rest of
   * the page that reaches back to it): read newest first
   * (`orderBy=LAST_UPDATE_TIME&sortOrder=DESC`), stopping at the first page that reaches
   * `sinceEpochMs`. With nothing changed that is one request.
   */
  listUpdatedSince<
    K extends 'registered_models' | 'model_versions' | 'artifacts',
  >(
    collection: K,
    sinceEpochMs: number,
  ): Promise<
    K extends 'registered_models'
      ? RegistryRegisteredModel[]
      : K extends 'model_versions'
      ? RegistryModelVersion[]
      : RegistryArtifact[]
  > {
    return this.all(`/${collection}?orderBy=LAST_UPDATE_TIME&sortOrder=DESC`, {
      // Items at exactly `sinceEpochMs` on later pages are left out: the caller saw that
      // millisecond's items, and one created in it after that read waits for a full read.
      stopAfter: item =>
        Number(item.lastUpdateTimeSinceEpoch ?? 0) <= sinceEpochMs,
    }) as any;
  }

  listInferenceServices(): Promise<RegistryInferenceService[]> {
    return this.all('/inference_services');
  }

  /** One model version, or undefined when the registry does not have it. */
  getModelVersion(id: string): Promise<RegistryModelVersion | undefined> {
    return this.get(`/model_versions/${encodeURIComponent(id)}`);
  }

  /**
   * Updates fields of a model version (`PATCH`). The registry replaces `customProperties` as a
   * whole, so pass every property to keep.
   */
  async updateModelVersion(
    id: string,
    patch: Partial<
      Pick<RegistryModelVersion, 'customProperties' | 'description' | 'state'>
    >,
  ): Promise<RegistryModelVersion> {
    const updated = await this.send<RegistryModelVersion>(
      'PATCH',
      `/model_versions/${encodeURIComponent(id)}`,
      patch,
      { notFound: 'undefined' },
    );
    if (!updated)
      throw new ModelRegistryRequestError(
        this.name,
        `PATCH /model_versions/${id}`,
        404,
        'the registry has no model version with this id',
      );
    return updated;
  }
}
