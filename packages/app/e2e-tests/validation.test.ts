import { test, expect } from '@playwright/test';
import { screenshotPath } from './screenshots';
import { collectPageErrors, signInAsGuest } from './signIn';

test('the notebooks component shows the wave board: the first failing wave, the failed build and the failing cell', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  // The collector fills the history within seconds of the backend's start.
  await expect(async () => {
    await page.goto(
      '/catalog/default/component/anomaly-detection-notebooks/notebook-validation',
    );
    await expect(
      page.getByText(/44 NotebookValidationJobs in 11 sync waves/),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByText(/Wave 3 is the first failing wave: 2 of 4 jobs failed/),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Wave 3, first failing wave' }),
  ).toBeVisible();

  // The first failed job of wave 3 is open: it was validated before its image was built.
  const race = page.getByRole('region', {
    name: 'details of wave3-autoencoder-anomalies',
  });
  await expect(race).toBeVisible();
  await expect(
    race.getByText('Validated before the image was built.'),
  ).toBeVisible();
  await page
    .getByRole('region', { name: 'Wave 3, first failing wave' })
    .screenshot({ path: screenshotPath('notebook-wave-board.png') });

  // The failed image build.
  await page
    .getByRole('button', {
      name: /^wave3-lstm-based-prediction: Failed, Image build failed/,
    })
    .click();
  const build = page.getByRole('region', {
    name: 'details of wave3-lstm-based-prediction',
  });
  await expect(build.getByText(/tensorflow==2.15.0rc0/).first()).toBeVisible();

  // The failing cell, and the validation pod's log.
  await page
    .getByRole('button', {
      name: /^wave4-ensemble-anomaly-methods: Failed, Cell 7 failed/,
    })
    .click();
  const cell = page.getByRole('region', {
    name: 'details of wave4-ensemble-anomaly-methods',
  });
  await expect(
    cell
      .getByRole('table', { name: 'cell results' })
      .getByText("KeyError: 'lstm_autoencoder'", { exact: true }),
  ).toBeVisible();
  await cell.getByRole('button', { name: 'Validation pod log' }).click();
  await expect(
    page.getByRole('dialog').getByText(/PapermillExecutionError/),
  ).toBeVisible({ timeout: 30_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.screenshot({
    path: screenshotPath('notebook-validation.png'),
    fullPage: false,
  });
  expect(errors).toEqual([]);
});

test('a Mistral version shows its evaluation gate; the model shows the trend and a comparison', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(
    '/catalog/default/resource/mistral-small-24b-instruct-quantized-w4a16-2501',
  );
  const gate = page.getByText('Evaluation gate').first();
  await expect(gate).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('passes all 4 thresholds')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('table', { name: 'gate checks' })).toContainText(
    'TTFT p90 (ms)',
  );

  await page.goto(
    '/catalog/default/resource/mistral-small-24b-instruct/evaluation',
  );
  const versions = page.getByRole('table', { name: 'versions and their gate' });
  await expect(versions).toBeVisible({ timeout: 60_000 });
  await expect(
    versions.getByRole('row').filter({ hasText: /^full-fp16-/ }),
  ).toContainText('fails: ttft_p90 396.2 (needs <= 300)');
  await expect(
    page.getByRole('figure', { name: 'TTFT p90 (ms) across versions' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'version comparison' }),
  ).toContainText('requests/s');
  await page.screenshot({
    path: screenshotPath('evaluation-tab.png'),
    fullPage: true,
  });
  expect(errors).toEqual([]);
});
