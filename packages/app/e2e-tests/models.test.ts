import { test, expect } from '@playwright/test';
import { screenshotPath } from './screenshots';
import { collectPageErrors, signInAsGuest } from './signIn';

test('a model lists its versions; a version shows its lineage from source to server', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);
  // Right after a cold start the catalog may not have ingested the registry yet (its first
  // refresh runs after the backend is ready); the entity page does not retry "not found".
  await expect(async () => {
    await page.goto('/catalog/default/resource/mistral-small-24b-instruct');
    await expect(page.getByText(/^Versions \(\d+\)$/)).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('link', { name: 'quantized-w4a16-2501' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Mistral Small 24B \(w4a16\)/ }).first(),
  ).toBeVisible();

  // Granite: the version built by a run and served by an InferenceService.
  await page.goto('/catalog/default/resource/granite-3.1-8b-instruct');
  const served = page
    .getByRole('row')
    .filter({ hasText: 'Granite 3.1 8B Instruct' })
    .first();
  await expect(served).toBeVisible({ timeout: 30_000 });
  await served.getByRole('link').first().click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/granite-3\.1-8b-instruct-quantized-w4a16-/,
  );
  const lineage = page.getByText('Lineage').first();
  await expect(lineage).toBeVisible();
  await expect(page.getByRole('group', { name: 'Source' })).toContainText(
    'ibm-granite/',
  );
  // The run history fills within seconds of the backend's start; the card reads it once.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('group', { name: 'Built by' })).toContainText(
      'granite-8b-quantized-b7m3k',
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('group', { name: 'Served by' })).toContainText(
    'Ready',
  );
  await expect(
    page.getByRole('table', { name: 'custom properties' }),
  ).toContainText('mmlu');
  await page
    .getByRole('group', { name: 'Source' })
    .locator('xpath=ancestor::div[contains(@class, "modelops-lineage")]')
    .screenshot({ path: screenshotPath('model-version-lineage.png') });

  // The not-ready Qwen server says why, not a green check.
  await page.goto('/catalog/default/component/qwen25-7b-instruct');
  await expect(page.getByText('Not ready').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/KV cache/).first()).toBeVisible();
  expect(errors).toEqual([]);
});
