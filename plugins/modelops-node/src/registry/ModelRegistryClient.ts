import { Agent, fetch } from 'undici';

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

  private get<T>(path: string): Promise<T | undefined> {
    return this.send<T>('GET', path);
  }

  /** One request; undefined on 404, a {@link ModelRegistryRequestError} on anything else that is not JSON 2xx. */
  private async send<T>(
    method: 'GET' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<T | undefined> {
    const what = `${method} ${path}`;
    let response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.token
            ? { authorization: `Bearer ${this.options.token}` }
            : {}),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        dispatcher: this.dispatcher,
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const detail =
        e.name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs ?? 10_000} ms`
          : `unreachable (${e.cause?.code ?? e.message})`;
      throw new ModelRegistryRequestError(this.name, what, undefined, detail);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const text = await response.text();
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ' (check the token)'
          : '';
      throw new ModelRegistryRequestError(
        this.name,
        what,
        response.status,
        `HTTP ${response.status}${hint}: ${text.slice(0, 200)}`,
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ModelRegistryRequestError(
        this.name,
        what,
        response.status,
        `the answer is not JSON: ${text.slice(0, 80)}`,
      );
    }
  }

  /** Every item of a list endpoint, following `nextPageToken`. */
  private async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let token = '';
    const seen = new Set<string>();
    do {
      const sep = path.includes('?') ? '&' : '?';
      const url = `${path}${sep}pageSize=${this.options.pageSize ?? 100}${
        token ? `&nextPageToken=${encodeURIComponent(token)}` : ''
      }`;
      const page = await this.get<{ items?: unknown; nextPageToken?: string }>(
        url,
      );
      if (page === undefined) return items;
      if (
        !Array.isArray(page.items) &&
        page.items !== undefined &&
        page.items !== null
      ) {
        throw new ModelRegistryRequestError(
          this.name,
          `GET ${url}`,
          200,
          'unexpected answer: "items" is not a list',
        );
      }
      for (const item of (page.items ?? []) as unknown[]) {
        if (
          !item ||
          typeof item !== 'object' ||
          typeof (item as RegistryEntity).id !== 'string' ||
          typeof (item as RegistryEntity).name !== 'string'
        ) {
          throw new ModelRegistryRequestError(
            this.name,
            `GET ${url}`,
            200,
            `unexpected answer: an item without a string id and name: ${JSON.stringify(
              item,
            ).slice(0, 120)}`,
          );
        }
        items.push(item as T);
      }
      token = page.nextPageToken ?? '';
      if (token && seen.has(token)) {
        throw new ModelRegistryRequestError(
          this.name,
          `GET ${url}`,
          200,
          `the registry returned the same nextPageToken twice`,
        );
      }
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
