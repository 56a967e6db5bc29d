import { describeValue } from './numbers';

/** A typed custom property to write to the Model Registry (snake_case value keys). @public */
export type MetadataValueToWrite =
  | { metadataType: 'MetadataDoubleValue'; double_value: number }
  | { metadataType: 'MetadataStringValue'; string_value: string };

/** Keys the portal writes: the Model Catalog vocabulary is snake_case. */
const KEY = /^[a-z][a-z0-9_]*$/;

/**
 * Evaluation results as Model Registry custom properties, with the snake_case value keys the
 * registry stores (it answers 200 to `doubleValue` and stores nothing). Every metric is a
 * `MetadataDoubleValue`, whole numbers too: a latency of 300 ms today is 299.5 tomorrow, and
 * one type per key keeps versions comparable and sortable (`int_value` is moreover a string in
 * the API). `extra` strings (run name, tasks) are `MetadataStringValue`s. NaN, Infinity,
 * non-numbers and keys outside `^[a-z][a-z0-9_]*$` are left out and named in `problems`; an
 * `extra` key that is also a metric keeps the metric.
 * @public
 */
export function toRegistryCustomProperties(
  metrics: Record<string, number>,
  extra: Record<string, string> = {},
): { properties: Record<string, MetadataValueToWrite>; problems: string[] } {
  const properties: Record<string, MetadataValueToWrite> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(metrics ?? {})) {
    if (!KEY.test(key))
      problems.push(`${key}: not a snake_case key (a-z, 0-9, _); left out`);
    else if (typeof value !== 'number' || !Number.isFinite(value))
      problems.push(
        `${key}: ${describeValue(value)} is not a finite number; left out`,
      );
    else
      properties[key] = {
        metadataType: 'MetadataDoubleValue',
        double_value: value,
      };
  }
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (!KEY.test(key))
      problems.push(`${key}: not a snake_case key (a-z, 0-9, _); left out`);
    else if (typeof value !== 'string')
      problems.push(
        `${key}: ${describeValue(value)} is not a string; left out`,
      );
    else if (key in properties)
      problems.push(
        `${key}: both a metric and an extra value; the metric is kept`,
      );
    else
      properties[key] = {
        metadataType: 'MetadataStringValue',
        string_value: value,
      };
  }
  return { properties, problems };
}
