import { Entity } from '@backstage/catalog-model';

/** Warnings the catalog module wrote on the entity (`modelops.io/warnings`). */
export function warningsOf(entity: Entity): string[] {
  try {
    const parsed = JSON.parse(
      entity.metadata.annotations?.['modelops.io/warnings'] ?? '[]',
    );
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export const annotation = (entity: Entity, key: string): string | undefined =>
  entity.metadata.annotations?.[`modelops.io/${key}`];
