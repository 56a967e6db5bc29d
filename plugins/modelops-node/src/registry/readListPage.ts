import { RegistryEntity } from './ModelRegistryClient';

/** One page of a Model Registry list answer, checked. */
export interface RegistryListPage<T> {
  items: T[];
  nextPageToken: string;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}...` : text;
}

/**
 * Checks a list answer against what the Model Registry OpenAPI promises (`BaseResourceList`
 * plus `items`: `items`, `size`, `pageSize` and `nextPageToken` are required), and each item
 * against `BaseResource` (string `id` and `name`). Returns what is wrong, so that a wrong
 * base path, a proxy's `{}` or `{"items": null}` is an error and never an empty registry.
 */
export function readListPage<T extends RegistryEntity>(
  page: unknown,
): RegistryListPage<T> | { problem: string } {
  if (!page || typeof page !== 'object' || Array.isArray(page))
    return { problem: `the answer is not a list object: ${preview(page)}` };
  const { items, size, pageSize, nextPageToken } = page as Record<
    string,
    unknown
  >;
  if (!Array.isArray(items))
    return {
      problem: `"items" is ${
        items === undefined ? 'missing' : `not a list (${preview(items)})`
      }: not a Model Registry list answer`,
    };
  if (typeof size !== 'number' || typeof pageSize !== 'number')
    return {
      problem: `"size" and "pageSize" must be numbers, got ${preview({
        size,
        pageSize,
      })}`,
    };
  if (size !== items.length)
    return {
      problem: `"size" says ${size} items but the page holds ${items.length}`,
    };
  if (typeof nextPageToken !== 'string')
    return {
      problem: `"nextPageToken" must be a string, got ${preview(
        nextPageToken,
      )}`,
    };
  for (const item of items) {
    if (
      !item ||
      typeof item !== 'object' ||
      typeof (item as RegistryEntity).id !== 'string' ||
      typeof (item as RegistryEntity).name !== 'string'
    )
      return {
        problem: `an item without a string id and name: ${preview(item)}`,
      };
  }
  return { items: items as T[], nextPageToken };
}
