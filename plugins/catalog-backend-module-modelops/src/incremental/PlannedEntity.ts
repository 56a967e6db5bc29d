import { Entity } from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { buildPlanned, EntityPlan, RegistrySnapshot } from '../buildEntities';

/**
 * An entity of a full mutation that is built each time the catalog reads it. A full mutation
 * takes every entity in one call; held as plans over the lean records, 60,000 entities cost a
 * small object each instead of the entities' full object graphs. Building is deterministic, so
 * every read gives an equal entity.
 */
export class PlannedEntity implements DeferredEntity {
  constructor(
    private readonly snapshot: RegistrySnapshot,
    private readonly plan: EntityPlan,
    readonly locationKey: string,
  ) {}

  get entity(): Entity {
    return buildPlanned(this.snapshot, this.plan);
  }
}
