import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  LabelSelector,
  LabelSelectorError,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';

/** Reads `?entityRef=` and fetches the entity with the caller's credentials. */
export async function entityOfQuery(
  catalog: CatalogService,
  value: unknown,
  credentials: BackstageCredentials,
): Promise<Entity> {
  if (typeof value !== 'string' || !value) {
    throw new InputError(
      'entityRef is required, e.g. ?entityRef=resource:default/mistral-small-24b-instruct',
    );
  }
  let ref;
  try {
    ref = parseEntityRef(value);
  } catch (error) {
    throw new InputError(
      `entityRef "${value}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity)
    throw new NotFoundError(`entity ${stringifyEntityRef(ref)} not found`);
  return entity;
}

/**
 * The label selector an entity uses for one kind of object: its own annotation (e.g.
 * `modelops.io/pipeline-selector`), else `backstage.io/kubernetes-id=<id>` as the Tekton and
 * Kubernetes plugins do.
 */
export function entitySelector(
  entity: Entity,
  annotation: string,
): { text: string; selector: LabelSelector } {
  const annotations = entity.metadata.annotations ?? {};
  const text =
    annotations[annotation] ??
    (annotations[ANNOTATION_KUBERNETES_ID]
      ? `${ANNOTATION_KUBERNETES_ID}=${annotations[ANNOTATION_KUBERNETES_ID]}`
      : undefined);
  if (!text) {
    throw new InputError(
      `entity ${stringifyEntityRef(
        entity,
      )} has neither the ${annotation} nor the ${ANNOTATION_KUBERNETES_ID} annotation`,
    );
  }
  try {
    return { text, selector: parseLabelSelector(text) };
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw new InputError(
        `the ${annotation} annotation of ${stringifyEntityRef(
          entity,
        )} is not a label selector: ${error.message}`,
      );
    }
    throw error;
  }
}
