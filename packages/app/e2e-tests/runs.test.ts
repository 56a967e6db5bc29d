import { test, expect } from '@playwright/test';
import { screenshotPath } from './screenshots';
import { collectPageErrors, signInAsGuest } from './signIn';

test('the Mistral model page shows the permission-denied run with its cause and fix', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/mistral-small-24b-instruct');

  // The card on the overview names the cause of each failure.
  await expect(page.getByText('Pipeline runs').first()).toBeVisible();
  await expect(page.getByText(/^\d+ runs · \d+ running$/)).toBeVisible({
    timeout: 30_000,
  });
  await page.getByText('All runs, logs and diagnoses').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/mistral-small-24b-instruct\/pipeline-runs$/,
  );
  const run = page.getByRole('button', {
    name: 'run mistral-24b-quantized-p3x9q',
  });
  // The list is virtualised: only runs in view are mounted, so scroll it until the run is.
  const list = page.getByRole('list', { name: 'Pipeline runs' });
  await expect(async () => {
    if (!(await run.isVisible()))
      await list.evaluate(el => el.scrollBy(0, 200));
    await expect(run).toBeVisible({ timeout: 500 });
  }).toPass();
  await run.click();
  await expect(run).toHaveAttribute('aria-expanded', 'true');
  const diagnosis = page
    .getByRole('region', { name: 'diagnosis' })
    .filter({ hasText: 'push-to-internal' })
    .first();
  await expect(diagnosis).toBeVisible();
  await expect(diagnosis).toContainText(/permission/i);
  await expect(diagnosis).toContainText('Fix:');
  await expect(diagnosis).toContainText('fsGroup');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await run
    .locator('xpath=..')
    .screenshot({ path: screenshotPath('failed-run-diagnosis.png') });

  // The log of the failing step opens in a dialog.
  await page
    .getByRole('button', { name: /^push \(exit 1\)$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Permission denied');
  await expect(dialog.getByRole('button', { name: 'Download' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Re-run: the new run appears and runs without a page reload (signals from the backend).
  const accordion = run.locator('xpath=..');
  await accordion.getByRole('button', { name: 'Re-run' }).click();
  await expect(
    page.getByText(
      /Started modelcar-build-deploy-v2-\w+, a re-run of mistral-24b-quantized-p3x9q/,
    ),
  ).toBeVisible();
  const rerun = page.getByRole('button', {
    name: /^run modelcar-build-deploy-v2-/,
  });
  // The newest run is on top of the list, which is scrolled down to the failed run.
  await expect(async () => {
    await list.evaluate(el => el.scrollTo(0, 0));
    await expect(rerun).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(rerun).toContainText('Running');

  expect(errors).toEqual([]);
});
