import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { buildPlanned, EntityPlan, RegistrySnapshot } from '../buildEntities';

/**
 * 32 bits of the entity's SHA-1: a small integer, not a string, per entity kept. A change whose
 * fingerprint happens to equal the old one (one in 4 billion) waits for the next full refresh.
 */
const fingerprint = (entity: Entity) =>
  createHash('sha1').update(JSON.stringify(entity)).digest().readInt32LE(0);

/** The ref of a plan's entity, without building it. */
function refOf(plan: EntityPlan): string {
  switch (plan.kind) {
    case 'component':
      return `component:default/${plan.named.component.name}`;
    case 'api':
      return `api:default/${plan.named.api.name}`;
    default:
      return `resource:default/${plan.named.name}`;
  }
}

const sameNotes = (a: string[], b: string[]) =>
  a.length === b.length && a.every((note, i) => note === b[i]);

/**
 * True when a plan is known to build the same entity as the one handed: a registered model or
 * version whose lean records are the very objects the last refresh used (the cache replaces a
 * record only when the registry changed it), under the same name. Other plans (pending models,
 * model servers: few, and read anew on every refresh) are compared by fingerprint.
 */
function unchanged(handed: EntityPlan, plan: EntityPlan): boolean {
  if (plan.kind === 'model' && handed.kind === 'model')
    return (
      handed.model === plan.model &&
      sameNotes(handed.named.notes, plan.named.notes)
    );
  if (plan.kind === 'version' && handed.kind === 'version')
    return (
      handed.model.registered === plan.model.registered &&
      handed.model.name === plan.model.name &&
      handed.model.owner === plan.model.owner &&
      handed.version === plan.version &&
      handed.artifact === plan.artifact &&
      sameNotes(handed.named.notes, plan.named.notes)
    );
  return false;
}

const comparedByIdentity = (plan: EntityPlan) =>
  plan.kind === 'model' || plan.kind === 'version';

/** What was handed of one entity: its plan, and the fingerprint of those compared by it. */
interface Handed {
  plan: EntityPlan;
  print?: number;
}

/**
 * What the provider last handed the catalog, so a refresh hands over only the entities that
 * differ (a delta mutation) instead of all of them. Registered models and versions are compared
 * by their lean records (nothing is built for the unchanged ones); the rest by fingerprint. Only
 * the entities that differ are built and kept together.
 */
export class EntityDelta {
  #handed = new Map<string, Handed>();

  /** The entities that are new or differ from what was handed, and the refs that are gone. */
  diff(
    snapshot: RegistrySnapshot,
    plans: EntityPlan[],
  ): {
    added: Entity[];
    removed: string[];
    commit: () => void;
  } {
    const next = new Map<string, Handed>();
    const added: Entity[] = [];
    for (const plan of plans) {
      const ref = refOf(plan);
      const handed = this.#handed.get(ref);
      if (comparedByIdentity(plan)) {
        next.set(ref, { plan });
        if (!handed || !unchanged(handed.plan, plan))
          added.push(buildPlanned(snapshot, plan));
        continue;
      }
      const entity = buildPlanned(snapshot, plan);
      const print = fingerprint(entity);
      next.set(ref, { plan, print });
      if (handed?.print !== print) added.push(entity);
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

  /** After a full mutation: the entities of `plans` are what the catalog has. */
  reset(snapshot: RegistrySnapshot, plans: EntityPlan[]): void {
    const handed = new Map<string, Handed>();
    for (const plan of plans)
      handed.set(
        refOf(plan),
        comparedByIdentity(plan)
          ? { plan }
          : { plan, print: fingerprint(buildPlanned(snapshot, plan)) },
      );
    this.#handed = handed;
  }
}
