import { ResourceEntity } from '@backstage/catalog-model';
import {
  ANNOTATION_ARTIFACT_URI,
  ANNOTATION_AUTHOR,
  ANNOTATION_CREATED,
  ANNOTATION_CUSTOM_PROPERTIES,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MODEL_FORMAT,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  ANNOTATION_VERSION_NAME,
  ANNOTATION_VERSION_STATE,
  LABEL_MODEL_VERSION,
  MODELCAR_VERSION_NAME_PATTERN,
} from '@private-ai/plugin-modelops-common';
import { readCustomProperties } from '@private-ai/plugin-modelops-node';
import { EntityName } from './EntityNamer';
import {
  LeanArtifact,
  LeanModelVersion,
  LeanRegisteredModel,
} from './leanRecords';
import { managedBy, withWarnings } from './managedBy';
import { RegistrySnapshot } from './RegistrySnapshot';

/**
 * A model version as a `Resource` of type `ai-model-version`, `dependencyOf` its model, with
 * notes for a name that breaks the convention and a version without a model artifact.
 */
export function buildVersionEntity(
  snapshot: RegistrySnapshot,
  model: { registered: LeanRegisteredModel; name: string; owner: string },
  version: LeanModelVersion,
  artifact: LeanArtifact | undefined,
  named: EntityName,
): ResourceEntity {
  const modelName = model.name;
  const registered = model.registered;
  const { name } = named;
  const notes = [...named.notes];
  const convention =
    snapshot.versionNamePattern ?? MODELCAR_VERSION_NAME_PATTERN;
  if (!convention.test(version.name))
    notes.push(
      `version name ${version.name} breaks the naming convention ${convention.source}`,
    );
  if (!artifact?.uri)
    notes.push(
      'the version has no model artifact: nothing can be served from it',
    );
  const format = artifact?.modelFormatName
    ? `${artifact.modelFormatName}${
        artifact.modelFormatVersion ? ` ${artifact.modelFormatVersion}` : ''
      }`
    : undefined;
  return withWarnings(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: `${registered.name} ${version.name}`,
        description: version.description,
        annotations: {
          ...managedBy(snapshot.baseUrl),
          [ANNOTATION_REGISTRY]: snapshot.registryId,
          [ANNOTATION_REGISTERED_MODEL_ID]: registered.id,
          [ANNOTATION_MODEL_VERSION_ID]: version.id,
          [ANNOTATION_RHDH_MODEL_NAME]: registered.name,
          [ANNOTATION_PIPELINE_SELECTOR]: `${ANNOTATION_KUBERNETES_ID}=${modelName},${LABEL_MODEL_VERSION}=${version.name}`,
          [ANNOTATION_VERSION_NAME]: version.name,
          [ANNOTATION_VERSION_STATE]: version.state ?? 'LIVE',
          ...(version.author ? { [ANNOTATION_AUTHOR]: version.author } : {}),
          ...(artifact?.uri ? { [ANNOTATION_ARTIFACT_URI]: artifact.uri } : {}),
          ...(format ? { [ANNOTATION_MODEL_FORMAT]: format } : {}),
          ...(version.createTimeSinceEpoch
            ? {
                [ANNOTATION_CREATED]: new Date(
                  Number(version.createTimeSinceEpoch),
                ).toISOString(),
              }
            : {}),
          [ANNOTATION_CUSTOM_PROPERTIES]: JSON.stringify(
            readCustomProperties(version.customProperties),
          ),
        },
      },
      spec: {
        type: 'ai-model-version',
        owner: model.owner,
        dependencyOf: [`resource:default/${modelName}`],
      },
    },
    notes,
  );
}
