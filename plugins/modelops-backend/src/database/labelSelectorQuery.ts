import {
  LabelSelector,
  matchesLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';
import { insertRows } from './bulkInsert';

const LABEL_COLUMNS = ['cluster', 'namespace', 'name', 'key', 'value'] as const;

/** Tables of an object history with labels in a side table keyed by cluster, namespace and name. */
export interface LabelledTables {
  table: string;
  labelTable: string;
  /** ORDER BY of the list, on columns of alias `r`. */
  order: string;
  /**
   * Keyset paging: the nullable time column the list is ordered by (newest first, rows without a
   * time first), ties broken by cluster, namespace and name. `order` must say the same.
   */
  keysetTime?: string;
}

/** Where a keyset page ends: the sort key of its last row. */
export interface KeysetPosition {
  time: string | null;
  cluster: string;
  namespace: string;
  name: string;
}

/** Options of a list: one page, and what the caller may see. */
export interface ListOptions {
  limit: number;
  offset?: number;
  /**
   * Only rows whose label `key` is absent or one of `values` (the ids of the entities the caller
   * may read); no restriction when undefined.
   */
  only?: { key: string; values: string[] };
  /** Keyset paging (tables with `keysetTime`): the rows after this position. */
  after?: KeysetPosition;
  /**
   * Count the matches only up to this many (one bounded query) instead of all of them with the
   * page; `totalCountCapped` says when there are more.
   */
  countUpTo?: number;
}

/** One page of a list. */
export interface ListPage {
  itemsJson: string[];
  /** Matches of the selector (at most `countUpTo` when given). */
  totalCount: number;
  /** More than `totalCount` match (the count stopped at `countUpTo`). */
  totalCountCapped?: boolean;
  /** Keyset paging: where the next page starts; undefined on the last page. */
  next?: KeysetPosition;
}

interface PageRow {
  compact: string;
  labels?: string;
  total?: number | string;
  k_time: string | null;
  k_cluster: string;
  k_namespace: string;
  k_name: string;
}

const positionOf = (row: PageRow): KeysetPosition => ({
  time: row.k_time,
  cluster: row.k_cluster,
  namespace: row.k_namespace,
  name: row.k_name,
});

/**
 * One page of the `compact` JSON of the rows whose labels match a selector, and the number of
 * matches. Equality and existence requirements are answered in SQL with the label table, so only
 * the page is read; other selectors are narrowed by one requirement and checked here.
 */
export async function listByLabels(
  db: Knex,
  tables: LabelledTables,
  selector: LabelSelector,
  options: ListOptions,
): Promise<ListPage> {
  const offset = options.offset ?? 0;
  const { only, after, countUpTo } = options;
  const time = tables.keysetTime;
  if (after && !time)
    throw new Error(`${tables.table} is not ordered for keyset paging`);
  const inSql = (r: LabelSelector['requirements'][number]) =>
    r.operator === 'exists' || (r.operator === 'in' && r.values.length === 1);
  const requirements = selector.requirements;
  const joined = (all: boolean) => {
    const query = db(`${tables.table} as r`);
    const used = all
      ? requirements.filter(inSql)
      : requirements.filter(inSql).slice(0, 1);
    used.forEach((requirement, index) => {
      const alias = `l${index}`;
      query.join(`${tables.labelTable} as ${alias}`, function joinLabels() {
        this.on(`${alias}.cluster`, 'r.cluster')
          .andOn(`${alias}.namespace`, 'r.namespace')
          .andOn(`${alias}.name`, 'r.name');
      });
      query.where(`${alias}.key`, requirement.key);
      if (requirement.operator === 'in')
        query.where(`${alias}.value`, requirement.values[0]);
    });
    if (only) {
      query.whereNotExists(function otherIds() {
        this.from(`${tables.labelTable} as o`)
          .whereRaw('o.cluster = r.cluster')
          .andWhereRaw('o.namespace = r.namespace')
          .andWhereRaw('o.name = r.name')
          .andWhere('o.key', only.key);
        if (only.values.length) this.whereNotIn('o.value', only.values);
      });
    }
    return query;
  };
  const keyColumns = [
    `r.${time ?? 'cluster'} as k_time`,
    'r.cluster as k_cluster',
    'r.namespace as k_namespace',
    'r.name as k_name',
  ];
  // Rows after the position in the order `time DESC NULLS FIRST, cluster, namespace, name`.
  const afterPosition = (query: Knex.QueryBuilder) => {
    if (!after || !time) return query;
    const ties = [after.cluster, after.namespace, after.name];
    const tieSql = '(r.cluster, r.namespace, r.name) > (?, ?, ?)';
    return after.time === null
      ? query.where(inner =>
          inner
            .whereRaw(`(r.${time} IS NULL AND ${tieSql})`, ties)
            .orWhereNotNull(`r.${time}`),
        )
      : query.where(inner =>
          inner
            .where(`r.${time}`, '<', after.time as string)
            .orWhereRaw(`(r.${time} = ? AND ${tieSql})`, [after.time, ...ties]),
        );
  };
  // One row more than the page says whether there is a next page.
  const pageEnd = (rows: PageRow[]) =>
    time && rows.length > options.limit
      ? positionOf(rows[options.limit - 1])
      : undefined;
  if (requirements.length > 0 && requirements.every(inSql)) {
    const rows: PageRow[] = await afterPosition(joined(true))
      .select(
        'r.compact',
        ...keyColumns,
        ...(countUpTo === undefined
          ? [db.raw('count(*) over () as total')]
          : []),
      )
      .orderByRaw(tables.order)
      .limit(options.limit + 1)
      .offset(offset);
    let totalCount = rows.length ? Number(rows[0].total) : 0;
    let totalCountCapped: boolean | undefined;
    if (countUpTo !== undefined) {
      // Bounded: reads at most countUpTo + 1 matches however many runs the entity has.
      const [{ count }]: Array<{ count: number | string }> = await db
        .count({ count: '*' })
        .from(
          joined(true)
            .select('r.name')
            .limit(countUpTo + 1)
            .as('m'),
        );
      totalCount = Math.min(Number(count), countUpTo);
      totalCountCapped = Number(count) > countUpTo;
    } else if (!rows.length && offset > 0) {
      const [{ count }] = await joined(true).count({ count: '*' });
      totalCount = Number(count);
    }
    return {
      itemsJson: rows.slice(0, options.limit).map(r => r.compact),
      totalCount,
      ...(totalCountCapped !== undefined ? { totalCountCapped } : {}),
      next: pageEnd(rows),
    };
  }
  const matches = (r: PageRow) => {
    const labels: Record<string, string> = JSON.parse(r.labels ?? '{}');
    return (
      matchesLabelSelector(selector, labels) &&
      (!only ||
        labels[only.key] === undefined ||
        only.values.includes(labels[only.key]))
    );
  };
  // Selectors SQL cannot answer: every candidate is read and checked here, so the count is exact.
  const all: PageRow[] = await joined(false)
    .select('r.compact', 'r.labels', ...keyColumns)
    .orderByRaw(tables.order);
  const totalCount = all.filter(matches).length;
  const rows: PageRow[] = after
    ? await afterPosition(joined(false))
        .select('r.compact', 'r.labels', ...keyColumns)
        .orderByRaw(tables.order)
    : all;
  const page = rows.filter(matches).slice(offset, offset + options.limit + 1);
  return {
    itemsJson: page.slice(0, options.limit).map(r => r.compact),
    totalCount,
    next: pageEnd(page),
  };
}

/** Names per label delete (102 bound values with cluster and namespace). */
const DELETE_CHUNK = 100;

/** Rewrites the label rows of the given objects inside a transaction. */
export async function replaceLabels(
  tx: Knex.Transaction,
  labelTable: string,
  objects: Array<{
    cluster: string;
    namespace: string;
    name: string;
    labels: Record<string, string>;
  }>,
): Promise<void> {
  // One statement per namespace and 100 objects, not one per object: at a full sync of
  // 1,000 runs the per-statement building and preparing cost more than the deletes.
  const byNamespace = new Map<
    string,
    { cluster: string; namespace: string; names: string[] }
  >();
  for (const o of objects) {
    const key = JSON.stringify([o.cluster, o.namespace]);
    const group = byNamespace.get(key) ?? {
      cluster: o.cluster,
      namespace: o.namespace,
      names: [],
    };
    group.names.push(o.name);
    byNamespace.set(key, group);
  }
  for (const { cluster, namespace, names } of byNamespace.values()) {
    for (let j = 0; j < names.length; j += DELETE_CHUNK) {
      await tx(labelTable)
        .where({ cluster, namespace })
        .whereIn('name', names.slice(j, j + DELETE_CHUNK))
        .delete();
    }
  }
  const rows = objects.flatMap(o =>
    Object.entries(o.labels).map(([key, value]) => ({
      cluster: o.cluster,
      namespace: o.namespace,
      name: o.name,
      key,
      value,
    })),
  );
  for (let j = 0; j < rows.length; j += 150) {
    await insertRows(tx, labelTable, LABEL_COLUMNS, rows.slice(j, j + 150));
  }
}
