/*
 * The runs tab of an entity with 1,000 runs, in headless Chromium (issue 15). Run with
 * `yarn workspace @private-ai/bench bench:runs-tab`. A benchmark, not a timed test: it prints
 * its figures and fails only when the portal does not answer.
 *
 * It starts its own demo portal (demoPortal.ts: `yarn start:demo` with its own config) on ports
 * of its own (frontend 3150, backend 7150, demo cluster 7151, demo registry 7152), the demo
 * cluster seeded by the generator with BENCH_RUNS runs of one model, signs in as guest, opens
 * the model's overview, then measures:
 * - time to first row: click on "All runs, logs and diagnoses" until the first run is visible;
 * - time to reach the last run: scroll to the end of the list, again and again, until the last
 *   run is shown (each step timed: scroll until the rows there are rendered);
 * - jumps: scroll to 20 random places of the loaded list, time until the rows there render;
 * - API bytes: bodies of every /api/ response from the click on;
 * - JS heap: used heap after a forced GC, before the click and after the last run;
 * - requests in 30 s idle afterwards.
 * Everything talks to 127.0.0.1 only.
 */
import os from 'node:os';
import { startDemoPortal } from './demoPortal';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const PORTS = { app: 3150, backend: 7150, kubernetes: 7151, registry: 7152 };

const ms = (n: number) => `${Math.round(n)} ms`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

async function main() {
  const portal = await startDemoPortal({ ports: PORTS, runs: RUNS });
  const { entity, page } = portal;
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find(m => m.name === 'JSHeapUsedSize')!.value;
    };
    const heapBefore = await heap();

    let apiBytes = 0;
    let apiRequests = 0;
    let requests = 0;
    /** What the page asked for in the idle time (paths), to tell what made it ask. */
    let idleLog: string[] | undefined;
    page.on('request', request => {
      requests++;
      const url = new URL(request.url());
      idleLog?.push(`${request.method()} ${url.pathname}${url.search}`);
    });
    page.on('response', async response => {
      if (!new URL(response.url()).pathname.startsWith('/api/')) return;
      apiRequests++;
      try {
        apiBytes += (await response.body()).length;
      } catch {
        // a response without a body
      }
    });

    const clicked = performance.now();
    await page.getByText('All runs, logs and diagnoses').click();
    const rows = page.getByRole('listitem').filter({
      has: page.getByRole('button', { name: /^run / }),
    });
    await rows.first().waitFor();
    const firstRow = performance.now() - clicked;
    console.log(`first row after ${ms(firstRow)}`);

    // Scroll to the end of what is loaded until the list has no more runs to load.
    const list = page.getByRole('list', { name: 'Pipeline runs' });
    const steps: number[] = [];
    const reachStart = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const done = await list.evaluate(async (el: HTMLElement) => {
        el.scrollTop = el.scrollHeight;
        const t0 = performance.now();
        // Until the row after the loaded runs is gone or replaced by runs (at most 10 s).
        for (;;) {
          await new Promise(r => requestAnimationFrame(r));
          if (performance.now() - t0 > 10_000) return false;
          const loader = [...el.querySelectorAll('[data-index]')].find(
            r => !r.querySelector('[aria-label^="run "]'),
          );
          const visible =
            loader &&
            loader.getBoundingClientRect().top <
              el.getBoundingClientRect().bottom;
          if (!visible) return !loader;
        }
      });
      steps.push(performance.now() - t0);
      const text = await page
        .getByText(/ runs? matching /)
        .first()
        .textContent();
      if (done && !/loaded/.test(text ?? '')) break;
    }
    const reachLast = performance.now() - reachStart;
    console.log(`reached the end in ${steps.length} scroll steps`);
    const lastLabel = await rows
      .last()
      .getByRole('button')
      .first()
      .getAttribute('aria-label');
    const header = await page
      .getByText(/ runs? matching /)
      .first()
      .textContent();

    // Jumps to random places of the loaded list.
    const jumps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const fraction = ((i * 7919) % 97) / 97;
      jumps.push(
        await list.evaluate(async (el: HTMLElement, f: number) => {
          const t0 = performance.now();
          el.scrollTop = f * (el.scrollHeight - el.clientHeight);
          el.dispatchEvent(new Event('scroll'));
          for (;;) {
            await new Promise(r => requestAnimationFrame(r));
            // Bounded: a jump that shows nothing in 5 s counts as 5 s (and is visible as such).
            if (performance.now() - t0 > 5000) return 5000;
            const box = el.getBoundingClientRect();
            const shown = [...el.querySelectorAll('[data-index]')].some(r => {
              const b = r.getBoundingClientRect();
              return b.bottom > box.top + 10 && b.top < box.bottom - 10;
            });
            if (shown) return performance.now() - t0;
          }
        }, fraction),
      );
    }
    const heapAfter = await heap();
    const mounted = await rows.count();

    const requestsBeforeIdle = requests;
    idleLog = [];
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const idleRequests = requests - requestsBeforeIdle;
    const idleRequestCounts: Record<string, number> = {};
    for (const r of idleLog)
      idleRequestCounts[r] = (idleRequestCounts[r] ?? 0) + 1;

    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(
            os.totalmem() / 2 ** 30,
          )} GiB, Node ${process.version}`,
          date: new Date().toISOString(),
          entity,
          header,
          lastRun: lastLabel,
          timeToFirstRow: ms(firstRow),
          timeToReachLastRun: ms(reachLast),
          scrollSteps: steps.length,
          scrollStepP50: ms(percentile(steps, 0.5)),
          scrollStepMax: ms(Math.max(...steps)),
          jumpP50: ms(percentile(jumps, 0.5)),
          jumpMax: ms(Math.max(...jumps)),
          apiRequests,
          apiBytes,
          heapDelta: mib(heapAfter - heapBefore),
          mountedRunRows: mounted,
          requestsInIdle: `${idleRequests} in ${IDLE_SECONDS} s`,
          idleRequests: idleRequestCounts,
        },
        null,
        2,
      ),
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
