import { ResultsRecord } from './types';

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}...` : text;
}

const isTime = (v: unknown): v is string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * Checks one page of `ListRecords` against what the API promises (`records` and
 * `next_page_token`, proto field names) and decodes each record's data. A page that is not
 * that (`{}`, `records: null`, a record without a name, data that is not base64 JSON) is a
 * problem, never an empty archive: an importer that took it for one would skip history.
 */
export function readRecordsPage(
  page: unknown,
): { records: ResultsRecord[]; nextPageToken?: string } | { problem: string } {
  if (!page || typeof page !== 'object' || Array.isArray(page))
    return { problem: `the answer is not a records list: ${preview(page)}` };
  const { records, next_page_token: next } = page as {
    records?: unknown;
    next_page_token?: unknown;
  };
  // The gateway omits an empty list and an empty token (proto3 defaults), so `{}` is a valid
  // empty page only when the server said nothing else; anything but an array is not.
  if (records !== undefined && !Array.isArray(records))
    return { problem: `"records" is not a list (${preview(records)})` };
  if (next !== undefined && typeof next !== 'string')
    return { problem: `"next_page_token" is not a string (${preview(next)})` };
  const out: ResultsRecord[] = [];
  for (const raw of records ?? []) {
    const r = raw as {
      name?: unknown;
      uid?: unknown;
      data?: { type?: unknown; value?: unknown };
      etag?: unknown;
      create_time?: unknown;
      update_time?: unknown;
    } | null;
    if (
      typeof r?.name !== 'string' ||
      !/^[^/]+\/results\/[^/]+\/records\/[^/]+$/.test(r.name)
    )
      return { problem: `a record has no valid name: ${preview(raw)}` };
    if (typeof r.data?.type !== 'string' || typeof r.data.value !== 'string')
      return { problem: `record ${r.name} has no data type or value` };
    if (!isTime(r.create_time) || !isTime(r.update_time))
      return { problem: `record ${r.name} has no create_time or update_time` };
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(r.data.value, 'base64').toString('utf8'));
    } catch {
      return { problem: `the data of record ${r.name} is not base64 JSON` };
    }
    if (!data || typeof data !== 'object')
      return { problem: `the data of record ${r.name} is not an object` };
    out.push({
      name: r.name,
      uid: typeof r.uid === 'string' ? r.uid : '',
      type: r.data.type,
      data,
      etag: typeof r.etag === 'string' ? r.etag : undefined,
      createTime: r.create_time,
      updateTime: r.update_time,
    });
  }
  return { records: out, nextPageToken: next || undefined };
}
