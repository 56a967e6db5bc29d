import { entityNameOf } from '@private-ai/plugin-modelops-common';

/**
 * Gives entities unique names within one refresh: a name taken by another object of the same
 * kind gets the object's id appended, and a note says so on both the entity and the refresh.
 */
export class EntityNamer {
  private readonly used = new Map<string, string>();
  readonly warnings: string[] = [];

  unique(
    kind: string,
    wanted: string,
    id: string,
    what: string,
    notes: string[],
  ): string {
    let name = wanted;
    if (this.used.has(`${kind}:${name}`)) {
      name = entityNameOf(`${wanted}-${id}`);
      const note = `${what}: the entity name ${wanted} is taken by ${this.used.get(
        `${kind}:${wanted}`,
      )}; named ${name} instead`;
      notes.push(note);
      this.warnings.push(note);
    }
    this.used.set(`${kind}:${name}`, what);
    return name;
  }
}
