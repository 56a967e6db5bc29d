import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { stringify } from 'yaml';

/** One finding of tekton-lint. */
export interface LintProblem {
  level: 'error' | 'warning';
  rule: string;
  message: string;
}

// `prefer-beta` asks for v1beta1, which Tekton deprecated; the images are pinned by tag, so
// `latest` and a missing hashbang are errors for generated objects.
const RULES = {
  'prefer-beta': 'off',
  'no-latest-image': 'error',
  'no-missing-hashbang': 'error',
};

const TIMEOUT_MS = 30_000;

/**
 * Lints Tekton objects with `@ibm/tekton-lint`, offline, in a worker thread of this process
 * (the linter is an ES module with top-level await; see lint/tekton-lint-worker.mjs). The
 * objects are written to a private temporary directory, because the linter reads files by
 * glob, with a `.tektonlintrc.yaml` that names no external tasks (nothing is cloned) and a
 * cache directory of its own (nothing from `~/.tekton-lint` is mixed in).
 */
export async function lintTekton(objects: object[]): Promise<LintProblem[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelops-tekton-lint-'));
  try {
    await fs.mkdir(path.join(dir, 'cache'));
    await fs.writeFile(
      path.join(dir, '.tektonlintrc.yaml'),
      stringify({ rules: RULES, 'external-tasks': [] }),
    );
    const file = path.join(dir, 'objects.yaml');
    await fs.writeFile(file, objects.map(o => stringify(o)).join('---\n'));
    const script = resolvePackagePath(
      '@private-ai/plugin-scaffolder-backend-module-modelops',
      'lint/tekton-lint-worker.mjs',
    );
    const problems = await new Promise<
      Array<{ level: string; rule: string; message: string }>
    >((resolve, reject) => {
      const worker = new Worker(script, {
        workerData: { dir, file },
        env: { ...process.env, TL_CACHE_DIR: path.join(dir, 'cache') },
        stdout: true,
      });
      // One answer per worker; the worker is ended either way, so none outlives its lint.
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`tekton-lint did not finish within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      const settle = (answer: () => void) => {
        clearTimeout(timer);
        answer();
        void worker.terminate();
      };
      worker.once('message', message => settle(() => resolve(message)));
      worker.once('error', (error: Error) =>
        settle(() => reject(new Error(`tekton-lint failed: ${error.message}`))),
      );
      worker.once('exit', code =>
        settle(() =>
          reject(
            new Error(`tekton-lint exited (code ${code}) without an answer`),
          ),
        ),
      );
    });
    // Array.from, not problems.map: the message arrives as an array of the worker's
    // deserialization realm, which template engines that check prototypes refuse.
    return Array.from(problems, p => ({
      level: p.level === 'error' ? 'error' : 'warning',
      rule: String(p.rule),
      message: String(p.message),
    }));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
