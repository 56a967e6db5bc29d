import { Knex } from 'knex';

/** How far each cluster's Tekton Results archive has been imported (table `modelops_results_watermarks`). */
export class ResultsWatermarkStore {
  constructor(private readonly db: Knex) {}

  /** The update time of the newest imported PipelineRun record, or undefined before the first import. */
  async get(cluster: string): Promise<string | undefined> {
    const row = await this.db('modelops_results_watermarks')
      .where({ cluster })
      .first();
    return row?.updated_since ?? undefined;
  }

  async set(cluster: string, updatedSince: string, at: string): Promise<void> {
    await this.db('modelops_results_watermarks')
      .insert({ cluster, updated_since: updatedSince, last_import_at: at })
      .onConflict('cluster')
      .merge();
  }
}
