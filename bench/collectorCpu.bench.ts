/*
 * The collector's own work at a full sync, without HTTP (`yarn workspace @private-ai/bench
 * bench:collector-cpu`; `BENCH_RUNS`, default 1,000, `BENCH_REPEAT`, default 9): the
 * generator's runs and TaskRuns are served as JSON pages (500 per page) from memory by a
 * ClusterClient that only parses them, and `RunCollector.collectOnce()` writes them into an
 * empty SQLite database in memory. Each sync runs in a fresh process (so every sync is a first,
 * cold one, as a backend's first sync is) and the median is printed. What it measures is what
 * the full-sync bench's collector does beyond the floor's HTTP: interpretation, diagnosis,
 * the TaskRun join, the writes and their garbage. Use it to compare two versions of that code
 * on one machine; it is not a figure of the table.
 */
import { generateScale, KubeObject } from '@private-ai/demo-environment';
import {
  ClusterClient,
  KubernetesObject,
  KubernetesResource,
} from '@private-ai/plugin-modelops-node';
import knexFactory from 'knex';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RunCollector } from '../plugins/modelops-backend/src/collector/RunCollector';
import { RunStore } from '../plugins/modelops-backend/src/database/RunStore';
import { benchLogger } from './logger';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 9);
const PAGE = 500;

const logger = benchLogger();

/** Pages of JSON text by resource plural, as an API server would send them. */
function pagesOf(objects: KubeObject[]): Record<string, string[]> {
  const byPlural: Record<string, KubeObject[]> = {
    pipelineruns: [],
    taskruns: [],
    pods: [],
    events: [],
  };
  for (const o of objects) {
    if (o.kind === 'PipelineRun') byPlural.pipelineruns.push(o);
    if (o.kind === 'TaskRun') byPlural.taskruns.push(o);
  }
  const pages: Record<string, string[]> = {};
  for (const [plural, items] of Object.entries(byPlural)) {
    items.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    pages[plural] = [];
    for (let i = 0; i === 0 || i < items.length; i += PAGE)
      pages[plural].push(JSON.stringify({ items: items.slice(i, i + PAGE) }));
  }
  return pages;
}

/** A ClusterClient that serves the pages from memory: JSON.parse, one event-loop turn each. */
function memoryClient(pages: Record<string, string[]>): ClusterClient {
  const unsupported = () => {
    throw new Error('not served by this bench');
  };
  const client = {
    cluster: 'demo-cluster',
    async *listPages(resource: KubernetesResource) {
      for (const page of pages[resource.plural] ?? []) {
        await nextTurn();
        yield {
          items: JSON.parse(page).items as KubernetesObject[],
          resourceVersion: '1',
        };
      }
    },
    async list(resource: KubernetesResource) {
      const items: KubernetesObject[] = [];
      for await (const page of client.listPages(resource))
        items.push(...page.items);
      return { items, resourceVersion: '1' };
    },
    watch: unsupported,
    get: unsupported,
    create: unsupported,
    patch: unsupported,
    podLogTail: unsupported,
    podLog: unsupported,
  };
  return client as unknown as ClusterClient;
}

async function child(): Promise<number> {
  const data = generateScale({ runs: RUNS, models: 50, withPods: false });
  const client = memoryClient(pagesOf(data.objects));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await RunStore.migrate(knex);
  const collector = new RunCollector({
    clusters: [client],
    store: new RunStore(knex),
    logger,
    namespaces: ['private-ai'],
  });
  const start = performance.now();
  const stats = await collector.collectOnce();
  const ms = performance.now() - start;
  if (stats.written !== RUNS)
    throw new Error(`wrote ${stats.written} of ${RUNS} runs`);
  await knex.destroy();
  return ms;
}

function main() {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        __filename,
        'child',
      ],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
    times.push(Number(run.stdout.trim().split('\n').pop()));
  }
  times.sort((a, b) => a - b);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, node ${
      process.version
    }, ${new Date().toISOString()}`,
  );
  console.log(
    `${RUNS} runs, collector without HTTP, ${REPEAT} fresh processes: median ${times[
      Math.floor(REPEAT / 2)
    ].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[
      REPEAT - 1
    ].toFixed(0)})`,
  );
}

if (process.argv[2] === 'child')
  child().then(
    ms => {
      console.log(ms.toFixed(1));
      process.exit(0);
    },
    error => {
      console.error(error);
      process.exit(1);
    },
  );
else main();
