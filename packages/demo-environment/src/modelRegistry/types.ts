/**
 * Model Registry REST API (`/api/model_registry/v1alpha3`) entities, as the API answers
 * them: ids and times are strings, custom properties are typed MetadataValue objects.
 */

/** A typed custom property value (snake_case value keys, as the API wants them). @public */
export type MetadataValue =
  | { metadataType: 'MetadataStringValue'; string_value: string }
  | { metadataType: 'MetadataIntValue'; int_value: string }
  | { metadataType: 'MetadataDoubleValue'; double_value: number }
  | { metadataType: 'MetadataBoolValue'; bool_value: boolean }
  | { metadataType: 'MetadataStructValue'; struct_value: string }
  | { metadataType: 'MetadataProtoValue'; type: string; proto_value: string };

/** Fields every registry entity has. @public */
export interface BaseEntity {
  id: string;
  name: string;
  description?: string;
  externalId?: string;
  customProperties: Record<string, MetadataValue>;
  createTimeSinceEpoch: string;
  lastUpdateTimeSinceEpoch: string;
}

/** @public */
export interface RegisteredModel extends BaseEntity {
  owner?: string;
  state: 'LIVE' | 'ARCHIVED';
  readme?: string;
  maturity?: string;
  language?: string[];
  tasks?: string[];
  provider?: string;
  logo?: string;
  license?: string;
  licenseLink?: string;
  libraryName?: string;
}

/** @public */
export interface ModelVersion extends BaseEntity {
  registeredModelId: string;
  state: 'LIVE' | 'ARCHIVED';
  author?: string;
}

/** A model artifact, or another artifact type (metric, doc...). @public */
export interface Artifact extends BaseEntity {
  artifactType:
    | 'model-artifact'
    | 'doc-artifact'
    | 'dataset-artifact'
    | 'metric'
    | 'parameter';
  state:
    | 'UNKNOWN'
    | 'PENDING'
    | 'LIVE'
    | 'MARKED_FOR_DELETION'
    | 'DELETED'
    | 'ABANDONED'
    | 'REFERENCE';
  uri?: string;
  modelFormatName?: string;
  modelFormatVersion?: string;
  storageKey?: string;
  storagePath?: string;
  serviceAccountName?: string;
  modelSourceKind?: string;
  modelSourceClass?: string;
  modelSourceGroup?: string;
  modelSourceId?: string;
  modelSourceName?: string;
  /** For `metric` artifacts. */
  value?: number;
  timestamp?: string;
  step?: number;
}

/** @public */
export interface ServingEnvironment extends BaseEntity {}

/** @public */
export interface InferenceService extends BaseEntity {
  registeredModelId: string;
  servingEnvironmentId: string;
  modelVersionId?: string;
  runtime?: string;
  desiredState?: 'DEPLOYED' | 'UNDEPLOYED';
}

/** Everything a registry holds, as seeded by a scenario. @public */
export interface RegistryData {
  registeredModels: RegisteredModel[];
  modelVersions: ModelVersion[];
  /** Artifacts with the id of the version they belong to. */
  artifacts: Array<{ modelVersionId: string; artifact: Artifact }>;
  servingEnvironments: ServingEnvironment[];
  inferenceServices: InferenceService[];
}

/** The `Error` body of the API. @public */
export interface RegistryErrorBody {
  code: string;
  message: string;
}
