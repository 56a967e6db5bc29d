/*
 * Notebook validation jobs by watch (issue 15): what keeping the validation history costs at the
 * API server while little changes. One demo cluster with BENCH_JOBS NotebookValidationJobs (the
 * scenario's 44 jobs and their validation pods, cloned) is served by two loopback Kubernetes API
 * servers over the same objects, each counting the bytes it sends: one for the ValidationWatcher
 * (list once, then watch jobs and pods), one for the ValidationCollector poll (a full list every
 * BENCH_POLL_SECONDS, the `schedule` default). Each writes to its own SQLite store. After both
 * synced, BENCH_CHANGES jobs change over BENCH_WINDOW seconds (the job's status and its pod, as
 * the operator does); measured: bytes sent per hour (window scaled to an hour), requests, DB
 * writes beyond the changed jobs, and the time from a change to its summary in each store.
 * Bounded: BENCH_SECONDS in all, loopback only.
 * Run with `yarn workspace @private-ai/bench bench:validations`.
 */
import {
  createKubernetesApiHandler,
  KubeObject,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import knexFactory from 'knex';
import os from 'node:os';
import { ValidationCollector } from '../plugins/modelops-backend/src/collector/ValidationCollector';
import { ValidationWatcher } from '../plugins/modelops-backend/src/collector/ValidationWatcher';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { ValidationStore } from '../plugins/modelops-backend/src/database/ValidationStore';
import { countingServer } from './countingServer';
import {
  mb,
  printWatchVersusPoll,
  sleep,
  syncBothThenPoll,
} from './watchVersusPoll';
import { benchLogger } from './logger';

const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 120);
const POLL = Number(process.env.BENCH_POLL_SECONDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const NS = 'notebook-validation';
const NVJ = 'mlops.mlops.dev/notebookvalidationjobs';
const POD = 'core/pods';
const LABEL = 'notebookvalidationjob';

async function sqliteStore() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  return { knex, store: new ValidationStore(knex) };
}

const logger = benchLogger();

type Env = Awaited<ReturnType<typeof startDemoEnvironment>>;
const inNamespace = (env: Env, typeKey: string) =>
  [...env.cluster.objects.values(typeKey)].filter(
    o => o.metadata.namespace === NS,
  );
const fresh = (
  o: KubeObject,
  name: string,
  labels?: Record<string, string>,
) => {
  const { uid, resourceVersion, ...metadata } = o.metadata;
  return {
    ...o,
    metadata: { ...metadata, name, labels: labels ?? o.metadata.labels },
  };
};

/** Clones the scenario's jobs (and their pods) until the namespace holds `JOBS` jobs. */
function fillCluster(env: Env) {
  const jobs = inNamespace(env, NVJ);
  const pods = inNamespace(env, POD).filter(p => p.metadata.labels?.[LABEL]);
  for (let i = 0; i < JOBS - jobs.length; i++) {
    const job = jobs[i % jobs.length];
    const name = `${job.metadata.name.slice(0, 50)}-c${i}`;
    const status = job.status as { validationPodName?: string } | undefined;
    const pod = pods.find(
      p => p.metadata.labels?.[LABEL] === job.metadata.name,
    );
    const podName = pod ? `${name}-pod` : undefined;
    env.cluster.objects.create(NVJ, {
      ...fresh(job, name),
      status: { ...status, ...(podName ? { validationPodName: podName } : {}) },
    });
    if (pod && podName)
      env.cluster.objects.create(
        POD,
        fresh(pod, podName, { ...pod.metadata.labels, [LABEL]: name }),
      );
  }
}

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
  const env = await startDemoEnvironment({ taskSeconds: 0 });
  fillCluster(env);
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
  const pollCollector = new ValidationCollector({
    clusters: [client(pollApi.url)],
    store: polled.store,
    logger,
    namespaces: [NS],
  });
  const watcher = new ValidationWatcher({
    clusters: [watchClient],
    collector: new ValidationCollector({
      clusters: [watchClient],
      store: watched.store,
      logger,
      namespaces: [NS],
    }),
    store: watched.store,
    logger,
    namespaces: [NS],
  });
  const jobs = inNamespace(env, NVJ);
  const jobBytes = jobs.reduce((sum, j) => sum + JSON.stringify(j).length, 0);
  console.log(
    `demo cluster: ${jobs.length} NotebookValidationJobs (${mb(
      jobBytes,
    )} as JSON), ${
      inNamespace(env, POD).filter(p => p.metadata.labels?.[LABEL]).length
    } validation pods`,
  );

  const { stop, watching, startPolling } = await syncBothThenPoll({
    poll: pollCollector,
    pollBytes: pollApi.bytes,
    watcher,
    watchBytes: watchApi.bytes,
    watchedCount: async () => (await watched.store.versions('demo')).size,
    expected: jobs.length,
    watchSeconds: SECONDS,
    pollSeconds: POLL,
  });

  const bytes0 = { watch: watchApi.bytes(), poll: pollApi.bytes() };
  const requests0 = { watch: watchApi.requests(), poll: pollApi.requests() };
  const writes0 = { watch: watched.store.writes, poll: polled.store.writes };
  const windowStart = performance.now();
  const pollTimer = startPolling();
  const changedBytes: number[] = [];
  const latency = { watch: [] as number[], poll: [] as number[] };
  const waits: Promise<void>[] = [];
  const changed = new Set<string>();
  for (let i = 0; i < CHANGES; i++) {
    await sleep((WINDOW * 1000) / CHANGES / 2);
    const job = jobs[(i * 487) % jobs.length];
    const { name } = job.metadata;
    changed.add(name);
    const at = performance.now();
    const pod = inNamespace(env, POD).find(
      p => p.metadata.labels?.[LABEL] === name,
    );
    if (pod) {
      const stored = env.cluster.objects.update(POD, {
        ...pod,
        metadata: {
          ...pod.metadata,
          annotations: { ...pod.metadata.annotations, 'bench/change': `${i}` },
        },
      })!;
      changedBytes.push(JSON.stringify(stored).length);
    }
    const current = env.cluster.objects.get(NVJ, NS, name)!;
    const stored = env.cluster.objects.update(NVJ, {
      ...current,
      status: { ...(current.status as object), message: `bench change ${i}` },
    })!;
    changedBytes.push(JSON.stringify(stored).length);
    for (const [kind, store] of [
      ['watch', watched.store],
      ['poll', polled.store],
    ] as const) {
      waits.push(
        (async () => {
          while (
            (await store.versions('demo')).get(`demo/${NS}/${name}`)
              ?.resourceVersion !== stored.metadata.resourceVersion
          )
            await sleep(kind === 'watch' ? 20 : 200);
          latency[kind].push(performance.now() - at);
        })(),
      );
    }
    await sleep((WINDOW * 1000) / CHANGES / 2);
  }
  const windowMs = performance.now() - windowStart;
  const bytes = {
    watch: watchApi.bytes() - bytes0.watch,
    poll: pollApi.bytes() - bytes0.poll,
  };
  const requests = {
    watch: watchApi.requests() - requests0.watch,
    poll: pollApi.requests() - requests0.poll,
  };
  await Promise.race([Promise.all(waits), sleep(POLL * 1000 + 30_000)]);
  clearInterval(pollTimer);
  const writes = {
    watch: watched.store.writes - writes0.watch,
    poll: polled.store.writes - writes0.poll,
  };
  printWatchVersusPoll({
    windowMs,
    changedBytes,
    changes: `${CHANGES} jobs changed (its pod, then the job)`,
    pollSeconds: POLL,
    changedObjects: { count: changed.size, noun: 'jobs' },
    bytes,
    requests,
    writes,
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
