/*
 * Leader failover after a crash (issue 15): two replica processes (failoverReplica.ts) share
 * one PostgreSQL database; the leader is killed with SIGKILL in the middle of a watch slice,
 * and the time until the other replica starts watching is measured, BENCH_FAILOVERS times.
 * Needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (creates and drops its own
 * database). Run with `yarn workspace @private-ai/bench bench:failover`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import knexFactory from 'knex';

const FAILOVERS = Number(process.env.BENCH_FAILOVERS ?? 3);
const TIMEOUT_SECONDS = Number(process.env.BENCH_LOCK_TIMEOUT ?? 30);
const BASE = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const DATABASE = 'modelops_failover_bench';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function replica(name: string, connection: string) {
  const slices: number[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'failoverReplica.ts',
      name,
      connection,
      String(TIMEOUT_SECONDS),
    ],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.stdout!.on('data', (data: Buffer) => {
    for (const line of data.toString().split('\n')) {
      const [word, who, at] = line.split(' ');
      if (word === 'slice' && who === name) slices.push(Number(at));
    }
  });
  return { name, child, slices };
}

async function until(check: () => boolean, ms: number) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(50);
  }
}

async function main() {
  if (!BASE)
    throw new Error('set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
  const admin = knexFactory({ client: 'pg', connection: BASE });
  await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.raw(`CREATE DATABASE ${DATABASE}`);
  const connection = `${BASE.replace(/\/$/, '')}/${DATABASE}`;
  const gaps: number[] = [];
  let replicas = [replica('r0', connection), replica('r1', connection)];
  let next = 2;
  try {
    await until(() => replicas.some(r => r.slices.length > 0), 60_000);
    for (let i = 0; i < FAILOVERS; i++) {
      const leader = replicas.find(
        r => r.slices.length > 0 && r.child.exitCode === null,
      )!;
      const other = replicas.find(r => r !== leader)!;
      // Crash at a random point of a slice.
      await sleep(2000 + Math.random() * (TIMEOUT_SECONDS - 12) * 1000);
      const before = other.slices.length;
      const killedAt = Date.now();
      leader.child.kill('SIGKILL');
      await until(() => other.slices.length > before, 180_000);
      const gap = other.slices[before] - killedAt;
      gaps.push(gap);
      console.log(`failover ${i + 1}: ${(gap / 1000).toFixed(1)} s`);
      // A fresh replica joins, as a restarted pod would.
      const fresh = replica(`r${next++}`, connection);
      other.slices.length = 0;
      other.slices.push(0);
      replicas = [other, fresh];
    }
  } finally {
    for (const r of replicas) r.child.kill('SIGKILL');
    await sleep(500);
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.destroy();
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  console.log(
    `leaderLockTimeout ${TIMEOUT_SECONDS} s: failover after kill -9 in ${sorted
      .map(g => `${(g / 1000).toFixed(1)} s`)
      .join(', ')} (bound: ${TIMEOUT_SECONDS} + 60 + 1 s)`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
