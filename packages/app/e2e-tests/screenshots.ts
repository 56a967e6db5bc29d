import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Where a test writes a screenshot. The committed `docs/screenshots/` are refreshed only on
 * request (`UPDATE_SCREENSHOTS=1 yarn playwright test`), so a test run leaves a clean
 * checkout clean; otherwise they go to the git-ignored `.toolchain/test-results/screenshots/`.
 */
export function screenshotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(repoRoot, 'docs/screenshots', name)
    : path.join(repoRoot, '.toolchain/test-results/screenshots', name);
}
