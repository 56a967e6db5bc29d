import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { insertRows } from './bulkInsert';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())('insertRows on %p', databaseId => {
  it('inserts, replaces on the key, binds every value, and reuses statements across row counts', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.schema.createTable('bulk_test', table => {
      table.string('k1').notNullable();
      table.string('k2').notNullable();
      table.text('v').nullable();
      table.boolean('flag').notNullable();
      table.primary(['k1', 'k2']);
    });
    const columns = ['k1', 'k2', 'v', 'flag'] as const;
    const key = ['k1', 'k2'] as const;
    await insertRows(
      knex,
      'bulk_test',
      columns,
      [
        { k1: 'a', k2: '1', v: "it's; drop table bulk_test --", flag: true },
        { k1: 'a', k2: '2', v: undefined, flag: false },
      ],
      key,
    );
    // Same row count (the cached statement), one row replaced, one new.
    await insertRows(
      knex,
      'bulk_test',
      columns,
      [
        { k1: 'a', k2: '2', v: 'second', flag: true },
        { k1: 'b', k2: '1', v: null, flag: false },
      ],
      key,
    );
    // Another row count, and a plain insert whose key exists fails (no silent replace).
    await insertRows(
      knex,
      'bulk_test',
      columns,
      [{ k1: 'c', k2: '1', v: 'x', flag: false }],
      key,
    );
    // (The driver's error may come from outside Jest's realm: compared as text.)
    const duplicate = await insertRows(knex, 'bulk_test', columns, [
      { k1: 'c', k2: '1', v: 'y', flag: true },
    ]).then(
      () => 'no error',
      error => String(error),
    );
    expect(duplicate).toMatch(/unique|duplicate/i);
    await insertRows(knex, 'bulk_test', columns, []);

    const rows = await knex('bulk_test').orderBy(['k1', 'k2']);
    expect(rows.map(r => ({ ...r, flag: Boolean(r.flag) }))).toEqual([
      { k1: 'a', k2: '1', v: "it's; drop table bulk_test --", flag: true },
      { k1: 'a', k2: '2', v: 'second', flag: true },
      { k1: 'b', k2: '1', v: null, flag: false },
      { k1: 'c', k2: '1', v: 'x', flag: false },
    ]);
    await knex.destroy();
  });
});
