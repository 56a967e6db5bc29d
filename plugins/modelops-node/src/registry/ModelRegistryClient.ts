import { Agent, fetch } from 'undici';

/** A Kubeflow Model Registry REST client (`/api/model_registry/v1alpha3`), read-only. @public */
export class ModelRegistryClient {
  private readonly base: string;

  constructor(private readonly options: { baseUrl: string; token?: string; timeoutMs?: number; skipTLSVerify?: boolean }) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/api/model_registry/v1alpha3`;
  }

  private async get<T>(path: string): Promise<T | undefined> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { accept: 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      dispatcher: this.options.skipTLSVerify ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined,
    });
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new Error(`Model Registry ${this.options.baseUrl}: GET ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
    return (await response.json()) as T;
  }

  /** The registered model of that exact name, or undefined. */
  findModel(name: string): Promise<{ id: string; name: string } | undefined> {
    return this.get(`/registered_model?name=${encodeURIComponent(name)}`);
  }

  /** Version names of a registered model, newest first (follows paging). */
  async versionNames(modelId: string): Promise<string[]> {
    const names: Array<{ name: string; created: number }> = [];
    let token = '';
    do {
      const page = await this.get<{ items?: Array<{ name: string; createTimeSinceEpoch?: string }>; nextPageToken?: string }>(
        `/registered_models/${encodeURIComponent(modelId)}/versions?pageSize=100${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`,
      );
      for (const v of page?.items ?? []) names.push({ name: v.name, created: Number(v.createTimeSinceEpoch ?? 0) });
      token = page?.nextPageToken ?? '';
    } while (token);
    return names.sort((a, b) => b.created - a.created).map(v => v.name);
  }
}
