import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

const fingerprint = (entity: Entity) =>
  createHash('sha1').update(JSON.stringify(entity)).digest('base64');

/**
 * What the provider last handed the catalog, one fingerprint per entity, so a refresh hands over
 * only the entities that differ (a delta mutation) instead of all of them.
 */
export class EntityDelta {
  #handed = new Map<string, string>();

  /** The entities that are new or differ from what was handed, and the refs that are gone. */
  diff(entities: Entity[]): {
    added: Entity[];
    removed: string[];
    commit: () => void;
  } {
    const next = new Map<string, string>();
    const added: Entity[] = [];
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const print = fingerprint(entity);
      next.set(ref, print);
      if (this.#handed.get(ref) !== print) added.push(entity);
    }
    const removed = [...this.#handed.keys()].filter(ref => !next.has(ref));
    return {
      added,
      removed,
      /** Call once the catalog took the mutation. */
      commit: () => {
        this.#handed = next;
      },
    };
  }

  /** After a full mutation: everything in `entities` is what the catalog has. */
  reset(entities: Entity[]): void {
    this.#handed = new Map(
      entities.map(e => [stringifyEntityRef(e), fingerprint(e)]),
    );
  }
}
