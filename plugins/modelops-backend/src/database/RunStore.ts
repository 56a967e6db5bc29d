import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ClusterReadStatus,
  Diagnosis,
  LabelSelector,
  PipelineRunSummary,
  RunListItem,
  toRunListItem,
} from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';
import { insertRows } from './bulkInsert';
import { clusterStatusTable } from './clusterStatusTable';
import {
  listByLabels,
  ListOptions,
  ListPage,
  replaceLabels,
} from './labelSelectorQuery';

const migrationsDir = resolvePackagePath(
  '@private-ai/plugin-modelops-backend',
  'migrations',
);

/** Identity of a run. */
export interface RunKey {
  cluster: string;
  namespace: string;
  name: string;
}

interface RunRow {
  cluster: string;
  namespace: string;
  name: string;
  resource_version: string | null;
  pruned: boolean | number;
  summary: string;
  compact: string;
  labels: string;
  started_at: string | null;
}

const RUN_TABLES = {
  table: 'modelops_runs',
  labelTable: 'modelops_run_labels',
  // The same order as the index modelops_runs_newest_idx, so a page is read from the index.
  order:
    'r.started_at DESC NULLS FIRST, r.cluster ASC, r.namespace ASC, r.name ASC',
  keysetTime: 'started_at',
};

/** Runs counted per list at most: the count stays cheap however long an entity's history is. */
export const RUN_COUNT_CAP = 1000;

const keyOf = (k: RunKey) => `${k.cluster}/${k.namespace}/${k.name}`;

/**
 * True when `candidate` is a later resourceVersion than `known`. Kubernetes says they are
 * opaque, but etcd's are increasing integers; anything else counts as newer, so an archive
 * can still fill a run whose version cannot be compared.
 */
function isNewerVersion(
  candidate: string | undefined,
  known: string | null,
): boolean {
  if (!candidate || !known) return true;
  if (/^\d+$/.test(candidate) && /^\d+$/.test(known))
    return BigInt(candidate) > BigInt(known);
  return candidate !== known;
}
/** The columns `runRow` fills, and the key of a run. */
const RUN_COLUMNS = [
  'cluster',
  'namespace',
  'name',
  'uid',
  'resource_version',
  'pipeline_name',
  'status',
  'diagnosis_code',
  'started_at',
  'pruned',
  'last_seen_at',
  'summary',
  'compact',
  'labels',
] as const;
const RUN_KEY = ['cluster', 'namespace', 'name'] as const;
type RunColumn = (typeof RUN_COLUMNS)[number];

/**
 * The `modelops_runs` row of a summary; `summaryLastSeenAt` is what the stored summary says
 * (an archive keeps the run's own when the history never saw it).
 */
function runRow(
  s: PipelineRunSummary,
  pruned: boolean,
  lastSeenAt: string,
  summaryLastSeenAt: string | undefined,
): Record<RunColumn, unknown> {
  const stored: PipelineRunSummary = {
    ...s,
    pruned,
    lastSeenAt: summaryLastSeenAt,
  };
  return {
    cluster: s.cluster,
    namespace: s.namespace,
    name: s.name,
    uid: s.uid ?? null,
    resource_version: s.resourceVersion ?? null,
    pipeline_name: s.pipelineName ?? null,
    status: s.status,
    diagnosis_code: s.diagnosis?.code ?? null,
    started_at: s.startedAt ?? s.createdAt ?? null,
    pruned,
    last_seen_at: lastSeenAt,
    summary: JSON.stringify(stored),
    compact: JSON.stringify(toRunListItem(stored)),
    labels: JSON.stringify(s.labels),
  };
}
/** Largest number of rows per insert statement (SQLite allows 999 bound variables). */
const CHUNK = 50;

/**
 * The run history: summaries of every PipelineRun the collector has seen, with their labels
 * for label-selector queries, and the outcome of the last collection per cluster.
 */
export class RunStore {
  static async create(database: DatabaseService): Promise<RunStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await RunStore.migrate(client);
    }
    return new RunStore(client);
  }

  static async migrate(knex: Knex): Promise<void> {
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'modelops_knex_migrations',
    });
  }

  /** Number of row writes since creation (inserts, updates and label rewrites count once per run). */
  writes = 0;

  private readonly statuses;

  constructor(private readonly db: Knex) {
    this.statuses = clusterStatusTable(db, 'modelops_cluster_status');
  }

  /** resourceVersion and pruned flag of every stored run of a cluster, keyed `cluster/ns/name`. */
  async versions(
    cluster: string,
  ): Promise<
    Map<string, { uid?: string; resourceVersion?: string; pruned: boolean }>
  > {
    const rows = await this.db<RunRow & { uid: string | null }>('modelops_runs')
      .where({ cluster })
      .select(
        'cluster',
        'namespace',
        'name',
        'uid',
        'resource_version',
        'pruned',
      );
    return new Map(
      rows.map(r => [
        keyOf(r),
        {
          uid: r.uid ?? undefined,
          resourceVersion: r.resource_version ?? undefined,
          pruned: Boolean(r.pruned),
        },
      ]),
    );
  }

  /** Inserts or replaces runs and their labels, in one transaction. */
  async upsert(summaries: PipelineRunSummary[], seenAt: string): Promise<void> {
    if (summaries.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < summaries.length; i += CHUNK) {
        // A turn for the event loop between chunks: 500 runs are about 30 ms of work.
        if (i > 0) await nextTurn();
        const chunk = summaries.slice(i, i + CHUNK);
        const rows = chunk.map(s => runRow(s, false, seenAt, seenAt));
        await insertRows(tx, 'modelops_runs', RUN_COLUMNS, rows, RUN_KEY);
        await replaceLabels(tx, 'modelops_run_labels', chunk);
        this.writes += chunk.length;
      }
    });
  }

  /**
   * Writes runs read from an archive (Tekton Results) as pruned history, in one transaction,
   * except where the store knows better: a run the live collector sees (not pruned), or the
   * same run (uid) at a resourceVersion at least as new. Returns the runs written.
   */
  async upsertArchived(
    summaries: PipelineRunSummary[],
    seenAt: string,
  ): Promise<PipelineRunSummary[]> {
    if (summaries.length === 0) return [];
    const written: PipelineRunSummary[] = [];
    await this.db.transaction(async tx => {
      for (let i = 0; i < summaries.length; i += CHUNK) {
        const chunk = summaries.slice(i, i + CHUNK);
        const existing = new Map<
          string,
          {
            uid: string | null;
            resource_version: string | null;
            pruned: boolean | number;
            last_seen_at: string | null;
          }
        >();
        const rows = await tx('modelops_runs')
          .where(q => {
            for (const s of chunk)
              q.orWhere({
                cluster: s.cluster,
                namespace: s.namespace,
                name: s.name,
              });
          })
          .select(
            'cluster',
            'namespace',
            'name',
            'uid',
            'resource_version',
            'pruned',
            'last_seen_at',
          );
        for (const r of rows) existing.set(keyOf(r), r);
        const newer = chunk.filter(s => {
          const known = existing.get(keyOf(s));
          if (!known) return true;
          if (!known.pruned) return false;
          if (known.uid !== (s.uid ?? null)) return true;
          return isNewerVersion(s.resourceVersion, known.resource_version);
        });
        if (newer.length === 0) continue;
        await insertRows(
          tx,
          'modelops_runs',
          RUN_COLUMNS,
          newer.map(s =>
            runRow(
              s,
              true,
              existing.get(keyOf(s))?.last_seen_at ?? seenAt,
              existing.get(keyOf(s))?.last_seen_at ?? s.lastSeenAt,
            ),
          ),
          RUN_KEY,
        );
        await replaceLabels(tx, 'modelops_run_labels', newer);
        this.writes += newer.length;
        written.push(...newer);
      }
    });
    return written;
  }

  /** Marks runs as pruned (gone from the cluster); their history stays. Returns how many changed. */
  async markPruned(keys: RunKey[]): Promise<number> {
    let changed = 0;
    await this.db.transaction(async tx => {
      for (const key of keys) {
        const row = await tx<RunRow>('modelops_runs').where(key).first();
        if (!row || row.pruned) continue;
        const summary = {
          ...(JSON.parse(row.summary) as PipelineRunSummary),
          pruned: true,
        };
        await tx('modelops_runs')
          .where(key)
          .update({
            pruned: true,
            summary: JSON.stringify(summary),
            compact: JSON.stringify(toRunListItem(summary)),
          });
        changed++;
      }
    });
    this.writes += changed;
    return changed;
  }

  /**
   * Runs matching a label selector, newest first (runs not started yet first), one page: by
   * `offset`, or after a position (`after`, keyset paging, the `next` of the previous page).
   * Equality and existence requirements are answered in SQL with the label table, so only
   * the page is read; other selectors are narrowed by one requirement and checked here. The
   * count stops at {@link RUN_COUNT_CAP}.
   */
  async list(
    selector: LabelSelector,
    options: ListOptions,
  ): Promise<Omit<ListPage, 'itemsJson'> & { items: RunListItem[] }> {
    const { itemsJson, ...rest } = await this.listJson(selector, options);
    return {
      items: itemsJson.map(item => JSON.parse(item) as RunListItem),
      ...rest,
    };
  }

  /** {@link RunStore.list} with the items as stored JSON text, for routes that pass them through. */
  listJson(selector: LabelSelector, options: ListOptions): Promise<ListPage> {
    return listByLabels(this.db, RUN_TABLES, selector, {
      countUpTo: RUN_COUNT_CAP,
      ...options,
    });
  }

  /**
   * Replaces the diagnosis of a run, only while the history holds the run at `resourceVersion`
   * (a newer summary has its own diagnosis). Returns the summary written, or undefined.
   */
  async replaceDiagnosis(
    key: RunKey,
    resourceVersion: string | undefined,
    diagnosis: Diagnosis | undefined,
  ): Promise<PipelineRunSummary | undefined> {
    return this.db.transaction(async tx => {
      const row = await tx<RunRow>('modelops_runs')
        .where({ ...key, resource_version: resourceVersion ?? null })
        .first();
      if (!row) return undefined;
      const summary: PipelineRunSummary = {
        ...(JSON.parse(row.summary) as PipelineRunSummary),
        diagnosis,
      };
      await tx('modelops_runs')
        .where(key)
        .update({
          diagnosis_code: diagnosis?.code ?? null,
          summary: JSON.stringify(summary),
          compact: JSON.stringify(toRunListItem(summary)),
        });
      this.writes += 1;
      return summary;
    });
  }

  /**
   * Moves a stored run to a newer resourceVersion whose summary is the same (only fields the
   * summary does not read changed, as an annotation); `from` is the version the caller knows
   * the summary of. False when the store holds another version (or none), or a diagnosis still
   * waiting for its logs (a background read would no longer find its version): then the caller
   * summarizes the run.
   */
  async advanceVersion(
    key: RunKey,
    from: string,
    to: string,
    seenAt: string,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await tx<RunRow>('modelops_runs')
        .where({ ...key, resource_version: from })
        .first();
      if (!row || Boolean(row.pruned)) return false;
      const stored = JSON.parse(row.summary) as PipelineRunSummary;
      if (stored.diagnosis?.logsNotRead) return false;
      const summary: PipelineRunSummary = {
        ...stored,
        resourceVersion: to,
        lastSeenAt: seenAt,
      };
      await tx('modelops_runs')
        .where(key)
        .update({
          resource_version: to,
          last_seen_at: seenAt,
          summary: JSON.stringify(summary),
          compact: JSON.stringify(toRunListItem(summary)),
        });
      this.writes += 1;
      return true;
    });
  }

  async get(key: RunKey): Promise<PipelineRunSummary | undefined> {
    const row = await this.db<RunRow>('modelops_runs').where(key).first();
    return row ? (JSON.parse(row.summary) as PipelineRunSummary) : undefined;
  }

  /** Records how the last read of a cluster's runs went. */
  setClusterStatus(status: ClusterReadStatus): Promise<void> {
    return this.statuses.set(status);
  }

  clusterStatuses(): Promise<ClusterReadStatus[]> {
    return this.statuses.all();
  }
}
