import { entityNameOf } from '@private-ai/plugin-modelops-common';

/** The name an entity gets, and the note to show on it when its wanted name was taken. */
export interface EntityName {
  name: string;
  /** Empty unless the wanted name was taken. */
  notes: string[];
}

const NO_NOTES: string[] = [];

/**
 * Gives entities unique names within one refresh: a name taken by another object of the same
 * kind gets the object's id appended, and a note says so on both the entity and the refresh.
 * Naming is separate from building so an entity can be built again, alone, with the same name.
 */
export class EntityNamer {
  private readonly used = new Map<string, string>();
  readonly warnings: string[] = [];

  name(kind: string, wanted: string, id: string, what: string): EntityName {
    let name = wanted;
    let notes = NO_NOTES;
    if (this.used.has(`${kind}:${name}`)) {
      name = entityNameOf(`${wanted}-${id}`);
      const note = `${what}: the entity name ${wanted} is taken by ${this.used.get(
        `${kind}:${wanted}`,
      )}; named ${name} instead`;
      notes = [note];
      this.warnings.push(note);
    }
    this.used.set(`${kind}:${name}`, what);
    return { name, notes };
  }
}
