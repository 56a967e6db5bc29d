// @ts-check

/**
 * The runs list reads pages newest first by (started_at DESC NULLS FIRST, cluster, namespace,
 * name) with keyset paging: an index in that order lets a page be read without sorting every run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'CREATE INDEX modelops_runs_newest_idx ON modelops_runs (started_at DESC, cluster, namespace, name)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX modelops_runs_newest_idx');
};
