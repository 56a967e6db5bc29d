/*
 * Run history from Tekton Results vs. from the cluster (issue 15), side by side in one run:
 * - cluster: BENCH_RUNS generated PipelineRuns (with their TaskRuns) on the demo Kubernetes
 *   API, read by one `RunCollector.collectOnce` into an empty SQLite history;
 * - results: the same number of runs already pruned from the cluster, kept only by the
 *   loopback Tekton Results API (records and TaskRun logs), read by one
 *   `ResultsHistoryImporter.importOnce` into an empty SQLite history.
 * Each side runs in a child process of its own, so peak RSS (the loopback server and its data
 * included, the same for both) is its own. Requests are counted at the loopback servers.
 * Run with `yarn workspace @private-ai/bench bench:results`.
 */
import { startDemoEnvironment } from '@private-ai/demo-environment';
import {
  createClusterClient,
  TektonResultsClient,
} from '@private-ai/plugin-modelops-node';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { ResultsHistoryImporter } from '../plugins/modelops-backend/src/results/ResultsHistoryImporter';
import { ResultsWatermarkStore } from '../plugins/modelops-backend/src/results/ResultsWatermarkStore';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import knexFactory from 'knex';
import { benchLogger } from './logger';

const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const MODELS = Number(process.env.BENCH_MODELS ?? 50);

const logger = benchLogger();

interface SideResult {
  side: string;
  seconds: number;
  requests: number;
  written: number;
  peakRssMiB: number;
  /** RSS once the loopback server holds its data, before the read starts. */
  startRssMiB: number;
}

async function runSide(side: 'cluster' | 'results'): Promise<SideResult> {
  const env = await startDemoEnvironment({
    scenario: false,
    scale: side === 'cluster' ? { runs: RUNS, models: MODELS } : undefined,
    results: side === 'results' ? { prunedRuns: RUNS } : undefined,
    taskSeconds: 0,
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  const store = new RunStore(knex);
  global.gc?.();
  const startRssMiB = process.memoryUsage().rss / 1024 ** 2;
  let requests = 0;
  const server =
    side === 'cluster' ? env.kubernetes.server : env.results!.api.server;
  server.on('request', () => requests++);
  const started = process.hrtime.bigint();
  let written: number;
  if (side === 'cluster') {
    const stats = await new RunCollector({
      clusters: [
        createClusterClient({
          name: 'demo',
          url: env.kubernetes.url,
          serviceAccountToken: env.kubernetesToken,
          skipTLSVerify: false,
          timeoutMs: 60_000,
        }),
      ],
      store,
      logger,
    }).collectOnce();
    if (stats.failedClusters.length) throw new Error('the collection failed');
    written = stats.written;
  } else {
    const stats = await new ResultsHistoryImporter({
      sources: [
        new TektonResultsClient({
          cluster: 'demo',
          url: env.results!.api.url,
          token: env.results!.token,
          parent: '-',
          skipTLSVerify: false,
          timeoutMs: 60_000,
          pageSize: 500,
        }),
      ],
      store,
      watermarks: new ResultsWatermarkStore(knex),
      logger,
    }).importOnce();
    if (stats.failedClusters.length) throw new Error('the import failed');
    written = stats.written;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await env.stop();
  await knex.destroy();
  return {
    side,
    seconds,
    requests,
    written,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    startRssMiB,
  };
}

async function main() {
  const side = process.argv[2];
  if (side === 'cluster' || side === 'results') {
    process.stdout.write(`${JSON.stringify(await runSide(side))}\n`);
    return;
  }
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${(
      os.totalmem() /
      1024 ** 3
    ).toFixed(1)} GiB RAM, node ${
      process.version
    }, ${new Date().toISOString()}`,
  );
  console.log(
    `${RUNS} runs (on average 4 TaskRuns each) over ${MODELS} models, empty SQLite history in memory`,
  );
  const rows: SideResult[] = [];
  for (const s of ['cluster', 'results']) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, __filename, s],
      { env: process.env, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    rows.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  console.log(
    '| source | runs written | time | requests | RSS with the server seeded → peak |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${
        r.side === 'cluster'
          ? 'cluster (RunCollector, runs on the cluster)'
          : 'Tekton Results (ResultsHistoryImporter, runs pruned)'
      } | ${r.written} | ${r.seconds.toFixed(1)} s | ${
        r.requests
      } | ${r.startRssMiB.toFixed(0)} → ${r.peakRssMiB.toFixed(0)} MiB |`,
    );
  if (rows.some(r => r.written !== RUNS))
    throw new Error(`a side did not write all ${RUNS} runs`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
