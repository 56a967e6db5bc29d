#!/usr/bin/env node
/*
 * Opens the consumer portal in Chromium as a user would: guest sign-in, a model page (runs card,
 * versions), then one of its versions (lineage, evaluation gate) and its Evaluation tab.
 * Fails on a missing card or an uncaught page error; leaves screenshots in OUT_DIR.
 * usage: node check-portal.js <baseUrl> <OUT_DIR>
 */
const { chromium } = require('playwright-core');

const [baseUrl, outDir] = process.argv.slice(2);
const MODEL = '/catalog/default/resource/mistral-small-24b-instruct';

async function visible(page, what, locator, timeout = 60_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    await page.screenshot({ path: `${outDir}/failed.png`, fullPage: true });
    throw new Error(
      `${what} not shown on ${page.url()} (screenshot ${outDir}/failed.png)`,
    );
  }
  console.log(`    ok: ${what}`);
}

async function main() {
  const browser = await chromium.launch({
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
  const errors = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.on('pageerror', err => errors.push(err.message));
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await visible(
      page,
      'signed in as guest',
      page.getByRole('link', { name: 'Catalog', exact: true }),
    );

    // The catalog module ingests the registry on its schedule: retry the page until it is there.
    const deadline = Date.now() + 120_000;
    for (;;) {
      await page.goto(`${baseUrl}${MODEL}`);
      const found = await page
        .getByText(/^Versions \(\d+\)$/)
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      if (found || Date.now() > deadline) break;
    }
    await visible(
      page,
      'model page: versions card',
      page.getByText(/^Versions \(\d+\)$/),
    );
    await visible(
      page,
      'model page: pipeline runs card',
      page.getByText('Pipeline runs'),
    );
    await visible(
      page,
      'model page: runs counted',
      page.getByText(/^\d+ runs? · \d+ running$/),
    );
    await page.screenshot({ path: `${outDir}/model-page.png`, fullPage: true });

    await page
      .getByRole('link', { name: /^quantized-w4a16-/ })
      .first()
      .click();
    await visible(
      page,
      'version page: lineage card',
      page.getByText('Lineage'),
    );
    await visible(
      page,
      'version page: evaluation gate card',
      page.getByText('Evaluation gate'),
    );
    await page.screenshot({
      path: `${outDir}/version-page.png`,
      fullPage: true,
    });

    await page.getByText('Evaluation', { exact: true }).first().click();
    await page.waitForURL(/\/evaluation$/);
    await visible(
      page,
      "Evaluation tab: the versions' mmlu",
      page.getByText(/mmlu/i),
    );
    await page.screenshot({
      path: `${outDir}/evaluation-tab.png`,
      fullPage: true,
    });
  } finally {
    await browser.close();
  }
  if (errors.length > 0) throw new Error(`page errors: ${errors.join(' | ')}`);
}

main().catch(error => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
