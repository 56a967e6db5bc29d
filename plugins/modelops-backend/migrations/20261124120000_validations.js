// @ts-check

/**
 * Notebook validation history: one row per NotebookValidationJob ever seen, kept after it is
 * deleted from the cluster, with its labels in a side table for label-selector queries.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_validation_jobs', table => {
    table.comment(
      'NotebookValidationJobs seen by the collector, kept after deletion',
    );
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('uid', 64).nullable();
    table
      .string('resource_version', 64)
      .nullable()
      .comment('Skip the write when unchanged');
    table
      .string('pod_version', 64)
      .nullable()
      .comment('resourceVersion of the validation pod read with it');
    table.string('phase', 32).notNullable();
    table.integer('wave').nullable();
    table.boolean('pruned').notNullable().defaultTo(false);
    table.string('last_seen_at', 32).notNullable();
    table.text('summary').notNullable().comment('NotebookJobSummary as JSON');
    table
      .text('compact')
      .notNullable()
      .comment('NotebookJobListItem for lists, as JSON');
    table
      .text('labels')
      .notNullable()
      .comment('Labels as JSON, for selectors SQL cannot answer');
    table.primary(['cluster', 'namespace', 'name']);
  });
  await knex.schema.createTable('modelops_validation_job_labels', table => {
    table.comment(
      'Labels of the NotebookValidationJobs, for label-selector queries',
    );
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('key', 317).notNullable();
    table.string('value', 63).notNullable();
    table.primary(['cluster', 'namespace', 'name', 'key']);
    table.index(
      ['key', 'value'],
      'modelops_validation_job_labels_key_value_idx',
    );
    table
      .foreign(['cluster', 'namespace', 'name'])
      .references(['cluster', 'namespace', 'name'])
      .inTable('modelops_validation_jobs')
      .onDelete('CASCADE');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_validation_job_labels');
  await knex.schema.dropTable('modelops_validation_jobs');
};
