/*
 * The ModelOps runs tab and the community Tekton plugin side by side, in one run, in headless
 * Chromium, on one entity with BENCH_RUNS runs (issue 15). Run the whole thing with
 * `yarn workspace @private-ai/bench bench:tekton` (tektonSideBySide.sh makes the portal copy
 * with the Tekton plugin, then runs this file with TEKTON_PORTAL_ROOT set to it). A benchmark,
 * not a timed test: it prints its figures and fails only when a tab shows no run.
 *
 * The portal (demoPortal.ts, `yarn start:demo` of the copy; frontend 3170, backend 7170, demo
 * cluster 7171, demo registry 7172, run simulator off) gets one Component from a catalog file:
 * `backstage.io/kubernetes-id` of the generated model (so both plugins select the same runs) and
 * `tekton.dev/cicd: "true"` (the Tekton plugin's tab). The Tekton plugin reads PipelineRuns and
 * TaskRuns through @backstage/plugin-kubernetes-backend's custom resources (app-config.demo.yaml
 * lists tekton.dev/v1 pipelineruns and taskruns), pointed at the same demo cluster.
 *
 * For each tab, in a browser context of its own: sign in, open the entity's overview, then
 * navigate to the tab inside the app (history, as a click on the tab does) and measure:
 * - first row: until a run of the model is shown;
 * - API data: bodies of every /api/ response from the navigation until SETTLE_SECONDS after the
 *   first row;
 * - JS heap: used heap after a forced GC before the navigation and SETTLE_SECONDS after the first
 *   row;
 * - idle: requests and response bytes in BENCH_IDLE_SECONDS afterwards.
 */
import { Browser, Page } from '@playwright/test';
import { generateScale } from '@private-ai/demo-environment';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { startDemoPortal } from './demoPortal';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const SETTLE_SECONDS = 5;
const PORTS = { app: 3170, backend: 7170, kubernetes: 7171, registry: 7172 };
const COMPONENT = 'scale-model-0000-pipelines';

function catalogFile(entity: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-tekton-catalog-'));
  const file = join(dir, 'catalog-info.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: COMPONENT,
        annotations: {
          'backstage.io/kubernetes-id': entity,
          'tekton.dev/cicd': 'true',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/ai-platform',
      },
    }),
  );
  return file;
}

interface Figures {
  firstRowMs: number;
  apiRequests: number;
  apiBytes: number;
  heapDeltaMiB: number;
  idleRequests: number;
  idleBytes: number;
}

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByTestId('sidebar-root').waitFor({ state: 'attached' });
}

async function measureTab(
  browser: Browser,
  baseURL: string,
  tabPath: string,
  /** Where the tab shows its runs (the overview's runs card shows run names too). */
  rows: string,
  runName: RegExp,
): Promise<Figures> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  try {
    await signIn(page);
    const entityPath = `/catalog/default/component/${COMPONENT}`;
    await page.goto(entityPath);
    await page.getByText(COMPONENT).first().waitFor();
    await page.waitForTimeout(2000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find(m => m.name === 'JSHeapUsedSize')!.value;
    };
    const heapBefore = await heap();

    // Bytes as the page receives them (decoded), from the network events: Chromium does not
    // keep the bodies of responses of many megabytes for `response.body()`.
    let apiRequests = 0;
    let apiBytes = 0;
    let requests = 0;
    let bytes = 0;
    const api = new Set<string>();
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', event => {
      requests++;
      if (new URL(event.request.url).pathname.startsWith('/api/')) {
        apiRequests++;
        api.add(event.requestId);
      }
    });
    cdp.on('Network.dataReceived', event => {
      bytes += event.dataLength;
      if (api.has(event.requestId)) apiBytes += event.dataLength;
    });

    const start = Date.now();
    await page.evaluate(path => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `${entityPath}${tabPath}`);
    // A text node that is a run's name, in the tab's list of runs.
    const shownAt = (await (
      await page.waitForFunction(
        ([selector, source]) => {
          const pattern = new RegExp(source);
          for (const container of document.querySelectorAll(selector)) {
            const walker = document.createTreeWalker(
              container,
              NodeFilter.SHOW_TEXT,
            );
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (pattern.test((n.textContent ?? '').trim())) return Date.now();
            }
          }
          return false;
        },
        [rows, runName.source] as const,
        { polling: 'raf', timeout: 180_000 },
      )
    ).jsonValue()) as number;
    await page.waitForTimeout(SETTLE_SECONDS * 1000);
    const loaded = { apiRequests, apiBytes };
    const heapAfter = await heap();
    await page.screenshot({
      path: join(os.tmpdir(), `bench-tekton${tabPath.replace('/', '-')}.png`),
    });

    const before = { requests, bytes };
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    return {
      firstRowMs: shownAt - start,
      apiRequests: loaded.apiRequests,
      apiBytes: loaded.apiBytes,
      heapDeltaMiB: (heapAfter - heapBefore) / 2 ** 20,
      idleRequests: requests - before.requests,
      idleBytes: bytes - before.bytes,
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const repoRoot = process.env.TEKTON_PORTAL_ROOT;
  if (!repoRoot)
    throw new Error(
      'TEKTON_PORTAL_ROOT is not set: run `yarn bench:tekton` (tektonSideBySide.sh)',
    );
  const entity = generateScale({ runs: RUNS, models: 1 }).entities[0];
  const portal = await startDemoPortal({
    ports: PORTS,
    runs: RUNS,
    repoRoot,
    demoEnvironment: { simulation: { taskSeconds: 0 } },
    config: {
      catalog: {
        providers: {
          modelops: {
            demo: { baseUrl: `http://127.0.0.1:${PORTS.registry}` },
          },
        },
        locations: [{ type: 'file', target: catalogFile(entity) }],
      },
    },
  });
  try {
    const baseURL = `http://localhost:${PORTS.app}`;
    const runName = new RegExp(`^${entity}-[a-z0-9]+$`);
    const modelops = await measureTab(
      portal.browser,
      baseURL,
      '/pipeline-runs',
      '[role="list"][aria-label="Pipeline runs"]',
      runName,
    );
    const tekton = await measureTab(
      portal.browser,
      baseURL,
      '/tekton',
      'table',
      runName,
    );
    const row = (name: string, f: (x: Figures) => string) =>
      `| ${name} | ${f(modelops)} | ${f(tekton)} |`;
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB = ${n} bytes`;
    console.log(
      [
        `${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(
          os.totalmem() / 2 ** 30,
        )} GiB, Node ${process.version}, load ${os
          .loadavg()
          .map(l => l.toFixed(1))
          .join(' ')}, ${new Date().toISOString()}`,
        `entity component:default/${COMPONENT} (${RUNS} runs of ${entity})`,
        '',
        `| measure | ModelOps runs tab | Tekton plugin 3.39.0 |`,
        `| --- | --- | --- |`,
        row('first run shown after navigation', x => `${x.firstRowMs} ms`),
        row(
          `API data until ${SETTLE_SECONDS} s after the first run`,
          x => `${mb(x.apiBytes)} (${x.apiRequests} requests)`,
        ),
        row(
          'JS heap delta (after GC)',
          x => `${x.heapDeltaMiB.toFixed(1)} MiB`,
        ),
        row(
          `requests in ${IDLE_SECONDS} s idle`,
          x => `${x.idleRequests} (${mb(x.idleBytes)})`,
        ),
      ].join('\n'),
    );
  } finally {
    await portal.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
