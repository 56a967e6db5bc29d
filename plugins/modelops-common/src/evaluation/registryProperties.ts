/** A typed custom property to write to the Model Registry (snake_case value keys). @public */
export type MetadataValueToWrite =
  | { metadataType: 'MetadataDoubleValue'; double_value: number }
  | { metadataType: 'MetadataStringValue'; string_value: string };

const KEY = /^[a-z][a-z0-9_]*$/;

/**
 * Evaluation results as Model Registry custom properties: numbers as `MetadataDoubleValue`
 * (also whole numbers: scores and latencies are measurements, and one type per key keeps them
 * comparable across versions), strings as `MetadataStringValue`, always with the snake_case value
 * keys the registry stores. NaN, Infinity and keys outside `^[a-z][a-z0-9_]*$` are left out and
 * named in `problems`.
 * @public
 */
export function toRegistryCustomProperties(
  metrics: Record<string, number>,
  extra: Record<string, string> = {},
): { properties: Record<string, MetadataValueToWrite>; problems: string[] } {
  const properties: Record<string, MetadataValueToWrite> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    if (!KEY.test(key)) problems.push(`${key}: not a snake_case key; left out`);
    else if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${key}: ${String(value)} is not a finite number; left out`);
    else properties[key] = { metadataType: 'MetadataDoubleValue', double_value: value };
  }
  for (const [key, value] of Object.entries(extra)) {
    if (!KEY.test(key)) problems.push(`${key}: not a snake_case key; left out`);
    else properties[key] = { metadataType: 'MetadataStringValue', string_value: value };
  }
  return { properties, problems };
}
