import { LoggerService } from '@backstage/backend-plugin-api';

/** What one pass of a {@link RunSource} did. */
export interface RunSourceStats {
  /** Runs (or archive records) read. */
  read: number;
  /** Runs written to the history. */
  written: number;
  /** Runs marked pruned (a source that never prunes says 0). */
  pruned: number;
  /** Clusters whose read failed; their history was kept as it was. */
  failedClusters: string[];
}

/**
 * A place the run history is filled from: the clusters' PipelineRuns (`RunCollector`) or an
 * archive of runs pruned from the clusters (Tekton Results, `ResultsHistoryImporter`). Each
 * writes to the same `RunStore`; the plugin schedules every source's pass as a global task
 * (one replica at a time) and logs what it did.
 */
export interface RunSource {
  /** The scheduler task's id: stable, the task's lock is keyed by it. */
  readonly taskId: string;
  /** What a pass is called in the logs ("collected runs"). */
  readonly description: string;
  /** One pass: reads what changed since the last and writes it. Never throws for a cluster's failure. */
  syncOnce(): Promise<RunSourceStats>;
}

/** One pass of a source, logged when it changed something or a cluster failed. */
export async function syncAndLog(
  source: RunSource,
  logger: LoggerService,
): Promise<RunSourceStats> {
  const stats = await source.syncOnce();
  if (stats.written || stats.pruned || stats.failedClusters.length)
    logger.info(
      `${source.description}: ${stats.read} read, ${stats.written} written, ${
        stats.pruned
      } pruned${
        stats.failedClusters.length
          ? `, failed clusters: ${stats.failedClusters.join(', ')}`
          : ''
      }`,
    );
  return stats;
}
