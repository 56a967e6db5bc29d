/*
 * Steady state (issue 15): what the collector costs while little changes. One demo cluster of
 * BENCH_RUNS PipelineRuns (x5 TaskRuns) is served by two loopback Kubernetes API servers over
 * the same objects, each counting the bytes it sends: one for the RunWatcher (list once, then
 * watch), one for the old RunCollector poll (a full list every BENCH_POLL_SECONDS). Each writes
 * to its own SQLite store. After both synced, BENCH_CHANGES runs change over BENCH_WINDOW
 * seconds; measured: bytes sent per hour (window scaled to an hour), DB writes beyond the
 * changed runs, and the time from a change at the server to its summary in each store.
 * BENCH_CHANGE says what a change is: `progress` (default) creates a PipelineRun that the demo's
 * Tekton simulator runs to its end, task by task (TaskRuns, pods and logs, a new version of the
 * run and its TaskRuns every BENCH_TASK_SECONDS); `touch` annotates a TaskRun of a finished run,
 * then the run (what Tekton Results' watcher does to finished runs).
 * Bounded: BENCH_SECONDS in all, loopback only.
 * Run with `yarn workspace @private-ai/bench bench:steady`.
 */
import {
  createKubernetesApiHandler,
  KubeObject,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import knexFactory from 'knex';
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunWatcher } from '../plugins/modelops-backend/src/collector/RunWatcher';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';

const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 60);
const POLL = Number(process.env.BENCH_POLL_SECONDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const CHANGE = process.env.BENCH_CHANGE ?? 'progress';
const TASK_SECONDS = Number(process.env.BENCH_TASK_SECONDS ?? 2);
const NAMESPACE = 'private-ai';
const PR = 'tekton.dev/pipelineruns';
const TR = 'tekton.dev/taskruns';

/** A loopback API server over the cluster that counts every byte it sends. */
async function countingServer(
  handler: ReturnType<typeof createKubernetesApiHandler>,
) {
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    handler(req, res);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const bytes = () =>
    closedBytes + [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes,
    requests: () => requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function sqliteStore() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  return { knex, store: new RunStore(knex) };
}

const logger = {
  debug() {},
  info() {},
  warn: console.warn,
  error: console.error,
  child() {
    return logger;
  },
} as any;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  setTimeout(() => {
    console.error(`over ${SECONDS} s: stopped`);
    process.exit(1);
  }, SECONDS * 1000).unref();
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${(
      os.totalmem() /
      1024 ** 3
    ).toFixed(1)} GiB RAM, node ${
      process.version
    }, ${new Date().toISOString()}`,
  );
  const env = await startDemoEnvironment({
    scenario: false,
    scale: { runs: RUNS, models: 20 },
    taskSeconds: CHANGE === 'progress' ? TASK_SECONDS : 0,
  });
  const handler = createKubernetesApiHandler(env.cluster, env.kubernetesToken);
  const watchApi = await countingServer(handler);
  const pollApi = await countingServer(handler);
  const client = (url: string) =>
    createClusterClient({
      name: 'demo',
      url,
      serviceAccountToken: env.kubernetesToken,
      skipTLSVerify: false,
      timeoutMs: 120_000,
    });
  const watched = await sqliteStore();
  const polled = await sqliteStore();
  const watchClient = client(watchApi.url);
  const pollClient = client(pollApi.url);
  const watchCollector = new RunCollector({
    clusters: [watchClient],
    store: watched.store,
    logger,
    namespaces: [NAMESPACE],
  });
  const pollCollector = new RunCollector({
    clusters: [pollClient],
    store: polled.store,
    logger,
    namespaces: [NAMESPACE],
  });
  const watcher = new RunWatcher({
    clusters: [watchClient],
    collector: watchCollector,
    store: watched.store,
    logger,
    namespaces: [NAMESPACE],
  });
  const runs = [...env.cluster.objects.values(PR)].filter(
    o => o.metadata.namespace === NAMESPACE,
  );
  console.log(
    `demo cluster: ${runs.length} PipelineRuns, ${
      [...env.cluster.objects.values(TR)].length
    } TaskRuns`,
  );

  // Sync both.
  let t = performance.now();
  await pollCollector.collectOnce();
  console.log(
    `poll: first full list in ${((performance.now() - t) / 1000).toFixed(
      1,
    )} s, ${mb(pollApi.bytes())}`,
  );
  const stop = new AbortController();
  t = performance.now();
  const watching = watcher.watchFor(stop.signal, SECONDS * 1000);
  while ((await watched.store.versions('demo')).size < runs.length)
    await sleep(100);
  await sleep(500);
  console.log(
    `watch: first list in ${((performance.now() - t) / 1000).toFixed(
      1,
    )} s, ${mb(watchApi.bytes())}`,
  );

  // The window: polls every POLL seconds, CHANGES changes spread over WINDOW seconds.
  const bytes0 = { watch: watchApi.bytes(), poll: pollApi.bytes() };
  const requests0 = { watch: watchApi.requests(), poll: pollApi.requests() };
  const writes0 = { watch: watched.store.writes, poll: polled.store.writes };
  const windowStart = performance.now();
  const windowStartIso = new Date().toISOString();
  const pollTimer = setInterval(() => {
    pollCollector.collectOnce().catch(e => console.error(`poll failed: ${e}`));
  }, POLL * 1000);
  const changedBytes: number[] = [];
  const latency = { watch: [] as number[], poll: [] as number[] };
  const waits: Promise<void>[] = [];
  const changed = new Set<string>();
  /** Waits until each store holds the run at this resourceVersion; records the latency. */
  const awaitInStores = (name: string, resourceVersion: string, at: number) => {
    for (const [which, store] of [
      ['watch', watched.store],
      ['poll', polled.store],
    ] as const) {
      waits.push(
        (async () => {
          while (
            (await store.get({ cluster: 'demo', namespace: NAMESPACE, name }))
              ?.resourceVersion !== resourceVersion
          )
            await sleep(which === 'watch' ? 20 : 200);
          latency[which].push(performance.now() - at);
        })(),
      );
    }
  };
  // Every version of a changed run and its TaskRuns the server holds is a changed object.
  const unsubscribe = env.cluster.objects.subscribe(event => {
    if (event.typeKey !== PR && event.typeKey !== TR) return;
    const run =
      event.typeKey === PR
        ? event.object.metadata.name
        : event.object.metadata.labels?.['tekton.dev/pipelineRun'];
    if (!run || !changed.has(run) || event.type === 'DELETED') return;
    changedBytes.push(JSON.stringify(event.object).length);
    const status = (
      event.object.status as { conditions?: Array<{ status?: string }> }
    )?.conditions?.[0]?.status;
    // A run's last version: the time until both stores show it.
    if (event.typeKey === PR && (status === 'True' || status === 'False'))
      awaitInStores(
        run,
        event.object.metadata.resourceVersion!,
        performance.now(),
      );
  });
  for (let i = 0; i < CHANGES; i++) {
    await sleep((WINDOW * 1000) / CHANGES / 2);
    const run = runs[(i * 487) % runs.length];
    if (CHANGE === 'progress') {
      // A new run of the same pipeline; the simulator adopts it and runs it.
      const name = `bench-${i}-${run.metadata.name}`;
      changed.add(name);
      env.cluster.objects.create(PR, {
        apiVersion: run.apiVersion,
        kind: run.kind,
        metadata: {
          name,
          namespace: NAMESPACE,
          labels: run.metadata.labels,
        },
        spec: run.spec,
      });
      await sleep((WINDOW * 1000) / CHANGES / 2);
      continue;
    }
    changed.add(run.metadata.name);
    const taskRun = [...env.cluster.objects.values(TR)].find(
      tr =>
        tr.metadata.namespace === NAMESPACE &&
        tr.metadata.labels?.['tekton.dev/pipelineRun'] === run.metadata.name,
    );
    const touch = (o: KubeObject) => ({
      ...o,
      metadata: {
        ...o.metadata,
        annotations: { ...o.metadata.annotations, 'bench/change': String(i) },
      },
    });
    if (taskRun) env.cluster.objects.update(TR, touch(taskRun));
    const current = env.cluster.objects.get(PR, NAMESPACE, run.metadata.name)!;
    env.cluster.objects.update(PR, touch(current));
    await sleep((WINDOW * 1000) / CHANGES / 2);
  }
  const windowMs = performance.now() - windowStart;
  unsubscribe();
  const bytes = {
    watch: watchApi.bytes() - bytes0.watch,
    poll: pollApi.bytes() - bytes0.poll,
  };
  const requests = {
    watch: watchApi.requests() - requests0.watch,
    poll: pollApi.requests() - requests0.poll,
  };
  // Every change reached both stores (the poll's at its next list): count the writes.
  await Promise.race([Promise.all(waits), sleep(POLL * 1000 + 30_000)]);
  clearInterval(pollTimer);
  const writes = {
    watch: watched.store.writes - writes0.watch,
    poll: polled.store.writes - writes0.poll,
  };
  const perHour = 3_600_000 / windowMs;
  const changedPerHour = changedBytes.reduce((a, b) => a + b, 0) * perHour;
  const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
  const median = (v: number[]) =>
    [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
  console.log(
    `window: ${(windowMs / 1000).toFixed(0)} s, ${CHANGES} runs changed (${
      CHANGE === 'progress'
        ? `new runs, a task every ${TASK_SECONDS} s`
        : 'a TaskRun and its PipelineRun of a finished run each'
    }), poll every ${POLL} s, load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `changed objects: ${mb(changedPerHour)} per hour (${
      changedBytes.length
    } objects in the window)`,
  );
  console.log('| | watch | poll |');
  console.log('|---|---|---|');
  console.log(
    `| bytes from the API server per hour | ${mb(bytes.watch * perHour)} | ${mb(
      bytes.poll * perHour,
    )} |`,
  );
  console.log(
    `| ratio to the changed objects' size | ${(
      (bytes.watch * perHour) /
      changedPerHour
    ).toFixed(2)}x | ${((bytes.poll * perHour) / changedPerHour).toFixed(
      0,
    )}x |`,
  );
  console.log(
    `| requests in the window | ${requests.watch} | ${requests.poll} |`,
  );
  // A run written in the window that is not one of the changed runs was written for nothing.
  const writtenUnchanged = async (knex: typeof watched.knex) =>
    (
      await knex('modelops_runs')
        .where('last_seen_at', '>=', windowStartIso)
        .select('name')
    ).filter(row => !changed.has(row.name)).length;
  console.log(
    `| DB writes in the window (changed runs: ${changed.size}) | ${writes.watch} | ${writes.poll} |`,
  );
  console.log(
    `| DB writes for unchanged runs | ${await writtenUnchanged(
      watched.knex,
    )} | ${await writtenUnchanged(polled.knex)} |`,
  );
  console.log(
    `| change at the server -> summary in the store, median / max | ${median(
      latency.watch,
    ).toFixed(0)} / ${max(latency.watch).toFixed(0)} ms | ${median(
      latency.poll,
    ).toFixed(0)} / ${max(latency.poll).toFixed(0)} ms |`,
  );
  stop.abort();
  await watching;
  await Promise.all([watchApi.stop(), pollApi.stop()]);
  await env.stop();
  await watched.knex.destroy();
  await polled.knex.destroy();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
