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
import os from 'node:os';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunWatcher } from '../plugins/modelops-backend/src/collector/RunWatcher';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { countingServer } from './countingServer';
import { printWatchVersusPoll } from './watchVersusPoll';

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
  // A run written in the window that is not one of the changed runs was written for nothing.
  const writtenUnchanged = async (knex: typeof watched.knex) =>
    (
      await knex('modelops_runs')
        .where('last_seen_at', '>=', windowStartIso)
        .select('name')
    ).filter(row => !changed.has(row.name)).length;
  printWatchVersusPoll({
    windowMs,
    changedBytes,
    changes: `${CHANGES} runs changed (${
      CHANGE === 'progress'
        ? `new runs, a task every ${TASK_SECONDS} s`
        : 'a TaskRun and its PipelineRun of a finished run each'
    })`,
    pollSeconds: POLL,
    changedObjects: { count: changed.size, noun: 'runs' },
    bytes,
    requests,
    writes,
    unchangedWrites: {
      watch: await writtenUnchanged(watched.knex),
      poll: await writtenUnchanged(polled.knex),
    },
    latency,
  });
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
