/*
 * Two replicas of the real backend (packages/backend/src/index.ts, every plugin) on one
 * PostgreSQL database: the run collector runs once per interval across both (the scheduler's
 * lock), and a change collected by either replica reaches browsers connected to each (signals
 * cross replicas on the events backend's bus). Needs PostgreSQL: skipped without
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (./scripts/test always sets it).
 */
import {
  startDemoEnvironment,
  typeKeyOfObject,
} from '@private-ai/demo-environment';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const ROOT = resolve(__dirname, '../../..');
const COLLECT_SECONDS = 3;

jest.setTimeout(240_000);

const started = Date.now();
/** Progress on stderr, so a slow CI run says where its time went. */
const progress = (what: string) =>
  process.stderr.write(
    `two replicas: ${what} after ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s\n`,
  );

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** A loopback proxy in front of the demo Kubernetes API that counts the PipelineRun lists. */
async function countingProxy(target: string) {
  const lists: number[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, target);
    if (
      req.method === 'GET' &&
      url.pathname.endsWith('/pipelineruns') &&
      url.searchParams.get('watch') !== 'true' &&
      !url.searchParams.get('continue')
    )
      lists.push(Date.now());
    const upstream = http.request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      answer => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lists,
    close: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

async function startReplica(options: {
  name: string;
  dir: string;
  prefix: string;
  kubernetesUrl: string;
  kubernetesToken: string;
}) {
  const port = await freePort();
  const configFile = join(options.dir, `${options.name}.yaml`);
  writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: {
          client: 'pg',
          connection: PG,
          prefix: options.prefix,
        },
      },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      catalog: { locations: [] },
      events: { useEventBus: 'always' },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo-cluster',
                url: options.kubernetesUrl,
                authProvider: 'serviceAccount',
                serviceAccountToken: options.kubernetesToken,
              },
            ],
          },
        ],
      },
      modelops: {
        collector: {
          // The polled collection, so "one collection per interval" is countable in PipelineRun
          // lists; the watch's leader lock is tested in RunWatcher.test.ts (failover) and
          // measured by bench/failover.bench.ts.
          watch: false,
          schedule: {
            frequency: { seconds: COLLECT_SECONDS },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 0 },
          },
        },
      },
    }),
  );
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(ROOT, 'packages/backend/src/index.ts'),
      '--config',
      resolve(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: resolve(ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Even when jest ends this worker before the test's `finally` runs.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  child.stdout!.on('data', d => output.push(String(d)));
  child.stderr!.on('data', d => output.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `${options.name} exited: ${output.join('').slice(-3000)}`,
      );
    const ready = await fetch(`${base}/.backstage/health/v1/readiness`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline)
      throw new Error(
        `${options.name} not ready: ${output.join('').slice(-3000)}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
  return {
    base,
    output,
    stop: () =>
      new Promise<void>(r => {
        if (child.exitCode !== null) {
          r();
          return;
        }
        child.once('exit', () => r());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** A browser's signals connection: guest sign-in, WebSocket with the token as protocol. */
async function signalsClient(base: string, channel: string) {
  const session = await (
    await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    })
  ).json();
  const token = session.backstageIdentity.token;
  const received: unknown[] = [];
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/signals`, token);
  await new Promise<void>((ok, fail) => {
    ws.onopen = () => ok();
    ws.onerror = e => fail(new Error(`signals connection failed: ${e}`));
  });
  ws.onmessage = event => received.push(JSON.parse(String(event.data)));
  ws.send(JSON.stringify({ action: 'subscribe', channel }));
  return { received, close: () => ws.close() };
}

const describeWithPostgres = PG ? describe : describe.skip;

it('runs with PostgreSQL whenever CI is set (scripts/test starts it)', () => {
  expect(PG || !process.env.CI).toBeTruthy();
});

describeWithPostgres('two backend replicas on one PostgreSQL', () => {
  it('collect once per interval and deliver live updates to browsers on both', async () => {
    const prefix = `replicas_${randomBytes(4).toString('hex')}_`;
    const dir = mkdtempSync(join(tmpdir(), 'modelops-replicas-'));
    const env = await startDemoEnvironment({ taskSeconds: 0 });
    const proxy = await countingProxy(env.kubernetes.url);
    const replicas: Array<Awaited<ReturnType<typeof startReplica>>> = [];
    const clients: Array<Awaited<ReturnType<typeof signalsClient>>> = [];
    try {
      const options = {
        dir,
        prefix,
        kubernetesUrl: proxy.url,
        kubernetesToken: env.kubernetesToken,
      };
      // One after the other, as a rolling deployment does: the first runs the migrations
      // (two backends migrating an empty database at once race on creating the tables).
      replicas.push(await startReplica({ name: 'a', ...options }));
      progress('replica a ready');
      replicas.push(await startReplica({ name: 'b', ...options }));
      progress('replica b ready');
      for (const r of replicas)
        clients.push(await signalsClient(r.base, 'modelops:runs'));
      progress('browsers connected to both');

      // A run changes on the cluster (a label added); whichever replica collects it, each
      // browser gets a notice within the interval plus the bus's delivery.
      const run = [...env.cluster.objects.values('tekton.dev/pipelineruns')][0];
      expect(run).toBeDefined();
      env.cluster.objects.update(typeKeyOfObject(run), {
        ...run,
        metadata: {
          ...run.metadata,
          labels: { ...run.metadata.labels, 'replica-test': 'changed' },
        },
      });
      const since = Date.now();
      while (
        clients.some(c => c.received.length === 0) &&
        Date.now() - since < 30_000
      )
        await new Promise(r => setTimeout(r, 250));
      progress(
        `notices received: ${clients.map(c => c.received.length).join(' / ')}`,
      );
      for (const c of clients) {
        expect(c.received.length).toBeGreaterThan(0);
        expect(c.received[0]).toEqual({
          channel: 'modelops:runs',
          message: { type: 'changed' },
        });
      }

      // One collection per interval across both replicas: count the PipelineRun lists over
      // a window (each collection starts with one; two collectors would make twice as many).
      const windowStart = Date.now();
      await new Promise(r => setTimeout(r, 4 * COLLECT_SECONDS * 1000));
      const lists = proxy.lists.filter(t => t >= windowStart).length;
      progress(`${lists} PipelineRun lists in ${4 * COLLECT_SECONDS} s`);
      expect(lists).toBeGreaterThanOrEqual(1);
      expect(lists).toBeLessThanOrEqual(4 + 1);
    } finally {
      clients.forEach(c => c.close());
      await Promise.all(replicas.map(r => r.stop()));
      await proxy.close();
      await env.stop();
      rmSync(dir, { recursive: true, force: true });
      // pg ships no types; only its Client is used, to drop the replicas' databases.
      const { Client } = require('pg');
      const pg = new Client({ connectionString: PG });
      await pg.connect();
      const { rows } = await pg.query(
        'select datname from pg_database where datname like $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows as Array<{ datname: string }>)
        await pg.query(`drop database if exists "${datname}" with (force)`);
      await pg.end();
    }
  });
});
