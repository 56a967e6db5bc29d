import { KubernetesObject } from './types';

/** One page of a Kubernetes list answer, checked. */
export interface ListPage<T> {
  items: T[];
  continueToken?: string;
  resourceVersion?: string;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}...` : text;
}

/**
 * Checks a list answer against what the Kubernetes API promises: a `<Kind>List` object with
 * an `items` array of objects that each have `metadata.name` and `metadata.namespace` (every
 * resource the plugins list is namespaced). `{}`, `{"items": null}` or a proxy's own JSON is
 * an error, never an empty cluster: collectors and providers prune on what a list lacks.
 */
export function readListAnswer<T extends KubernetesObject>(
  page: unknown,
): ListPage<T> | { problem: string } {
  if (!page || typeof page !== 'object' || Array.isArray(page))
    return { problem: `the answer is not a list object: ${preview(page)}` };
  const { kind, items, metadata } = page as {
    kind?: unknown;
    items?: unknown;
    metadata?: { continue?: unknown; resourceVersion?: unknown };
  };
  if (typeof kind !== 'string' || !kind.endsWith('List'))
    return {
      problem: `the answer's kind is ${preview(
        kind,
      )}, not a Kubernetes list (<Kind>List)`,
    };
  if (!Array.isArray(items))
    return {
      problem: `"items" is ${
        items === undefined ? 'missing' : `not a list (${preview(items)})`
      }`,
    };
  for (const item of items) {
    const meta = (item as KubernetesObject | null)?.metadata;
    if (
      typeof meta?.name !== 'string' ||
      !meta.name ||
      typeof meta.namespace !== 'string' ||
      !meta.namespace
    )
      return {
        problem: `an item without metadata.name and metadata.namespace: ${preview(
          item,
        )}`,
      };
  }
  const token = metadata?.continue;
  if (token !== undefined && typeof token !== 'string')
    return { problem: `metadata.continue is not a string: ${preview(token)}` };
  const rv = metadata?.resourceVersion;
  return {
    items: items as T[],
    continueToken: token || undefined,
    resourceVersion: typeof rv === 'string' ? rv : undefined,
  };
}
