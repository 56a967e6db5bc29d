/*
 * A change at the cluster, visible in the runs tab (issue 15: "a change visible in the UI within
 * 2 s"), in headless Chromium. Run with `yarn workspace @private-ai/bench bench:live-runs`. A
 * benchmark, not a timed test: it prints its figures and fails only when a change never shows.
 *
 * It starts its own demo portal (demoPortal.ts: frontend 3160, backend 7160, demo cluster 7161,
 * demo registry 7162; BENCH_RUNS generated runs of one model, the run simulator off so that only
 * the benchmark changes runs), opens the model's runs tab, then BENCH_CHANGES times, one every
 * BENCH_GAP_MS:
 * - creates a PipelineRun of the model at the demo cluster's API (running, as Tekton reports a
 *   started run) and times until its row is in the list;
 * - patches its status to succeeded or failed (`/status`, merge patch, as Tekton's controller
 *   does) and times until its row says so.
 * Times run from just before the request to the cluster until the page sees the row (checked
 * every animation frame, in the page). The path: the backend's watch, the collector's batch and
 * summary, a signal, the tab's reload of its first page (at most one a second).
 */
import os from 'node:os';
import { startDemoPortal } from './demoPortal';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 3000);
const PORTS = { app: 3160, backend: 7160, kubernetes: 7161, registry: 7162 };
const NAMESPACE = 'private-ai';
/** A change not shown after this long counts as never shown: the benchmark fails. */
const GIVE_UP_MS = 60_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  const portal = await startDemoPortal({
    ports: PORTS,
    runs: RUNS,
    demoEnvironment: { simulation: { taskSeconds: 0 } },
  });
  const { entity, page, kubernetes } = portal;
  const k8s = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${kubernetes.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${kubernetes.token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    if (!response.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${path}: HTTP ${
          response.status
        } ${await response.text()}`,
      );
    return response.json();
  };
  const runs = `/apis/tekton.dev/v1/namespaces/${NAMESPACE}/pipelineruns`;
  try {
    // A generated run of the model is the template of the new ones (spec, labels).
    const template = (
      await k8s(
        `${runs}?limit=1&labelSelector=${encodeURIComponent(
          `backstage.io/kubernetes-id=${entity}`,
        )}`,
      )
    ).items[0];
    if (!template) throw new Error(`the demo cluster has no run of ${entity}`);

    let listRequests = 0;
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname === '/api/modelops/runs') listRequests++;
    });
    await page.getByText('All runs, logs and diagnoses').click();
    await page.getByRole('button', { name: /^run / }).first().waitFor();

    /** Resolves with the page's clock when `check(name)` holds in the page. */
    const seen = async (
      name: string,
      status: 'Running' | 'Succeeded' | 'Failed',
    ) =>
      (
        await page.waitForFunction(
          ([n, s]) => {
            const row = document.querySelector(`[aria-label="run ${n}"]`);
            return row && (row.textContent ?? '').includes(s)
              ? Date.now()
              : false;
          },
          [name, status] as const,
          { polling: 'raf', timeout: GIVE_UP_MS },
        )
      ).jsonValue() as Promise<number>;

    const created: number[] = [];
    const finished: number[] = [];
    const requests0 = listRequests;
    for (let i = 0; i < CHANGES; i++) {
      const name = `bench-live-${Date.now().toString(36)}-${i}`;
      const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const start = Date.now();
      await k8s(runs, {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          metadata: {
            name,
            namespace: NAMESPACE,
            labels: template.metadata.labels,
            annotations: template.metadata.annotations,
          },
          spec: template.spec,
          status: {
            startTime: now(),
            conditions: [
              {
                type: 'Succeeded',
                status: 'Unknown',
                reason: 'Running',
                message: 'Tasks Completed: 0 (Failed: 0, Cancelled 0)',
                lastTransitionTime: now(),
              },
            ],
          },
        }),
      });
      created.push((await seen(name, 'Running')) - start);
      await sleep(GAP_MS);

      const failed = i % 2 === 1;
      const end = Date.now();
      await k8s(`${runs}/${name}/status`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({
          status: {
            completionTime: now(),
            conditions: [
              {
                type: 'Succeeded',
                status: failed ? 'False' : 'True',
                reason: failed ? 'Failed' : 'Succeeded',
                message: 'Tasks Completed: 5 (Failed: 0, Cancelled 0)',
                lastTransitionTime: now(),
              },
            ],
          },
        }),
      });
      finished.push((await seen(name, failed ? 'Failed' : 'Succeeded')) - end);
      console.log(
        `change ${i + 1}: new run shown after ${
          created[created.length - 1]
        } ms, its end after ${finished[finished.length - 1]} ms`,
      );
      await sleep(GAP_MS);
    }
    const all = [...created, ...finished];
    console.log(
      JSON.stringify(
        {
          machine: `${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(
            os.totalmem() / 2 ** 30,
          )} GiB, Node ${process.version}, load ${os
            .loadavg()
            .map(l => l.toFixed(1))
            .join(' ')}`,
          date: new Date().toISOString(),
          entity,
          runsOfTheEntity: RUNS,
          changes: all.length,
          newRunShownMs: {
            p50: percentile(created, 0.5),
            max: Math.max(...created),
            all: created,
          },
          endShownMs: {
            p50: percentile(finished, 0.5),
            max: Math.max(...finished),
            all: finished,
          },
          allChangesMs: { p50: percentile(all, 0.5), max: Math.max(...all) },
          listRequestsDuringChanges: listRequests - requests0,
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
