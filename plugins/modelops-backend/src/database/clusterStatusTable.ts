import { ClusterReadStatus } from '@private-ai/plugin-modelops-common';
import { Knex } from 'knex';

/**
 * Reads and writes a table of cluster read statuses (one row per cluster: `state`, `message`,
 * `last_success_at`, `last_attempt_at`); the run and the validation history each have one.
 */
export function clusterStatusTable(db: Knex, table: string) {
  return {
    async set(status: ClusterReadStatus): Promise<void> {
      await db(table)
        .insert({
          cluster: status.cluster,
          state: status.state,
          message: status.message ?? null,
          last_success_at: status.lastSuccessAt ?? null,
          last_attempt_at: status.lastAttemptAt ?? null,
        })
        .onConflict('cluster')
        .merge();
    },
    async all(): Promise<ClusterReadStatus[]> {
      const rows = await db(table).select();
      return rows.map(r => ({
        cluster: r.cluster,
        state: r.state,
        message: r.message ?? undefined,
        lastSuccessAt: r.last_success_at ?? undefined,
        lastAttemptAt: r.last_attempt_at ?? undefined,
      }));
    },
  };
}

/** The status of each configured cluster, `never-collected` for one without a row yet. */
export function statusOfEachCluster(
  clusters: Iterable<string>,
  statuses: ClusterReadStatus[],
): ClusterReadStatus[] {
  return [...clusters].map(
    cluster =>
      statuses.find(s => s.cluster === cluster) ?? {
        cluster,
        state: 'never-collected',
      },
  );
}
