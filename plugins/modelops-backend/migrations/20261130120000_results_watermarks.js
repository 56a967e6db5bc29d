// @ts-check

/**
 * Tekton Results import: per cluster, how far the archive has been read (the newest record
 * update time imported), so each import reads only what changed since.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_results_watermarks', table => {
    table.comment(
      'How far the Tekton Results archive of each cluster was imported',
    );
    table.string('cluster', 255).primary();
    table
      .string('updated_since', 40)
      .notNullable()
      .comment(
        'update_time (RFC 3339) of the newest imported PipelineRun record',
      );
    table.string('last_import_at', 40).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_results_watermarks');
};
