/*
 * Load test (issue 12): 50 signed-in users at once on the run list and run detail routes of a
 * real ModelOps backend (`startTestBackend` with the plugin, SQLite in memory, its own
 * collector), everything on loopback. Run with `yarn workspace @private-ai/bench bench:load`.
 *
 * The demo cluster is seeded with BENCH_RUNS PipelineRuns over BENCH_MODELS models plus the
 * scenario. Each user, BENCH_ROUNDS times: lists the first page of a model's runs (the runs
 * tab), opens one run of that page (detail), and every fourth round lists the pipeline
 * entity's page (the route that hides runs of models the user may not read). Every request is
 * checked (status 200, the body's shape); any other answer is an error. Bounded in count
 * (users x rounds) and in time (30 s per request; BENCH_SECONDS in all, the run fails past it).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startDemoEnvironment } from '@private-ai/demo-environment';
import os from 'node:os';

const USERS = Number(process.env.BENCH_USERS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const MODELS = Number(process.env.BENCH_MODELS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const PIPELINE = 'modelcar-build-deploy-v2';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

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
    scale: { runs: RUNS, models: MODELS },
    taskSeconds: 0,
  });
  const ids = env.scale!.entities;
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: PIPELINE,
        namespace: 'default',
        annotations: {
          'modelops.io/pipeline-selector': `tekton.dev/pipeline=${PIPELINE}`,
        },
      },
      spec: { type: 'pipeline', owner: 'ai-platform', lifecycle: 'production' },
    },
    ...ids.map(id => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: id,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': id },
      },
      spec: { type: 'ai-model', owner: 'ai-platform' },
    })),
  ];
  const { server } = await startTestBackend({
    features: [
      import('@private-ai/plugin-modelops-backend'),
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({
        data: {
          modelops: {
            clusters: [
              {
                name: 'demo-cluster',
                url: env.kubernetes.url,
                serviceAccountToken: env.kubernetesToken,
                timeoutMs: 120_000,
              },
            ],
            collector: {
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
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}/api/modelops`;
  const list = (who: string, entityRef: string) =>
    fetch(`${base}/runs?entityRef=${encodeURIComponent(entityRef)}&limit=20`, {
      headers: { authorization: who },
      signal: AbortSignal.timeout(30_000),
    });

  // Wait for the collector's first sync: the cluster's status says when it is done.
  const anyone = mockCredentials.user.header();
  for (let state; state !== 'ok'; ) {
    const res = await list(anyone, `component:default/${PIPELINE}`);
    state = (await res.json()).clusters?.[0]?.state;
    if (state !== 'ok') await new Promise(r => setTimeout(r, 250));
  }
  const total = [...env.cluster.objects.values('tekton.dev/pipelineruns')]
    .length;
  console.log(
    `backend ready: ${total} PipelineRuns collected over ${ids.length} models; ${USERS} users x ${ROUNDS} rounds`,
  );

  const timings = {
    list: [] as number[],
    detail: [] as number[],
    pipeline: [] as number[],
  };
  const errors: string[] = [];
  async function timed(
    route: keyof typeof timings,
    request: () => Promise<Response>,
  ): Promise<any> {
    const start = performance.now();
    try {
      const res = await request();
      const body = await res.json();
      timings[route].push(performance.now() - start);
      if (res.status !== 200) {
        errors.push(`${route}: HTTP ${res.status} ${JSON.stringify(body)}`);
        return undefined;
      }
      return body;
    } catch (error) {
      errors.push(`${route}: ${error}`);
      return undefined;
    }
  }
  async function user(index: number) {
    const who = mockCredentials.user.header(`user:default/load-${index}`);
    for (let round = 0; round < ROUNDS; round++) {
      const id = ids[(index + round) % ids.length];
      const page = await timed('list', () =>
        list(who, `resource:default/${id}`),
      );
      const run = page?.items?.[round % Math.max(1, page.items.length)];
      if (page && !run) errors.push(`list: no runs for ${id}`);
      if (run) {
        const detail = await timed('detail', () =>
          fetch(`${base}/runs/${run.cluster}/${run.namespace}/${run.name}`, {
            headers: { authorization: who },
            signal: AbortSignal.timeout(30_000),
          }),
        );
        if (detail && detail.name !== run.name)
          errors.push(`detail: asked ${run.name}, got ${detail.name}`);
      }
      if (round % 4 === 0)
        await timed('pipeline', () =>
          list(who, `component:default/${PIPELINE}`),
        );
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
  const seconds = (performance.now() - start) / 1000;
  const requests = Object.values(timings).reduce((n, t) => n + t.length, 0);
  console.log(
    `${requests} requests in ${seconds.toFixed(1)} s: ${(
      requests / seconds
    ).toFixed(0)} requests/s, ${errors.length} errors`,
  );
  for (const [route, values] of Object.entries(timings)) {
    console.log(
      `${route.padEnd(9)} ${String(values.length).padStart(
        5,
      )} requests  p50 ${ms(percentile(values, 50)).padStart(9)}  p95 ${ms(
        percentile(values, 95),
      ).padStart(9)}  p99 ${ms(percentile(values, 99)).padStart(9)}`,
    );
  }
  for (const error of errors.slice(0, 10)) console.error(error);
  await env.stop();
  process.exit(errors.length ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
