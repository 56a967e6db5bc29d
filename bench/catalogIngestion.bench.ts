/*
 * Benchmark of issue 4 (part of `yarn bench`): the demo Model Registry holding 10,000
 * registered models with 5 versions each (one model artifact per version). One full
 * ingestion by the entity provider (every page of models, versions and artifacts fetched,
 * entities built, one full mutation handed to the catalog) against the floor: fetching and
 * parsing the same pages with plain fetch, in the same run.
 *
 * With BENCH_CATALOG_INCREMENTAL=1 (`yarn bench:catalog:incremental`): in one run, each in a
 * process of its own so each peak RSS is its own, the floor (the same pages fetched and parsed),
 * then one provider's first (full) refresh, a refresh with nothing changed and one after 10 model
 * versions changed in the registry (the entities handed to the catalog, the registry requests,
 * the time and the peak RSS of each), then the same three refreshes with a connection that reads
 * the entities the way the catalog's does (every entity at once for its envelope check, then each
 * again for its ref and hash).
 *
 * With BENCH_CATALOG_CLUSTER=1 (`yarn bench:catalog:cluster`): the bytes the provider reads from
 * the cluster per refresh (InferenceServices and labelled PipelineRuns of the demo cluster with
 * BENCH_RUNS generated runs, counted at a loopback proxy), in one run: the reads every refresh
 * made before (both lists, whole), then the provider's first refresh (lists), one with nothing
 * changed (watches) and one after an InferenceService was created.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { resolve } from 'node:path';
import { startDemoEnvironment } from '@private-ai/demo-environment';
import { LABEL_KUBERNETES_ID } from '@private-ai/plugin-modelops-common';
import { ModelRegistryEntityProvider } from '../plugins/catalog-backend-module-modelops/src/ModelRegistryEntityProvider';
import { startCountingProxy } from '../plugins/catalog-backend-module-modelops/src/serving/__testUtils__/countingProxy';
import { createClusterClient, RESOURCES } from '../plugins/modelops-node/src';
import { ModelRegistryClient } from '../plugins/modelops-node/src/registry/ModelRegistryClient';
import { benchLogger } from './logger';

const MODELS = Number(process.env.BENCH_CATALOG_MODELS ?? 10000);
const VERSIONS = Number(process.env.BENCH_CATALOG_VERSIONS ?? 5);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const logger = benchLogger({ warnings: false });

async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; peakRss: number; result: T }> {
  (global as any).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakRss: peak, result };
}

/** The process's peak RSS so far, from the kernel's high-water mark. */
const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function main() {
  if (process.env.BENCH_CATALOG_CLUSTER) {
    await clusterReads();
    process.exit(0);
  }
  const role = process.env.BENCH_CATALOG_ROLE;
  if (role) {
    await runRole(role, {
      modelRegistry: { url: process.env.BENCH_REGISTRY_URL! },
      registryToken: 'demo-registry-token',
    });
    process.exit(0);
  }
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${mib(
      os.totalmem(),
    )} RAM, node ${process.version}, ${new Date().toISOString()}`,
  );
  // The demo registry runs in its own process, so the RSS figures below are the ingestion's.
  const registryPort = 17182;
  const child = spawn(
    process.execPath,
    [
      resolve(__dirname, '../packages/demo-environment/bin/demo-environment'),
      '--no-scenario',
      '--models',
      String(MODELS),
      '--versions',
      String(VERSIONS),
      '--kubernetes-port',
      '17181',
      '--registry-port',
      String(registryPort),
      '--task-seconds',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ready, fail) => {
    child.on('exit', code =>
      fail(new Error(`demo environment exited with ${code}`)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready in')) ready();
    });
  });
  const env = {
    modelRegistry: { url: `http://127.0.0.1:${registryPort}` },
    registryToken: 'demo-registry-token',
    stop: async () => void child.kill(),
  };
  console.log(
    `demo registry (own process): ${MODELS} registered models x ${VERSIONS} versions; bench process RSS ${mib(
      process.memoryUsage().rss,
    )}`,
  );
  const floor = () => fetchFloor(env);

  let mutated = 0;
  const ingest = async () => {
    const provider = new ModelRegistryEntityProvider(
      {
        id: 'bench',
        baseUrl: env.modelRegistry.url,
        token: env.registryToken,
        owner: 'group:default/ai-platform',
        archived: 'show',
        clusters: [],
        timeoutMs: 60_000,
      },
      [],
      logger,
    );
    await provider.connect({
      applyMutation: async (mutation: any) => {
        mutated = mutation.entities.length;
      },
      refresh: async () => {},
    });
    await provider.refresh();
    if (provider.status.state !== 'ok')
      throw new Error(`ingestion failed: ${provider.status.message}`);
    return mutated;
  };

  if (process.env.BENCH_CATALOG_INCREMENTAL) {
    await incrementalSideBySide(env);
    await env.stop();
    process.exit(0);
  }

  // Interleaved, twice each; the figures are the second of each.
  await measure(floor);
  await measure(ingest);
  const f = await measure(floor);
  const i = await measure(ingest);
  console.log(
    `floor (fetch + parse the same pages): ${(f.ms / 1000).toFixed(1)} s, ${
      f.result.models
    } models, ${f.result.versions} versions, ${
      f.result.artifacts
    } artifacts; peak RSS ${mib(f.peakRss)}`,
  );
  console.log(
    `full ingestion (provider: fetch, build entities, one full mutation): ${(
      i.ms / 1000
    ).toFixed(1)} s, ${i.result} entities; peak RSS ${mib(i.peakRss)}`,
  );
  console.log(
    `ratio: ingestion takes ${(i.ms / f.ms).toFixed(
      2,
    )}x the floor; peak RSS of the bench process (the registry runs apart)`,
  );
  await env.stop();
  process.exit(0);
}

/** The floor: every page the provider fetches, fetched and parsed (8 in flight). */
async function fetchFloor(env: {
  modelRegistry: { url: string };
  registryToken: string;
}) {
  const base = `${env.modelRegistry.url}/api/model_registry/v1alpha3`;
  const headers = { authorization: `Bearer ${env.registryToken}` };

  return (async () => {
    const all = async (path: string) => {
      const items: any[] = [];
      let token = '';
      do {
        const page: any = await (
          await fetch(
            `${base}${path}${path.includes('?') ? '&' : '?'}pageSize=100${
              token ? `&nextPageToken=${token}` : ''
            }`,
            { headers },
          )
        ).json();
        items.push(...page.items);
        token = page.nextPageToken;
      } while (token);
      return items;
    };
    const pool = async <T>(items: T[], fn: (t: T) => Promise<unknown>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < items.length) await fn(items[next++]);
        }),
      );
    };
    const models = await all('/registered_models');
    const versions: any[] = [];
    await pool(models, async m =>
      versions.push(...(await all(`/registered_models/${m.id}/versions`))),
    );
    let artifacts = 0;
    await pool(versions, async v => {
      const found = await all(`/model_versions/${v.id}/artifacts`);
      artifacts += found.length;
    });
    await all('/inference_services');
    return { models: models.length, versions: versions.length, artifacts };
  })();
}

/** Runs each part of the incremental bench in a process of its own, in turn. */
async function incrementalSideBySide(env: {
  modelRegistry: { url: string };
  registryToken: string;
}) {
  for (const role of ['floor', 'provider', 'provider-catalog-reads']) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, resolve(__dirname, 'catalogIngestion.bench.ts')],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          BENCH_CATALOG_ROLE: role,
          BENCH_REGISTRY_URL: env.modelRegistry.url,
        },
      },
    );
    const code = await new Promise(r => child.on('exit', r));
    if (code !== 0) throw new Error(`${role} exited with ${code}`);
  }
}

async function runRole(
  role: string,
  env: { modelRegistry: { url: string }; registryToken: string },
) {
  if (role === 'floor') {
    const f = await measure(() => fetchFloor(env));
    console.log(
      `floor (own process): fetch + parse the same pages: ${(
        f.ms / 1000
      ).toFixed(2)} s, ${f.result.models} models, ${
        f.result.versions
      } versions, ${f.result.artifacts} artifacts; peak RSS ${mib(maxRss())}`,
    );
    return;
  }
  await incremental(env, role === 'provider-catalog-reads');
}

/** Full refresh, then nothing changed, then 10 versions changed: what each costs. */
async function incremental(
  env: {
    modelRegistry: { url: string };
    registryToken: string;
  },
  catalogReads: boolean,
) {
  const label = catalogReads
    ? 'provider, catalog-like reads (own process)'
    : 'provider (own process)';
  const client = new ModelRegistryClient({
    baseUrl: env.modelRegistry.url,
    token: env.registryToken,
    timeoutMs: 60_000,
  });
  let requests = 0;
  const send = (client as any).send.bind(client);
  (client as any).send = (...args: unknown[]) => {
    requests += 1;
    return send(...args);
  };
  const provider = new ModelRegistryEntityProvider(
    {
      id: 'bench',
      baseUrl: env.modelRegistry.url,
      owner: 'group:default/ai-platform',
      archived: 'show',
      clusters: [],
    },
    [],
    logger,
    undefined,
    client,
  );
  let handed = 0;
  let hashed = 0;
  let mutationType = 'none';
  await provider.connect({
    applyMutation: async (mutation: any) => {
      mutationType = mutation.type;
      const items =
        mutation.type === 'full' ? mutation.entities : mutation.added;
      handed =
        mutation.type === 'full'
          ? mutation.entities.length
          : mutation.added.length + mutation.removed.length;
      if (catalogReads) {
        // As the catalog's connection does: every entity at once for the envelope check, then
        // each again for its ref and hash (the DB writes read each once more, not done here).
        const all = items.map((d: any) => d.entity);
        if (all.some((e: any) => !e.apiVersion || !e.kind))
          throw new Error('malformed entity');
        for (const d of items) {
          const e = d.entity;
          hashed += `${e.kind}:${e.metadata.name}`.length;
          createHash('sha256').update(JSON.stringify(e)).digest('hex');
        }
      }
    },
    refresh: async () => {},
  });
  const step = async (step: string) => {
    requests = 0;
    handed = 0;
    mutationType = 'none';
    const m = await measure(() => provider.refresh());
    if (provider.status.state !== 'ok')
      throw new Error(`refresh failed: ${provider.status.message}`);
    console.log(
      `${label}, ${step}: ${
        provider.status.entities
      } entities, ${handed} handed to the catalog (${mutationType} mutation), ${requests} registry requests, ${(
        m.ms / 1000
      ).toFixed(2)} s; peak RSS so far ${mib(maxRss())}`,
    );
  };
  (global as any).gc?.();
  console.log(
    `${label}: RSS before the first refresh ${mib(
      process.memoryUsage().rss,
    )} (node, the transpiler, the modules)`,
  );
  await step('first refresh (full)');
  await step('refresh, nothing changed');
  const api = `${env.modelRegistry.url}/api/model_registry/v1alpha3`;
  const headers = {
    authorization: `Bearer ${env.registryToken}`,
    'content-type': 'application/json',
  };
  const page: any = await (
    await fetch(`${api}/model_versions?pageSize=10&orderBy=ID&sortOrder=ASC`, {
      headers,
    })
  ).json();
  for (const v of page.items)
    await fetch(`${api}/model_versions/${v.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ description: `changed at ${Date.now()}` }),
    });
  await step(`refresh, ${page.items.length} versions changed`);
  if (catalogReads && hashed === 0)
    throw new Error('the catalog reads read nothing');
}

/** Bytes and requests read from the cluster per refresh: before (lists) and after (watch). */
async function clusterReads() {
  // Loaded here, not at the top: the other modes' processes measure their own RSS.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { startDemoEnvironment } =
    require('@private-ai/demo-environment') as typeof import('@private-ai/demo-environment');
  const { LABEL_KUBERNETES_ID } =
    require('@private-ai/plugin-modelops-common') as typeof import('@private-ai/plugin-modelops-common');
  const { startCountingProxy } =
    require('../plugins/catalog-backend-module-modelops/src/serving/__testUtils__/countingProxy') as typeof import('../plugins/catalog-backend-module-modelops/src/serving/__testUtils__/countingProxy');
  const { createClusterClient, RESOURCES } =
    require('../plugins/modelops-node/src') as typeof import('../plugins/modelops-node/src');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const runs = Number(process.env.BENCH_RUNS ?? 5000);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${mib(
      os.totalmem(),
    )} RAM, node ${process.version}, ${new Date().toISOString()}`,
  );
  const env = await startDemoEnvironment({
    scale: { runs, models: 50 },
    taskSeconds: 0,
  });
  const proxy = await startCountingProxy(env.kubernetes.url);
  const client = createClusterClient({
    name: 'demo-cluster',
    url: proxy.url,
    serviceAccountToken: env.kubernetesToken,
    skipTLSVerify: false,
    timeoutMs: 60_000,
  });
  const kb = (n: number) =>
    n < 10_240 ? `${n} bytes` : `${(n / 1024).toFixed(0)} KiB`;
  const report = async (label: string, fn: () => Promise<unknown>) => {
    proxy.requests.length = 0;
    const start = performance.now();
    await fn();
    const ms = performance.now() - start;
    console.log(
      `${label}: ${proxy.requests.length} requests, ${kb(
        proxy.bytes(),
      )} read from the cluster, ${(ms / 1000).toFixed(2)} s`,
    );
    return proxy.bytes();
  };
  const before = await report(
    'before (every refresh: both lists, whole)',
    async () => {
      await client.list(RESOURCES.inferenceServices);
      await client.list(RESOURCES.pipelineRuns, {
        labelSelector: LABEL_KUBERNETES_ID,
      });
    },
  );
  const provider = new ModelRegistryEntityProvider(
    {
      id: 'bench',
      baseUrl: env.modelRegistry.url,
      token: env.registryToken,
      owner: 'group:default/ai-platform',
      archived: 'show',
      clusters: ['demo-cluster'],
      timeoutMs: 60_000,
    },
    [client],
    logger,
  );
  let handed = 0;
  await provider.connect({
    applyMutation: async (mutation: any) => {
      handed =
        mutation.type === 'full'
          ? mutation.entities.length
          : mutation.added.length + mutation.removed.length;
    },
    refresh: async () => {},
  });
  const refresh = async () => {
    handed = 0;
    await provider.refresh();
    if (provider.status.state !== 'ok')
      throw new Error(`refresh failed: ${provider.status.message}`);
  };
  await report('after, first refresh (lists)', refresh);
  const after = await report(
    'after, refresh with nothing changed (watch from the last resourceVersion)',
    refresh,
  );
  console.log(`  handed to the catalog: ${handed}`);
  const list: any = await client.list(RESOURCES.inferenceServices);
  const model = list.items.find((i: any) => i.spec?.predictor?.model);
  await fetch(
    `${env.kubernetes.url}/apis/serving.kserve.io/v1beta1/namespaces/${model.metadata.namespace}/inferenceservices`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${env.kubernetesToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        apiVersion: 'serving.kserve.io/v1beta1',
        kind: 'InferenceService',
        metadata: {
          name: 'bench-new-server',
          namespace: model.metadata.namespace,
          labels: model.metadata.labels,
        },
        spec: model.spec,
      }),
    },
  );
  await report(
    'after, refresh after one InferenceService was created',
    refresh,
  );
  console.log(`  handed to the catalog: ${handed}`);
  const perHour = (bytes: number) =>
    bytes * 12 < 1024 * 1024
      ? `${((bytes * 12) / 1024).toFixed(1)} KiB`
      : `${((bytes * 12) / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `with nothing changed, per hour at the default 5-minute schedule: before ${perHour(
      before,
    )}, after ${perHour(after)} (${(before / Math.max(after, 1)).toFixed(
      0,
    )}x less), plus the daily full refresh's lists`,
  );
  await proxy.stop();
  await env.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
