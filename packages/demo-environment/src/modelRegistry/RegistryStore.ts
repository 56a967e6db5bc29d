import {
  Artifact,
  InferenceService,
  ModelVersion,
  RegisteredModel,
  RegistryData,
  ServingEnvironment,
} from './types';

/**
 * What the fake Model Registry holds. Registered models, versions, serving environments and
 * inference services share one id sequence (they are all ML Metadata "contexts" in the
 * real registry); artifacts have their own, as in the recorded responses.
 * @public
 */
export class RegistryStore {
  readonly registeredModels = new Map<string, RegisteredModel>();
  readonly modelVersions = new Map<string, ModelVersion>();
  readonly artifacts = new Map<string, Artifact>();
  /** Artifact id -> id of the version it belongs to. */
  readonly artifactParents = new Map<string, string>();
  readonly servingEnvironments = new Map<string, ServingEnvironment>();
  readonly inferenceServices = new Map<string, InferenceService>();
  /** When set, every write is refused with 403 and this message (a read-only token, for tests and demos). */
  refuseWrites?: string;
  private contextSequence = 0;
  private artifactSequence = 0;
  readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The next id for a model, version, serving environment or inference service. */
  nextContextId(): string {
    this.contextSequence++;
    return String(this.contextSequence);
  }

  /** The next artifact id. */
  nextArtifactId(): string {
    this.artifactSequence++;
    return String(this.artifactSequence);
  }

  /** Loads seeded entities, keeping their ids, and moves the sequences past them. */
  load(data: RegistryData): void {
    for (const model of data.registeredModels)
      this.registeredModels.set(model.id, model);
    for (const version of data.modelVersions)
      this.modelVersions.set(version.id, version);
    for (const { modelVersionId, artifact } of data.artifacts) {
      this.artifacts.set(artifact.id, artifact);
      this.artifactParents.set(artifact.id, modelVersionId);
    }
    for (const env of data.servingEnvironments)
      this.servingEnvironments.set(env.id, env);
    for (const isvc of data.inferenceServices)
      this.inferenceServices.set(isvc.id, isvc);
    const contextIds = [
      ...this.registeredModels.keys(),
      ...this.modelVersions.keys(),
      ...this.servingEnvironments.keys(),
      ...this.inferenceServices.keys(),
    ].map(Number);
    this.contextSequence = Math.max(this.contextSequence, 0, ...contextIds);
    this.artifactSequence = Math.max(
      this.artifactSequence,
      0,
      ...[...this.artifacts.keys()].map(Number),
    );
  }

  /** Versions of a registered model. */
  versionsOf(registeredModelId: string): ModelVersion[] {
    return (this.childIndex().versions.get(registeredModelId) ?? [])
      .map(id => this.modelVersions.get(id)!)
      .filter(Boolean);
  }

  /** Artifacts of a version. */
  artifactsOf(modelVersionId: string): Artifact[] {
    return (this.childIndex().artifacts.get(modelVersionId) ?? [])
      .map(id => this.artifacts.get(id)!)
      .filter(Boolean);
  }

  private index?: {
    key: string;
    versions: Map<string, string[]>;
    artifacts: Map<string, string[]>;
  };

  /**
   * Children by parent, rebuilt when an entity was added or removed (a parent never changes
   * after creation), so listing the versions of 10,000 models is not quadratic.
   */
  private childIndex() {
    const key = `${this.modelVersions.size}/${this.artifacts.size}/${this.artifactParents.size}`;
    if (this.index?.key === key) return this.index;
    const versions = new Map<string, string[]>();
    for (const v of this.modelVersions.values())
      versions.set(v.registeredModelId, [
        ...(versions.get(v.registeredModelId) ?? []),
        v.id,
      ]);
    const artifacts = new Map<string, string[]>();
    for (const [id, parent] of this.artifactParents)
      if (this.artifacts.has(id))
        artifacts.set(parent, [...(artifacts.get(parent) ?? []), id]);
    this.index = { key, versions, artifacts };
    return this.index;
  }
}
