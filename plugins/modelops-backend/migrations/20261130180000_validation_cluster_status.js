// @ts-check

/**
 * The outcome of the last read of each cluster's NotebookValidationJobs, apart from the runs'
 * (`modelops_cluster_status`): a cluster can serve PipelineRuns and refuse the validation jobs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_validation_cluster_status', table => {
    table.comment(
      'Outcome of the last read of NotebookValidationJobs per cluster',
    );
    table.string('cluster', 255).primary();
    table.string('state', 32).notNullable();
    table.text('message').nullable();
    table.string('last_success_at', 32).nullable();
    table.string('last_attempt_at', 32).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_validation_cluster_status');
};
