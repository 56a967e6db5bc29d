// @ts-check

/**
 * Run history of the ModelOps backend: one row per PipelineRun ever seen, kept after the
 * cluster prunes it, with its labels in a side table for label-selector queries.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_runs', table => {
    table.comment('PipelineRuns seen by the collector, kept after pruning');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('uid', 64).nullable();
    table
      .string('resource_version', 64)
      .nullable()
      .comment('Skip the write when unchanged');
    table.string('pipeline_name', 255).nullable();
    table.string('status', 32).notNullable();
    table.string('diagnosis_code', 64).nullable();
    table
      .string('started_at', 32)
      .nullable()
      .comment('ISO time; the list is ordered by it');
    table.boolean('pruned').notNullable().defaultTo(false);
    table.string('last_seen_at', 32).notNullable();
    table.text('summary').notNullable().comment('PipelineRunSummary as JSON');
    table
      .text('compact')
      .notNullable()
      .comment('RunListItem for lists, as JSON');
    table
      .text('labels')
      .notNullable()
      .comment('Labels of the run as JSON, for selectors SQL cannot answer');
    table.primary(['cluster', 'namespace', 'name']);
    table.index(['started_at'], 'modelops_runs_started_at_idx');
  });
  await knex.schema.createTable('modelops_run_labels', table => {
    table.comment('Labels of the runs, for label-selector queries');
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('key', 317).notNullable();
    table.string('value', 63).notNullable();
    table.primary(['cluster', 'namespace', 'name', 'key']);
    table.index(['key', 'value'], 'modelops_run_labels_key_value_idx');
    table
      .foreign(['cluster', 'namespace', 'name'])
      .references(['cluster', 'namespace', 'name'])
      .inTable('modelops_runs')
      .onDelete('CASCADE');
  });
  await knex.schema.createTable('modelops_cluster_status', table => {
    table.comment('Outcome of the last collection per cluster');
    table.string('cluster', 255).primary();
    table.string('state', 32).notNullable();
    table.text('message').nullable();
    table.string('last_success_at', 32).nullable();
    table.string('last_attempt_at', 32).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_run_labels');
  await knex.schema.dropTable('modelops_runs');
  await knex.schema.dropTable('modelops_cluster_status');
};
