import { ANNOTATION_WARNINGS } from '@private-ai/plugin-modelops-common';
import { Entity } from '@backstage/catalog-model';

/** The location annotations of every entity of a registry. */
export function managedBy(baseUrl: string): Record<string, string> {
  const location = `url:${baseUrl.replace(
    /\/+$/,
    '',
  )}/api/model_registry/v1alpha3`;
  return {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
  };
}

/** Writes the notes of an entity into its warnings annotation (when there are any). */
export function withWarnings<T extends Entity>(entity: T, notes: string[]): T {
  if (notes.length)
    entity.metadata.annotations![ANNOTATION_WARNINGS] = JSON.stringify(notes);
  return entity;
}
