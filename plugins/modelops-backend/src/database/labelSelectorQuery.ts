import {
  LabelSelector,
  matchesLabelSelector,
} from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';

/** Tables of an object history with labels in a side table keyed by cluster, namespace and name. */
export interface LabelledTables {
  table: string;
  labelTable: string;
  /** ORDER BY of the list, on columns of alias `r`. */
  order: string;
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
}

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
): Promise<{ itemsJson: string[]; totalCount: number }> {
  const offset = options.offset ?? 0;
  const { only } = options;
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
  if (requirements.length > 0 && requirements.every(inSql)) {
    const rows: Array<{ compact: string; total: number | string }> =
      await joined(true)
        .select('r.compact', db.raw('count(*) over () as total'))
        .orderByRaw(tables.order)
        .limit(options.limit)
        .offset(offset);
    let totalCount = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && offset > 0) {
      const [{ count }] = await joined(true).count({ count: '*' });
      totalCount = Number(count);
    }
    return { itemsJson: rows.map(r => r.compact), totalCount };
  }
  const rows: Array<{ compact: string; labels: string }> = await joined(false)
    .select('r.compact', 'r.labels')
    .orderByRaw(tables.order);
  const matching = rows.filter(r => {
    const labels: Record<string, string> = JSON.parse(r.labels);
    return (
      matchesLabelSelector(selector, labels) &&
      (!only ||
        labels[only.key] === undefined ||
        only.values.includes(labels[only.key]))
    );
  });
  return {
    itemsJson: matching
      .slice(offset, offset + options.limit)
      .map(r => r.compact),
    totalCount: matching.length,
  };
}

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
  for (const o of objects) {
    await tx(labelTable)
      .where({ cluster: o.cluster, namespace: o.namespace, name: o.name })
      .delete();
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
    await tx(labelTable).insert(rows.slice(j, j + 150));
  }
}
