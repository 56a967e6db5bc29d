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
 * then the run (what Tekton Results' watcher does to finished runs); `fail` creates a run as
 * `progress` does that fails in `register-model` (the Model Registry already has its version:
 * the task's log says so), and annotates it a second after it failed (as Results' watcher does).
 * The namespace holds BENCH_EVENTS Events about other pods (default 3,000: an hour of kubelet
 * events of 600 pods), as a busy namespace does; the requests of the window are counted by what
 * they read.
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
import {
  mb,
  printWatchVersusPoll,
  sleep,
  syncBothThenPoll,
} from './watchVersusPoll';
import { benchLogger } from './logger';

const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 60);
const POLL = Number(process.env.BENCH_POLL_SECONDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const CHANGE = process.env.BENCH_CHANGE ?? 'progress';
const TASK_SECONDS = Number(process.env.BENCH_TASK_SECONDS ?? 2);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
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

const logger = benchLogger();

/** The kubelet's Events of a pod that ran one step, as `kubectl get events -o json` shows them. */
function podEvents(pod: string, at: string): KubeObject[] {
  const happened = [
    [
      'Scheduled',
      'default-scheduler',
      `Successfully assigned ${NAMESPACE}/${pod} to worker-3`,
    ],
    [
      'Pulled',
      'kubelet',
      'Container image "registry.redhat.io/ubi9/python-311:latest" already present on machine',
    ],
    ['Created', 'kubelet', 'Created container: step-run'],
    ['Started', 'kubelet', 'Started container step-run'],
    ['Killing', 'kubelet', 'Stopping container step-run'],
  ];
  return happened.map(([reason, component, message], i) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod}.18${i}c0ffee${i}`,
      namespace: NAMESPACE,
      creationTimestamp: at,
    },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod,
      namespace: NAMESPACE,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: '1',
      ...(reason === 'Scheduled'
        ? {}
        : { fieldPath: 'spec.containers{step-run}' }),
    },
    reason,
    message,
    source: {
      component,
      ...(component === 'kubelet' ? { host: 'worker-3' } : {}),
    },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' ? 'worker-3' : '',
  }));
}

/** What a window's request read: the resource, or `log`, and whether by field selector. */
function requestKind(url: string): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  if (params.get('watch')) return 'watch';
  const last = path.split('/').pop() ?? '';
  if (last === 'log') return 'log';
  return `${last}${params.get('fieldSelector') ? ' by field selector' : ''}${
    params.get('labelSelector')?.includes('=') ? ' of one run' : ''
  }`;
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
  const env = await startDemoEnvironment({
    scenario: false,
    scale: { runs: RUNS, models: 20 },
    taskSeconds: CHANGE === 'touch' ? 0 : TASK_SECONDS,
  });
  const eventsAt = new Date().toISOString();
  const events = [...env.cluster.objects.values(TR)]
    .slice(-Math.ceil(EVENTS / 5))
    .flatMap(tr => podEvents(`${tr.metadata.name}-pod`, eventsAt))
    .slice(0, EVENTS);
  for (const event of events) env.cluster.objects.create('core/events', event);
  // A version the Model Registry has: a `fail` run registering it again is refused.
  const taken = [...env.registry.modelVersions.values()][0];
  const takenModel = taken
    ? env.registry.registeredModels.get(taken.registeredModelId ?? '')
    : undefined;
  if (CHANGE === 'fail' && !takenModel)
    throw new Error('the Model Registry has no version to collide with');
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
  const { stop, watching, startPolling } = await syncBothThenPoll({
    poll: pollCollector,
    pollBytes: pollApi.bytes,
    watcher,
    watchBytes: watchApi.bytes,
    watchedCount: async () => (await watched.store.versions('demo')).size,
    expected: runs.length,
    watchSeconds: SECONDS,
    pollSeconds: POLL,
  });

  // The window: polls every POLL seconds, CHANGES changes spread over WINDOW seconds.
  const bytes0 = { watch: watchApi.bytes(), poll: pollApi.bytes() };
  const requests0 = { watch: watchApi.requests(), poll: pollApi.requests() };
  const writes0 = { watch: watched.store.writes, poll: polled.store.writes };
  const windowStart = performance.now();
  const windowStartIso = new Date().toISOString();
  const pollTimer = startPolling();
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
    // A failed run is annotated a second later, as Tekton Results' watcher marks it stored.
    if (
      CHANGE === 'fail' &&
      event.typeKey === PR &&
      status === 'False' &&
      !event.object.metadata.annotations?.['bench/stored']
    )
      setTimeout(() => {
        const current = env.cluster.objects.get(PR, NAMESPACE, run)!;
        env.cluster.objects.update(PR, {
          ...current,
          metadata: {
            ...current.metadata,
            annotations: {
              ...current.metadata.annotations,
              'bench/stored': 'true',
            },
          },
        });
      }, 1000);
  });
  for (let i = 0; i < CHANGES; i++) {
    await sleep((WINDOW * 1000) / CHANGES / 2);
    const run = runs[(i * 487) % runs.length];
    if (CHANGE === 'progress' || CHANGE === 'fail') {
      // A new run of the same pipeline; the simulator adopts it and runs it.
      const name = `bench-${i}-${run.metadata.name}`;
      changed.add(name);
      const spec = run.spec as { params?: Array<{ name: string }> };
      env.cluster.objects.create(PR, {
        apiVersion: run.apiVersion,
        kind: run.kind,
        metadata: {
          name,
          namespace: NAMESPACE,
          labels: run.metadata.labels,
        },
        spec:
          CHANGE === 'fail'
            ? {
                ...spec,
                params: [
                  ...(spec.params ?? []).filter(
                    p => p.name !== 'model-name' && p.name !== 'version-name',
                  ),
                  { name: 'model-name', value: takenModel!.name },
                  { name: 'version-name', value: taken!.name },
                ],
              }
            : spec,
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
  for (const [which, api] of [
    ['watch', watchApi],
    ['poll', pollApi],
  ] as const) {
    const kinds = new Map<string, number>();
    for (const url of api.urls(requests0[which]))
      kinds.set(requestKind(url), (kinds.get(requestKind(url)) ?? 0) + 1);
    console.log(
      `${which}: requests in the window: ${
        [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none'
      }`,
    );
  }
  // Every change reached both stores (the poll's at its next list): count the writes.
  await Promise.race([Promise.all(waits), sleep(POLL * 1000 + 30_000)]);
  clearInterval(pollTimer);
  const writes = {
    watch: watched.store.writes - writes0.watch,
    poll: polled.store.writes - writes0.poll,
  };
  // What each store says of the changed runs (a `fail` run's log names the cause).
  for (const [which, store] of [
    ['watch', watched.store],
    ['poll', polled.store],
  ] as const) {
    const codes = new Map<string, number>();
    for (const name of changed) {
      const summary = await store.get({
        cluster: 'demo',
        namespace: NAMESPACE,
        name,
      });
      const code = `${summary?.status}: ${summary?.diagnosis?.code ?? '-'}`;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    console.log(
      `${which}: changed runs in the store: ${[...codes]
        .map(([code, n]) => `${n} ${code}`)
        .join(', ')}`,
    );
  }
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
      {
        progress: `new runs, a task every ${TASK_SECONDS} s`,
        fail: `new runs, a task every ${TASK_SECONDS} s, failing in register-model, then annotated`,
        touch: 'a TaskRun and its PipelineRun of a finished run each',
      }[CHANGE] ?? CHANGE
    }), ${EVENTS} Events in the namespace`,
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
