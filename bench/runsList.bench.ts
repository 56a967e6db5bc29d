/*
 * Benchmark of issue 3 (run with `yarn bench`): the demo cluster seeded with 5,000
 * PipelineRuns and 20,000 TaskRuns over 50 models.
 *
 * 1. Collector: full sync of the 5,000 runs into SQLite (time, peak RSS), then a second
 *    sync after 10 runs changed (DB writes must be 10).
 * 2. For one model entity, interleaved in the same run: our run-list route vs. the
 *    Kubernetes backend's custom-resources query for the same runs (the path the community
 *    Tekton plugin uses): p50/p95 latency and response bytes.
 *
 * Prints figures; ratios matter, absolute timings depend on the machine.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startDemoEnvironment } from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import knexFactory from 'knex';
import os from 'node:os';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { benchLogger } from './logger';

const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const MODELS = Number(process.env.BENCH_MODELS ?? 50);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const PR = 'tekton.dev/pipelineruns';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const logger = benchLogger();

async function main() {
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${mib(
      os.totalmem(),
    )} RAM, node ${process.version}, ${new Date().toISOString()}`,
  );
  const seedStart = performance.now();
  const env = await startDemoEnvironment({
    scenario: false,
    scale: { runs: RUNS, models: MODELS },
    taskSeconds: 0,
  });
  console.log(
    `demo cluster: ${env.scale!.counts.pipelineRuns} PipelineRuns, ${
      env.scale!.counts.taskRuns
    } TaskRuns over ${env.scale!.counts.models} models (seeded in ${ms(
      performance.now() - seedStart,
    )})`,
  );

  // 1. Collector.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  const store = new RunStore(knex);
  const client = createClusterClient({
    name: 'demo-cluster',
    url: env.kubernetes.url,
    serviceAccountToken: env.kubernetesToken,
    skipTLSVerify: false,
    timeoutMs: 120_000,
  });
  const collector = new RunCollector({
    clusters: [client],
    store,
    logger,
    namespaces: ['private-ai'],
  });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const before = process.memoryUsage().rss;
  let t = performance.now();
  const full = await collector.collectOnce();
  const fullMs = performance.now() - t;
  clearInterval(sampler);
  console.log(
    `collector full sync: ${full.written} runs written in ${ms(
      fullMs,
    )}; RSS before ${mib(before)}, peak ${mib(
      peak,
    )} (whole process: demo cluster included)`,
  );

  const names = [...env.cluster.objects.values(PR)]
    .slice(0, 10)
    .map(o => o.metadata.name);
  for (const name of names) {
    const o = env.cluster.objects.get(PR, 'private-ai', name)!;
    env.cluster.objects.update(PR, {
      ...o,
      metadata: {
        ...o.metadata,
        annotations: { ...o.metadata.annotations, 'bench/touched': 'yes' },
      },
    });
  }
  const writesBefore = store.writes;
  t = performance.now();
  const second = await collector.collectOnce();
  console.log(
    `collector second sync, 10 runs changed: ${second.written} runs written, ${
      store.writes - writesBefore
    } DB run writes, ${second.unchanged} unchanged, in ${ms(
      performance.now() - t,
    )}`,
  );
  await knex.destroy();

  // 2. Run list vs. the Kubernetes backend's custom resources query, one entity.
  const entityName = env.scale!.entities[7];
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': entityName },
    },
    spec: { type: 'ai-model', owner: 'ai-platform' },
  };
  const { server } = await startTestBackend({
    features: [
      import('@private-ai/plugin-modelops-backend'),
      import('@backstage/plugin-kubernetes-backend'),
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'demo-cluster',
                    url: env.kubernetes.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: env.kubernetesToken,
                    skipMetricsLookup: true,
                  },
                ],
              },
            ],
          },
          modelops: {
            collector: {
              namespaces: ['private-ai'],
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 10 },
                initialDelay: { seconds: 0 },
              },
            },
          },
        },
      }),
    ],
  });
  const address = server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  const entityRef = `resource:default/${entityName}`;
  const ours = async (limit = 500) => {
    const response = await fetch(
      `${base}/api/modelops/runs?entityRef=${encodeURIComponent(
        entityRef,
      )}&limit=${limit}`,
      { headers },
    );
    const body = await response.text();
    if (!response.ok)
      throw new Error(`run list: HTTP ${response.status} ${body}`);
    return {
      bytes: Buffer.byteLength(body),
      count: (JSON.parse(body).items as unknown[]).length,
    };
  };
  const theirs = async () => {
    const response = await fetch(
      `${base}/api/kubernetes/resources/custom/query`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          entityRef,
          auth: {},
          customResources: [
            { group: 'tekton.dev', apiVersion: 'v1', plural: 'pipelineruns' },
          ],
        }),
      },
    );
    const body = await response.text();
    if (!response.ok)
      throw new Error(`kubernetes query: HTTP ${response.status} ${body}`);
    const parsed = JSON.parse(body);
    const count = parsed.items.flatMap((c: any) =>
      c.resources.flatMap((r: any) => r.resources),
    ).length;
    return { bytes: Buffer.byteLength(body), count };
  };
  const a = await ours();
  const page = await ours(20);
  const b = await theirs();
  console.log(
    `entity ${entityRef}: run list returns ${a.count} runs, Kubernetes query returns ${b.count} PipelineRuns`,
  );
  for (let i = 0; i < 10; i++) {
    await ours();
    await theirs();
  }
  // A run the history does not know: auth and one indexed lookup, answered 404.
  const floor = async () => {
    const response = await fetch(
      `${base}/api/modelops/runs/demo-cluster/private-ai/never-known`,
      { headers },
    );
    await response.text();
  };
  const oursAll = () => ours(500);
  const oursPage = () => ours(20);
  const timings = new Map<unknown, number[]>([
    [oursAll, []],
    [oursPage, []],
    [theirs, []],
    [floor, []],
  ]);
  for (let i = 0; i < ITERATIONS; i++) {
    const order = [oursAll, oursPage, theirs, floor];
    for (let k = 0; k < i % 4; k++) order.push(order.shift()!);
    for (const fn of order) {
      const start = performance.now();
      await fn();
      timings.get(fn)!.push(performance.now() - start);
    }
  }
  const oursMs = timings.get(oursAll)!;
  const pageMs = timings.get(oursPage)!;
  const theirsMs = timings.get(theirs)!;
  const row = (name: string, values: number[], bytes: number) =>
    `${name.padEnd(34)} p50 ${ms(percentile(values, 50)).padStart(
      10,
    )}  p95 ${ms(percentile(values, 95)).padStart(10)}  ${String(
      bytes,
    ).padStart(9)} bytes`;
  console.log(`${ITERATIONS} interleaved requests each:`);
  console.log(row(`GET /api/modelops/runs (all ${a.count})`, oursMs, a.bytes));
  console.log(
    row(`GET /api/modelops/runs (page of ${page.count})`, pageMs, page.bytes),
  );
  console.log(row('POST /api/kubernetes/.../custom/query', theirsMs, b.bytes));
  console.log(row('GET unknown run detail (floor)', timings.get(floor)!, 0));
  const ratio = (name: string, values: number[], bytes: number) =>
    `${name}: p95 ${(percentile(theirsMs, 95) / percentile(values, 95)).toFixed(
      1,
    )}x lower, p50 ${(
      percentile(theirsMs, 50) / percentile(values, 50)
    ).toFixed(1)}x lower, bytes ${(b.bytes / bytes).toFixed(1)}x fewer`;
  console.log(
    `ratios vs the Kubernetes query, ${ratio('all runs', oursMs, a.bytes)}`,
  );
  console.log(
    `ratios vs the Kubernetes query, ${ratio(
      'first page (what the tab loads)',
      pageMs,
      page.bytes,
    )}`,
  );
  await env.stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
