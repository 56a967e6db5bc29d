import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LABEL_KUBERNETES_ID,
  LabelSelector,
  matchesLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { entitySelector } from '../service/entitySelector';

/** What is read of each entity: enough for its ref, its annotations and its selector. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

const annotationKey = (name: string) => `metadata.annotations.${name}`;

/** The selector of an entity, or undefined when it has none or it does not parse. */
function selectorOf(entity: Entity, annotation: string) {
  try {
    return entitySelector(entity, annotation).selector;
  } catch {
    return undefined;
  }
}

/** `backstage.io/kubernetes-id=<id>` and nothing else: the id it pins, else undefined. */
export function pinnedId(selector: LabelSelector): string | undefined {
  const [only, ...rest] = selector.requirements;
  return !rest.length &&
    only?.key === LABEL_KUBERNETES_ID &&
    only.operator === 'in' &&
    only.values.length === 1
    ? only.values[0]
    : undefined;
}

/**
 * Which catalog entities a run (or a notebook validation job) belongs to, as the caller sees the
 * catalog (read with the caller's credentials, so the permission policy decides).
 *
 * The rule: an object labelled `backstage.io/kubernetes-id: <id>` belongs to the entities of that
 * id: the ones annotated `backstage.io/kubernetes-id: <id>` or whose selector is exactly
 * `backstage.io/kubernetes-id=<id>` (a model and its pending entity, the Kubernetes plugin's
 * convention). An object without that label belongs to the entities whose selector matches it
 * (a pipeline's component). An object none of whose entities the caller may read is not shown.
 */
export class EntityOwnership {
  constructor(
    private readonly catalog: CatalogService,
    /** The selector annotation of this kind of object, e.g. `modelops.io/pipeline-selector`. */
    private readonly annotation: string,
  ) {}

  /** Whether an entity is one of the entities of `id`. */
  claimsId(entity: Entity, id: string): boolean {
    if (entity.metadata.annotations?.[LABEL_KUBERNETES_ID] === id) return true;
    const selector = selectorOf(entity, this.annotation);
    return !!selector && pinnedId(selector) === id;
  }

  /** The entities the caller may read that an object with these labels belongs to. */
  async owners(
    labels: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const id = labels[LABEL_KUBERNETES_ID];
    if (id !== undefined) {
      const { items } = await this.catalog.getEntities(
        {
          filter: [
            { [annotationKey(LABEL_KUBERNETES_ID)]: id },
            {
              [annotationKey(this.annotation)]: `${LABEL_KUBERNETES_ID}=${id}`,
            },
          ],
          fields: FIELDS,
        },
        { credentials },
      );
      // The catalog's filters ignore case; label values do not.
      return items.filter(entity => this.claimsId(entity, id));
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { [annotationKey(this.annotation)]: CATALOG_FILTER_EXISTS },
        fields: FIELDS,
      },
      { credentials },
    );
    return items.filter(entity => {
      const selector = selectorOf(entity, this.annotation);
      return !!selector && matchesLabelSelector(selector, labels);
    });
  }

  /**
   * The `backstage.io/kubernetes-id` values whose entities the caller may read: a list shows an
   * object labelled with an id only when its id is one of these.
   */
  async visibleIds(credentials: BackstageCredentials): Promise<string[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: [
          { [annotationKey(LABEL_KUBERNETES_ID)]: CATALOG_FILTER_EXISTS },
          { [annotationKey(this.annotation)]: CATALOG_FILTER_EXISTS },
        ],
        fields: FIELDS,
      },
      { credentials },
    );
    const ids = new Set<string>();
    for (const entity of items) {
      const own = entity.metadata.annotations?.[LABEL_KUBERNETES_ID];
      if (own) ids.add(own);
      const selector = selectorOf(entity, this.annotation);
      const pinned = selector && pinnedId(selector);
      if (pinned) ids.add(pinned);
    }
    return [...ids];
  }

  /**
   * The restriction a list of what `entity` selects needs so that it holds no object of an id the
   * caller may not read; undefined when the entity's own selector already pins an id it claims.
   */
  async listRestriction(
    entity: Entity,
    selector: LabelSelector,
    credentials: BackstageCredentials,
  ): Promise<{ key: string; values: string[] } | undefined> {
    const pinned = pinnedId(selector);
    if (pinned !== undefined && this.claimsId(entity, pinned)) return undefined;
    return {
      key: LABEL_KUBERNETES_ID,
      values: await this.visibleIds(credentials),
    };
  }
}
