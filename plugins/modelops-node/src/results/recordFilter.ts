import { RESULTS_RECORD_TYPES } from './types';

/** A CEL string literal. */
const literal = (value: string) => JSON.stringify(value);

/**
 * A CEL filter for Records, the subset documented by Tekton Results
 * (https://github.com/tektoncd/results/blob/main/docs/api/README.md#filtering): the data
 * type, label equalities and a creation time bound, joined by `&&`.
 * @public
 */
export function recordFilter(query: {
  type?: keyof typeof RESULTS_RECORD_TYPES;
  /** `metadata.name` of the run. */
  name?: string;
  labels?: Record<string, string>;
  /** Only records created after this time (exclusive), RFC 3339. */
  createdAfter?: string;
  /** Only records updated at or after this time (inclusive, so equal times are not lost), RFC 3339. */
  updatedSince?: string;
}): string {
  const terms: string[] = [];
  if (query.type)
    terms.push(`data_type == ${literal(RESULTS_RECORD_TYPES[query.type])}`);
  if (query.name !== undefined)
    terms.push(`data.metadata.name == ${literal(query.name)}`);
  for (const [key, value] of Object.entries(query.labels ?? {}))
    terms.push(`data.metadata.labels[${literal(key)}] == ${literal(value)}`);
  if (query.createdAfter)
    terms.push(`create_time > timestamp(${literal(query.createdAfter)})`);
  if (query.updatedSince)
    terms.push(`update_time >= timestamp(${literal(query.updatedSince)})`);
  return terms.join(' && ');
}
