import {
  ClusterReadStatus,
  LabelSelector,
  NotebookJobListItem,
  NotebookJobSummary,
  toNotebookJobListItem,
} from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';
import { clusterStatusTable } from './clusterStatusTable';
import { listByLabels, ListOptions, replaceLabels } from './labelSelectorQuery';
import { RunKey } from './RunStore';

interface JobRow {
  cluster: string;
  namespace: string;
  name: string;
  uid: string | null;
  resource_version: string | null;
  pod_version: string | null;
  pruned: boolean | number;
  summary: string;
}

const TABLES = {
  table: 'modelops_validation_jobs',
  labelTable: 'modelops_validation_job_labels',
  // Wave order, then name: the wave board's order. Jobs without a wave come last.
  order: '(r.wave IS NULL) ASC, r.wave ASC, r.name ASC',
};
const CHUNK = 50;
const keyOf = (k: RunKey) => `${k.cluster}/${k.namespace}/${k.name}`;
const VERSION_COLUMNS = [
  'cluster',
  'namespace',
  'name',
  'uid',
  'resource_version',
  'pod_version',
  'pruned',
];
const STATUS_TABLE = 'modelops_validation_cluster_status';

/** What the collector compares to decide whether a job changed. */
export interface StoredJobVersion {
  uid?: string;
  resourceVersion?: string;
  podVersion?: string;
  pruned: boolean;
}

function toVersions(rows: JobRow[]): Map<string, StoredJobVersion> {
  return new Map(
    rows.map(r => [
      keyOf(r),
      {
        uid: r.uid ?? undefined,
        resourceVersion: r.resource_version ?? undefined,
        podVersion: r.pod_version ?? undefined,
        pruned: Boolean(r.pruned),
      },
    ]),
  );
}

/**
 * Notebook validation history: a summary of every NotebookValidationJob the collector has seen,
 * kept (marked pruned) after the job is deleted from the cluster. Uses the plugin's database,
 * migrated with the run history (see `RunStore.migrate`).
 */
export class ValidationStore {
  /** Number of row writes since creation. */
  writes = 0;

  private readonly statuses;

  constructor(private readonly db: Knex) {
    this.statuses = clusterStatusTable(db, STATUS_TABLE);
  }

  /** What is stored of every job of a cluster, keyed `cluster/namespace/name`. */
  async versions(cluster: string): Promise<Map<string, StoredJobVersion>> {
    return toVersions(
      await this.db<JobRow>(TABLES.table)
        .where({ cluster })
        .select(VERSION_COLUMNS),
    );
  }

  /** {@link ValidationStore.versions} of some jobs only (the ones a watch saw change). */
  async versionsOf(
    cluster: string,
    jobs: Array<{ namespace: string; name: string }>,
  ): Promise<Map<string, StoredJobVersion>> {
    const rows: JobRow[] = [];
    for (let i = 0; i < jobs.length; i += CHUNK) {
      const chunk = jobs.slice(i, i + CHUNK);
      const found: JobRow[] = await this.db<JobRow>(TABLES.table)
        .where({ cluster })
        .whereIn(
          ['namespace', 'name'],
          chunk.map(j => [j.namespace, j.name]),
        )
        .select(VERSION_COLUMNS);
      rows.push(...found);
    }
    return toVersions(rows);
  }

  /** Inserts or replaces jobs and their labels in one transaction. */
  async upsert(
    jobs: Array<{ summary: NotebookJobSummary; podVersion?: string }>,
    seenAt: string,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < jobs.length; i += CHUNK) {
        const chunk = jobs.slice(i, i + CHUNK);
        const rows = chunk.map(({ summary, podVersion }) => {
          const stored: NotebookJobSummary = {
            ...summary,
            pruned: false,
            lastSeenAt: seenAt,
          };
          return {
            cluster: summary.cluster,
            namespace: summary.namespace,
            name: summary.name,
            uid: summary.uid ?? null,
            resource_version: summary.resourceVersion ?? null,
            pod_version: podVersion ?? null,
            phase: summary.phase,
            wave: summary.wave ?? null,
            pruned: false,
            last_seen_at: seenAt,
            summary: JSON.stringify(stored),
            compact: JSON.stringify(toNotebookJobListItem(stored)),
            labels: JSON.stringify(summary.labels),
          };
        });
        await tx(TABLES.table)
          .insert(rows)
          .onConflict(['cluster', 'namespace', 'name'])
          .merge();
        await replaceLabels(
          tx,
          TABLES.labelTable,
          chunk.map(j => j.summary),
        );
        this.writes += chunk.length;
      }
    });
  }

  /** Marks jobs gone from the cluster; their history stays. Returns how many changed. */
  async markPruned(keys: RunKey[]): Promise<number> {
    let changed = 0;
    for (const key of keys) {
      const row = await this.db<JobRow>(TABLES.table).where(key).first();
      if (!row || row.pruned) continue;
      const summary = {
        ...(JSON.parse(row.summary) as NotebookJobSummary),
        pruned: true,
      };
      await this.db(TABLES.table)
        .where(key)
        .update({
          pruned: true,
          summary: JSON.stringify(summary),
          compact: JSON.stringify(toNotebookJobListItem(summary)),
        });
      changed++;
    }
    this.writes += changed;
    return changed;
  }

  /** Jobs matching a label selector in wave order, one page. */
  async list(
    selector: LabelSelector,
    options: ListOptions,
  ): Promise<{ items: NotebookJobListItem[]; totalCount: number }> {
    const { itemsJson, totalCount } = await this.listJson(selector, options);
    return {
      items: itemsJson.map(i => JSON.parse(i) as NotebookJobListItem),
      totalCount,
    };
  }

  listJson(selector: LabelSelector, options: ListOptions) {
    return listByLabels(this.db, TABLES, selector, options);
  }

  async get(key: RunKey): Promise<NotebookJobSummary | undefined> {
    const row = await this.db<JobRow>(TABLES.table).where(key).first();
    return row ? (JSON.parse(row.summary) as NotebookJobSummary) : undefined;
  }

  /** Records how the last read of a cluster's NotebookValidationJobs went. */
  setClusterStatus(status: ClusterReadStatus): Promise<void> {
    return this.statuses.set(status);
  }

  clusterStatuses(): Promise<ClusterReadStatus[]> {
    return this.statuses.all();
  }
}
