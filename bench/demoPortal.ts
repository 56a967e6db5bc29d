/*
 * The demo portal the browser benchmarks drive: `yarn start:demo` of packages/app and
 * packages/backend on ports of its own, the demo cluster seeded by the generator with `runs`
 * runs of one model, and headless Chromium signed in as guest. Loopback only.
 */
import { Browser, chromium, Page } from '@playwright/test';
import { generateScale } from '@private-ai/demo-environment';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';

export interface DemoPortalPorts {
  app: number;
  backend: number;
  kubernetes: number;
  registry: number;
}

export interface DemoPortal {
  /** The generated model's entity name (`backstage.io/kubernetes-id` of its runs). */
  entity: string;
  /** The demo cluster's API and the token it wants. */
  kubernetes: { url: string; token: string };
  browser: Browser;
  /** Signed in as guest, on the model's overview with its runs card loaded. */
  page: Page;
  stop(): Promise<void>;
}

const repoRoot = resolve(__dirname, '..');
/** The token app-config.demo.yaml gives the demo cluster (`demoEnvironment.kubernetesToken`). */
const KUBERNETES_TOKEN = 'demo-cluster-token';

function portalConfig(
  dir: string,
  ports: DemoPortalPorts,
  runs: number,
  demoEnvironment: Record<string, unknown>,
  extra: Record<string, unknown>,
): string {
  const file = join(dir, 'app-config.bench.yaml');
  const registry = `http://127.0.0.1:${ports.registry}`;
  writeFileSync(
    file,
    JSON.stringify({
      app: { baseUrl: `http://localhost:${ports.app}` },
      backend: {
        baseUrl: `http://localhost:${ports.backend}`,
        listen: { port: ports.backend },
        cors: { origin: `http://localhost:${ports.app}` },
      },
      catalog: { providers: { modelops: { demo: { baseUrl: registry } } } },
      demoEnvironment: {
        kubernetesPort: ports.kubernetes,
        registryPort: ports.registry,
        scale: { runs, models: 1 },
        ...demoEnvironment,
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo-cluster',
                url: `http://127.0.0.1:${ports.kubernetes}`,
                authProvider: 'serviceAccount',
                serviceAccountToken: KUBERNETES_TOKEN,
                skipTLSVerify: true,
                skipMetricsLookup: true,
              },
            ],
          },
        ],
      },
      modelops: { registry: { baseUrl: registry } },
      ...extra,
    }),
  );
  return file;
}

export async function waitFor(url: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * Starts the portal, waits until it answers, opens the model's overview in Chromium (again,
 * until the collector has written its runs). `demoEnvironment` adds to the demo environment's
 * config (e.g. `taskSeconds: 0` stops the run simulator).
 */
export async function startDemoPortal(options: {
  ports: DemoPortalPorts;
  runs: number;
  demoEnvironment?: Record<string, unknown>;
  /** More top-level config (replaces those keys of the benchmark's config). */
  config?: Record<string, unknown>;
  /** The repository whose packages/app and packages/backend run; default this one. */
  repoRoot?: string;
}): Promise<DemoPortal> {
  const { ports, runs } = options;
  const entity = generateScale({ runs, models: 1 }).entities[0];
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-demo-portal-'));
  const log = join(dir, 'portal.log');
  const output = openSync(log, 'w');
  // As `yarn start:demo` does (the demo backend is packages/backend's dev entry), with the
  // benchmark's config on top; each package in a process group of its own.
  const config = portalConfig(
    dir,
    ports,
    runs,
    options.demoEnvironment ?? {},
    options.config ?? {},
  );
  const processes = ['app', 'backend'].map(pkg =>
    spawn('yarn', ['start:demo', '--config', config], {
      cwd: join(options.repoRoot ?? repoRoot, 'packages', pkg),
      stdio: ['ignore', output, output],
      detached: true,
      env: { ...process.env, BROWSER: 'none' },
    }),
  );
  console.log(`portal output: ${log}`);
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    for (const child of processes) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', () => kill());
  /** Ends both process groups: a backend shutting down gracefully gets 15 s. */
  const end = async () => {
    kill();
    const deadline = Date.now() + 15_000;
    while (
      processes.some(c => c.exitCode === null && c.signalCode === null) &&
      Date.now() < deadline
    )
      await new Promise(r => setTimeout(r, 200));
    kill('SIGKILL');
  };
  let browser: Browser | undefined;
  try {
    const started = Date.now();
    await waitFor(
      `http://localhost:${ports.backend}/.backstage/health/v1/readiness`,
      600,
    );
    await waitFor(`http://localhost:${ports.app}`, 600);
    console.log(`portal up in ${Date.now() - started} ms`);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({
      baseURL: `http://localhost:${ports.app}`,
      viewport: { width: 1400, height: 1000 },
    });
    page.setDefaultTimeout(120_000);
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByTestId('sidebar-root').waitFor({ state: 'attached' });

    // The overview first: the app is loaded and the collector has written the runs.
    const entityPath = `/catalog/default/resource/${entity}`;
    for (let attempt = 0; ; attempt++) {
      await page.goto(entityPath);
      try {
        await page
          .getByText('All runs, logs and diagnoses')
          .waitFor({ timeout: 20_000 });
        break;
      } catch (error) {
        if (attempt >= 8) {
          console.error(
            (await page.locator('body').innerText()).slice(0, 3000),
          );
          throw error;
        }
      }
    }
    const opened = browser;
    return {
      entity,
      kubernetes: {
        url: `http://127.0.0.1:${ports.kubernetes}`,
        token: KUBERNETES_TOKEN,
      },
      browser: opened,
      page,
      stop: async () => {
        await opened.close().catch(() => {});
        await end();
      },
    };
  } catch (error) {
    console.error(`the portal's output is in ${log}`);
    await browser?.close().catch(() => {});
    await end();
    throw error;
  }
}
