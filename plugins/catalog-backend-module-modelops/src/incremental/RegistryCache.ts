import { ModelRegistryClient } from '@private-ai/plugin-modelops-node';
import pLimit from 'p-limit';
import {
  LeanArtifact,
  leanArtifact,
  LeanModelVersion,
  leanModelVersion,
  LeanRegisteredModel,
  leanRegisteredModel,
} from '../entities/leanRecords';

const updatedAt = (item: { lastUpdateTimeSinceEpoch?: string }) =>
  Number(item.lastUpdateTimeSinceEpoch ?? 0);

/**
 * The registered models, versions and artifacts of one registry as of the last refresh, kept so
 * the next refresh reads only what changed since: the registry lists each collection newest
 * first by last update time, and the refresh reads until it reaches what it has (one request
 * per collection when nothing changed).
 *
 * Of each object it keeps only what the entities need (the lean records): the registry's
 * answers are dropped page by page as they are read.
 *
 * Model Registry entities are archived, not deleted, so an update covers every change but one:
 * an artifact changed without its version, on a version this cache does not know it belongs to.
 * {@link RegistryCache.update} then says so and the caller reads the whole registry.
 */
export class RegistryCache {
  readonly models = new Map<string, LeanRegisteredModel>();
  /** Versions by registered model id, then by version id. */
  readonly versions = new Map<string, Map<string, LeanModelVersion>>();
  readonly artifacts = new Map<string, LeanArtifact[]>();
  /** The version each known artifact belongs to. */
  readonly #artifactVersion = new Map<string, string>();
  /** Newest last-update time seen per collection: the next update reads from there. */
  #since = { models: 0, versions: 0, artifacts: 0 };

  /**
   * Reads every registered model, version and artifact (8 requests in flight), keeping the
   * lean record of each as its page arrives. Throws on any registry error.
   */
  static async readAll(client: ModelRegistryClient): Promise<RegistryCache> {
    const cache = new RegistryCache();
    const limit = pLimit(8);
    const models = (await client.listRegisteredModels()).map(
      leanRegisteredModel,
    );
    for (const m of models) cache.#putModel(m);
    const versionIds: string[] = [];
    await Promise.all(
      models.map(m =>
        limit(async () => {
          for (const v of await client.listModelVersions(m.id)) {
            cache.#putVersion(leanModelVersion(v));
            versionIds.push(v.id);
          }
        }),
      ),
    );
    await Promise.all(
      versionIds.map(id =>
        limit(async () =>
          cache.#putArtifacts(
            id,
            (await client.listArtifacts(id)).map(leanArtifact),
          ),
        ),
      ),
    );
    return cache;
  }

  /**
   * Reads what changed since the last read and applies it. Returns how many objects changed, or
   * `'full-read-needed'` when an artifact changed that cannot be placed (then nothing is kept:
   * the caller reads everything). Throws on any registry error, leaving the cache as it was
   * up to the first changed object it applied (applying the same changes again is harmless).
   */
  async update(
    client: ModelRegistryClient,
  ): Promise<number | 'full-read-needed'> {
    const since = this.#since;
    // Read all three before applying any, so a failure applies nothing.
    const [models, versions, artifacts] = await Promise.all([
      client
        .listUpdatedSince('registered_models', since.models)
        .then(list => list.map(leanRegisteredModel)),
      client
        .listUpdatedSince('model_versions', since.versions)
        .then(list => list.map(leanModelVersion)),
      client
        .listUpdatedSince('artifacts', since.artifacts)
        .then(list => list.map(leanArtifact)),
    ]);
    const changedModels = models.filter(m =>
      this.#isChange(m, since.models, this.models.get(m.id)),
    );
    const changedVersions = versions.filter(v =>
      this.#isChange(
        v,
        since.versions,
        this.versions.get(v.registeredModelId)?.get(v.id),
      ),
    );
    const changedArtifacts = artifacts.filter(a =>
      this.#isChange(a, since.artifacts, this.#findArtifact(a.id)),
    );
    // The artifacts of new and changed versions are read per version (the artifact list does
    // not say which version an artifact belongs to).
    const limit = pLimit(8);
    const reread = new Map<string, LeanArtifact[]>();
    const versionIds = new Set(changedVersions.map(v => v.id));
    for (const a of changedArtifacts) {
      const owner = this.#artifactVersion.get(a.id);
      if (owner) versionIds.add(owner);
    }
    await Promise.all(
      [...versionIds].map(id =>
        limit(async () =>
          reread.set(id, (await client.listArtifacts(id)).map(leanArtifact)),
        ),
      ),
    );
    const placed = new Set(
      [...reread.values()].flatMap(list => list.map(a => a.id)),
    );
    if (changedArtifacts.some(a => !placed.has(a.id)))
      return 'full-read-needed';

    for (const m of changedModels) this.#putModel(m);
    for (const v of changedVersions) this.#putVersion(v);
    for (const [versionId, list] of reread) this.#putArtifacts(versionId, list);
    for (const a of changedArtifacts) this.#advance('artifacts', a);
    return changedModels.length + changedVersions.length + reread.size;
  }

  /** The cache as the snapshot's lists. */
  lists() {
    return {
      models: [...this.models.values()],
      versions: new Map(
        [...this.versions].map(([modelId, byId]) => [
          modelId,
          [...byId.values()],
        ]),
      ),
      artifacts: this.artifacts,
    };
  }

  /**
   * Updated at or after the last read and not the object kept (the items at the boundary are
   * read again). Ids are per collection: a model, a version and an artifact can share one.
   */
  #isChange(
    item: { lastUpdateTimeSinceEpoch?: string },
    since: number,
    kept: { lastUpdateTimeSinceEpoch?: string } | undefined,
  ): boolean {
    return (
      updatedAt(item) >= since &&
      kept?.lastUpdateTimeSinceEpoch !== item.lastUpdateTimeSinceEpoch
    );
  }

  #findArtifact(id: string) {
    const versionId = this.#artifactVersion.get(id);
    return versionId
      ? this.artifacts.get(versionId)?.find(a => a.id === id)
      : undefined;
  }

  #putModel(m: LeanRegisteredModel) {
    this.models.set(m.id, m);
    this.#advance('models', m);
  }

  #putVersion(v: LeanModelVersion) {
    if (!this.versions.has(v.registeredModelId))
      this.versions.set(v.registeredModelId, new Map());
    this.versions.get(v.registeredModelId)!.set(v.id, v);
    this.#advance('versions', v);
  }

  #putArtifacts(versionId: string, list: LeanArtifact[]) {
    this.artifacts.set(versionId, list);
    for (const a of list) {
      this.#artifactVersion.set(a.id, versionId);
      this.#advance('artifacts', a);
    }
  }

  #advance(
    key: 'models' | 'versions' | 'artifacts',
    item: { lastUpdateTimeSinceEpoch?: string },
  ) {
    this.#since[key] = Math.max(this.#since[key], updatedAt(item));
  }
}
