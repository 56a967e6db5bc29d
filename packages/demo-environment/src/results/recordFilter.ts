/**
 * The subset of the CEL filters of Tekton Results that the loopback server answers, per
 * https://github.com/tektoncd/results/blob/main/docs/api/README.md#filtering: terms joined
 * by `&&`, each one of
 * - `data_type == "tekton.dev/v1.PipelineRun"` (or the `PIPELINE_RUN` / `TASK_RUN` aliases),
 * - `data.metadata.<field> == "value"` and `data.metadata.labels["key"] == "value"`,
 * - `create_time > timestamp("RFC 3339")` (also `>=`, `<`, `<=`, and `update_time`).
 * Anything else is refused with the reason, as the real server refuses a filter it cannot
 * compile (gRPC InvalidArgument, HTTP 400).
 */

/** A stored record as the filter sees it. */
export interface FilterableRecord {
  dataType: string;
  data: { metadata?: Record<string, unknown> };
  createTime: string;
  updateTime: string;
}

/** A filter the loopback server cannot compile. */
export class FilterError extends Error {}

const TYPE_ALIASES: Record<string, string[]> = {
  PIPELINE_RUN: ['tekton.dev/v1.PipelineRun', 'tekton.dev/v1beta1.PipelineRun'],
  TASK_RUN: ['tekton.dev/v1.TaskRun', 'tekton.dev/v1beta1.TaskRun'],
};

const STRING = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')`;
const TYPE_TERM = new RegExp(
  String.raw`^data_type\s*==\s*(?:${STRING}|(PIPELINE_RUN|TASK_RUN))$`,
);
const LABEL_TERM = new RegExp(
  String.raw`^data\.metadata\.(labels|annotations)\[\s*${STRING}\s*\]\s*==\s*${STRING}$`,
);
const FIELD_TERM = new RegExp(
  String.raw`^data\.metadata\.(name|namespace|uid)\s*==\s*${STRING}$`,
);
const TIME_TERM = new RegExp(
  String.raw`^(create_time|update_time)\s*(>=|<=|>|<)\s*timestamp\(\s*${STRING}\s*\)$`,
);

const unquote = (double?: string, single?: string) =>
  (double ?? single ?? '').replace(/\\(.)/g, '$1');

/** Splits on `&&` outside string literals. */
function splitTerms(filter: string): string[] {
  const terms: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '&' && filter[i + 1] === '&') {
      terms.push(filter.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  if (quote) throw new FilterError(`unterminated string in filter: ${filter}`);
  terms.push(filter.slice(start).trim());
  return terms;
}

function compileTerm(term: string): (r: FilterableRecord) => boolean {
  let m = TYPE_TERM.exec(term);
  if (m) {
    const wanted = m[3] ? TYPE_ALIASES[m[3]] : [unquote(m[1], m[2])];
    return r => wanted.includes(r.dataType);
  }
  m = LABEL_TERM.exec(term);
  if (m) {
    const [, map, kd, ks, vd, vs] = m;
    const key = unquote(kd, ks);
    const value = unquote(vd, vs);
    return r =>
      (r.data.metadata?.[map] as Record<string, string> | undefined)?.[key] ===
      value;
  }
  m = FIELD_TERM.exec(term);
  if (m) {
    const [, field, vd, vs] = m;
    const value = unquote(vd, vs);
    return r => r.data.metadata?.[field] === value;
  }
  m = TIME_TERM.exec(term);
  if (m) {
    const [, field, op, td, ts] = m;
    const at = Date.parse(unquote(td, ts));
    if (Number.isNaN(at))
      throw new FilterError(`not an RFC 3339 timestamp in: ${term}`);
    return r => {
      const t = Date.parse(
        field === 'create_time' ? r.createTime : r.updateTime,
      );
      if (op === '>') return t > at;
      if (op === '>=') return t >= at;
      if (op === '<') return t < at;
      return t <= at;
    };
  }
  throw new FilterError(
    `the loopback Results server does not understand the filter term "${term}"`,
  );
}

/** Compiles a filter; an empty one matches every record. Throws {@link FilterError}. */
export function compileRecordFilter(
  filter: string,
): (r: FilterableRecord) => boolean {
  if (filter.trim() === '') return () => true;
  const terms = splitTerms(filter).map(compileTerm);
  return r => terms.every(t => t(r));
}
