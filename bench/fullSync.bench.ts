/*
 * Full-sync benchmark of issue 15 (`yarn workspace @private-ai/bench bench:fullsync`):
 * the demo cluster (generator, in this process, loopback HTTP) at 1,000 / 5,000 / 20,000
 * PipelineRuns (`BENCH_SIZES=1000,5000`), and side by side for each size:
 *
 * - floor: the same list calls the collector cannot avoid (PipelineRuns and TaskRuns of the
 *   namespace, 500 per page) over HTTP + `JSON.parse`, the items kept as a list returns them;
 * - collector: `RunCollector.collectOnce()` into an empty SQLite database in memory.
 *
 * `BENCH_WITH_PODS=1` seeds the pods and logs of every task too (by default the generator
 * keeps none, so no failed step has a log to read). `BENCH_FLOOR_FETCH=1` reads the floor's
 * pages with Node's `fetch`, as the floor was first measured; by default it uses undici's
 * `request`, as the collector does since, which is about a tenth cheaper.
 *
 * Each runs in its own child process (so peak RSS, `getrusage` maxRSS, is comparable),
 * `BENCH_REPEAT` times (default 3) interleaved, and the median run is reported; requests are
 * counted at the server. Prints one table; ratios matter more than the absolute
 * timings, which move with the machine's load.
 */
import {
  generateScale,
  seedCluster,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import knexFactory from 'knex';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { benchLogger } from './logger';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,20000')
  .split(',')
  .map(Number);
const MODELS = Number(process.env.BENCH_MODELS ?? 50);
/** With the pods (and logs) of every task, as on a cluster that has not pruned them. */
const WITH_PODS = process.env.BENCH_WITH_PODS === '1';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
/** The floor as first defined (Node's fetch), before both sides moved to undici's request. */
const FLOOR_FETCH = process.env.BENCH_FLOOR_FETCH === '1';
const NAMESPACE = 'private-ai';

/** The run with the median time (its RSS and requests with it). */
const median = <T extends { ms: number }>(runs: T[]): T =>
  [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
const PAGE = 500;
const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface ChildResult {
  ms: number;
  /** CPU time (user + system) the child spent on the work: less moved by the machine's load. */
  cpuMs: number;
  /** Time the main thread was busy (event loop utilization): CPU without V8's helper threads. */
  busyMs: number;
  /** Longest time the event loop was held during the sync (what other requests to the backend wait). */
  maxBlockMs?: number;
  baseRss: number;
  peakRss: number;
  items?: number;
  written?: number;
  /** Size of the SQLite database in memory after the sync. */
  dbBytes?: number;
  /** Until the failed runs' logs read after the sync were read and their diagnoses written. */
  logsMs?: number;
}

const logger = benchLogger();

/** Child: the floor, every page of both lists fetched and parsed, items kept. */
async function floor(url: string, token: string): Promise<ChildResult> {
  const baseRss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const start = performance.now();
  const kept: unknown[] = [];
  for (const path of [
    `/apis/tekton.dev/v1/namespaces/${NAMESPACE}/pipelineruns`,
    `/apis/tekton.dev/v1/namespaces/${NAMESPACE}/taskruns`,
  ]) {
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (path.endsWith('taskruns'))
        query.set('labelSelector', 'tekton.dev/pipelineRun');
      if (next) query.set('continue', next);
      let text: string;
      if (FLOOR_FETCH) {
        const response = await fetch(`${url}${path}?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        text = await response.text();
      } else {
        // undici's request, as the collector's list calls: the cheapest client at hand.
        const answer = await request(`${url}${path}?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (answer.statusCode !== 200)
          throw new Error(`${path}: HTTP ${answer.statusCode}`);
        text = await answer.body.text();
      }
      const page = JSON.parse(text);
      kept.push(...page.items);
      next = page.metadata?.continue || undefined;
    } while (next);
  }
  return {
    ms: performance.now() - start,
    cpuMs: cpuMsSince(cpu),
    busyMs: performance.eventLoopUtilization(loop).active,
    baseRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    items: kept.length,
  };
}

/** Child: the collector's full sync into an empty SQLite database in memory. */
async function collector(url: string, token: string): Promise<ChildResult> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  const store = new RunStore(knex);
  const collect = new RunCollector({
    clusters: [
      createClusterClient({
        name: 'demo-cluster',
        url,
        serviceAccountToken: token,
        skipTLSVerify: false,
        timeoutMs: 300_000,
      }),
    ],
    store,
    logger,
    namespaces: [NAMESPACE],
  });
  const baseRss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  const stats = await collect.collectOnce();
  delay.disable();
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  const busyMs = performance.eventLoopUtilization(loop).active;
  if (stats.failedClusters.length)
    throw new Error(`collection failed: ${stats.failedClusters}`);
  await collect.logsRead();
  const logsMs = performance.now() - start;
  // The in-memory database is part of this process's RSS, and not of the floor's.
  const [{ page_count: pages }] = await knex.raw('PRAGMA page_count');
  const [{ page_size: pageBytes }] = await knex.raw('PRAGMA page_size');
  await knex.destroy();
  return {
    ms,
    cpuMs,
    busyMs,
    maxBlockMs: delay.max / 1e6,
    baseRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    written: stats.written,
    dbBytes: pages * pageBytes,
    logsMs,
  };
}

function runChild(
  mode: 'floor' | 'collector',
  url: string,
  token: string,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_CPU_PROF && mode === 'collector'
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
          : []),
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        __filename,
        mode,
        url,
        token,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', code => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${mode} exited with ${code}: ${out}`));
      else resolve(JSON.parse(line));
    });
  });
}

async function main() {
  console.log(
    `${WITH_PODS ? 'with pods and logs; ' : ''}${
      FLOOR_FETCH ? 'floor read with fetch; ' : ''
    }machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${mib(
      os.totalmem(),
    )} RAM, node ${process.version}, ${new Date().toISOString()}`,
  );
  const rows: string[] = [
    '| runs | floor | collector full sync | ratio | ratio of the pairs | CPU floor / collector | main thread busy floor / collector (medians) | requests floor / collector | peak RSS floor / collector (RSS before the work) | background logs read by |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const runs of SIZES) {
    const env = await startDemoEnvironment({ scenario: false, taskSeconds: 0 });
    const data = generateScale({ runs, models: MODELS, withPods: WITH_PODS });
    seedCluster(env.cluster, data.objects, data.logs);
    let requests = 0;
    const kinds = new Map<string, number>();
    env.kubernetes.server.on('request', request => {
      requests++;
      const path = (request.url ?? '').split('?')[0];
      const kind = path.endsWith('/log')
        ? 'pod logs'
        : path.split('/').pop() ?? path;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    });
    try {
      const count = async (mode: 'floor' | 'collector') => {
        requests = 0;
        kinds.clear();
        const result = await runChild(
          mode,
          env.kubernetes.url,
          env.kubernetesToken,
        );
        const detail = [...kinds].map(([k, n]) => `${k} ${n}`).join(', ');
        console.log(
          `${runs} runs, ${mode}: ${secs(result.ms)} (CPU ${secs(
            result.cpuMs,
          )}, main thread busy ${secs(result.busyMs)}${
            result.maxBlockMs !== undefined
              ? `, event loop held at most ${result.maxBlockMs.toFixed(0)} ms`
              : ''
          }), ${requests} requests (${detail}), RSS ${mib(
            result.baseRss,
          )} -> peak ${mib(result.peakRss)}${
            result.items !== undefined ? `, ${result.items} items` : ''
          }${
            result.written !== undefined ? `, ${result.written} written` : ''
          }${
            result.dbBytes !== undefined
              ? `, SQLite database ${mib(result.dbBytes)}`
              : ''
          }${
            result.logsMs !== undefined
              ? `, logs read in the background by ${secs(result.logsMs)}`
              : ''
          }`,
        );
        return { ...result, requests };
      };
      // Interleaved, the median of each: the machine's load moves single runs.
      const floors: Array<ChildResult & { requests: number }> = [];
      const collections: Array<ChildResult & { requests: number }> = [];
      for (let i = 0; i < REPEAT; i++) {
        floors.push(await count('floor'));
        collections.push(await count('collector'));
      }
      const f = median(floors);
      const c = median(collections);
      rows.push(
        `| ${runs.toLocaleString('en')} | ${secs(f.ms)} | ${secs(c.ms)} | ${(
          c.ms / f.ms
        ).toFixed(2)}x | ${floors
          .map((floorRun, i) => (collections[i].ms / floorRun.ms).toFixed(2))
          .join(', ')} | ${secs(f.cpuMs)} / ${secs(c.cpuMs)} | ${secs(
          middle(floors.map(r => r.busyMs)),
        )} / ${secs(middle(collections.map(r => r.busyMs)))} | ${
          f.requests
        } / ${c.requests} | ${mib(f.peakRss)} / ${mib(c.peakRss)} (${mib(
          f.baseRss,
        )} / ${mib(c.baseRss)}) | ${secs(c.logsMs ?? c.ms)} |`,
      );
    } finally {
      await env.stop();
    }
  }
  console.log(rows.join('\n'));
}

const [mode, url, token] = process.argv.slice(2);
if (mode === 'floor' || mode === 'collector') {
  (mode === 'floor' ? floor(url, token) : collector(url, token)).then(
    result => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    error => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
