import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_WARNINGS } from '@private-ai/plugin-modelops-common';

/** Warnings the catalog module wrote on the entity (`ANNOTATION_WARNINGS`). */
export function warningsOf(entity: Entity): string[] {
  try {
    const parsed = JSON.parse(
      entity.metadata.annotations?.[ANNOTATION_WARNINGS] ?? '[]',
    );
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** The value of an annotation (one of the `ANNOTATION_*` names of -common) on the entity. */
export const annotation = (entity: Entity, name: string): string | undefined =>
  entity.metadata.annotations?.[name];
