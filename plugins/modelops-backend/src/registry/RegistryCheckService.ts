import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  checkVersionName,
  RegistryCheckResponse,
} from '@private-ai/plugin-modelops-common';
import { ModelRegistryClient } from '@private-ai/plugin-modelops-node';

/** How many version names the answer carries, newest first. */
const LATEST = 5;

/**
 * The template form's live check: the registry's version names of a registered model the caller
 * may read in the catalog (found by its `rhdh.modelcatalog.io/model-name` annotation, read with
 * the caller's credentials). A model the caller may not read is answered like one that does not
 * exist.
 */
export class RegistryCheckService {
  constructor(
    private readonly catalog: CatalogService,
    /** Registry clients by the id the catalog module writes in `modelops.io/registry`; `*` for any other. */
    private readonly registries: Map<string, ModelRegistryClient>,
  ) {}

  async check(
    query: { model: string; version?: string; registry?: string },
    credentials: BackstageCredentials,
  ): Promise<RegistryCheckResponse> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'resource',
          'spec.type': 'ai-model',
          [`metadata.annotations.${ANNOTATION_RHDH_MODEL_NAME}`]: query.model,
          ...(query.registry
            ? {
                [`metadata.annotations.${ANNOTATION_REGISTRY}`]: query.registry,
              }
            : {}),
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    // The catalog's filters ignore case; registry names do not.
    const entity = items.find(
      e => e.metadata.annotations?.[ANNOTATION_RHDH_MODEL_NAME] === query.model,
    );
    const modelId =
      entity?.metadata.annotations?.[ANNOTATION_REGISTERED_MODEL_ID];
    if (!entity || !modelId)
      throw new NotFoundError(
        `no registered model ${query.model} in the catalog${
          query.registry ? ` for registry ${query.registry}` : ''
        }`,
      );
    const registryId =
      entity.metadata.annotations?.[ANNOTATION_REGISTRY] ?? '*';
    const client = this.registries.get(registryId) ?? this.registries.get('*');
    if (!client)
      throw new ServiceUnavailableError(
        `no Model Registry "${registryId}" is configured (catalog.providers.modelops.${registryId} or modelops.registry)`,
      );
    let names: string[];
    try {
      names = await client.versionNames(modelId);
    } catch (error) {
      throw new ServiceUnavailableError(
        `the Model Registry "${registryId}" could not be checked: ${
          (error as Error).message
        }`,
      );
    }
    const conventionProblem = query.version
      ? checkVersionName(query.version)
      : undefined;
    return {
      registry: registryId,
      entityRef: stringifyEntityRef(entity),
      modelExists: true,
      versionExists: !!query.version && names.includes(query.version),
      latestVersions: names.slice(0, LATEST),
      ...(conventionProblem ? { conventionProblem } : {}),
    };
  }
}
