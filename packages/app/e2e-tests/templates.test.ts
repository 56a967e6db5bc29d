import { test, expect } from '@playwright/test';
import { screenshotPath } from './screenshots';
import { collectPageErrors, signInAsGuest } from './signIn';

test("the ModelCar template starts a run on the demo cluster that shows on the model's runs tab", async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1400, height: 1100 });
  await signInAsGuest(page);
  await page.goto('/create');
  await expect(page.getByText('Evaluate a model version')).toBeVisible({
    timeout: 30_000,
  });
  const card = page
    .locator('div')
    .filter({ has: page.getByText('New ModelCar pipeline', { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/modelcar-pipeline$/,
  );

  // Source model: the Hugging Face field says what is wrong while typing.
  const repo = page.getByRole('textbox', { name: /Hugging Face repository/ });
  await repo.fill('mistralai');
  await expect(page.getByText(/must be "owner\/name"/)).toBeVisible();
  await repo.fill('mistralai/Mistral-Small-24B-Instruct-2501');
  await expect(
    page.getByText(
      'https://huggingface.co/mistralai/Mistral-Small-24B-Instruct-2501',
    ),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Model Registry: pick the model of the catalog; the proposed version name is checked live.
  const model = page
    .getByRole('combobox', { name: /Registered model/ })
    .or(page.getByRole('textbox', { name: /Registered model/ }));
  await model.click();
  await page
    .getByRole('option', { name: 'Mistral-Small-24B-Instruct' })
    .click();
  const version = page.getByRole('textbox', { name: /Version name/ });
  await expect(version).toHaveValue(/^quantized-w4a16-\d{8}-\d{4}$/);
  await version.fill('quantized-w4a16-2501');
  await expect(
    page.getByText(/^must follow the naming convention/),
  ).toBeVisible();
  // A day no seeded version has, and a minute of its own so that runs of this test do not collide.
  const minute = Math.floor(Date.now() / 60_000) % 1440;
  const unique = `quantized-w4a16-20301231-${String(
    Math.floor(minute / 60),
  ).padStart(2, '0')}${String(minute % 60).padStart(2, '0')}`;
  await version.fill(unique);
  await expect(
    page.getByText(
      'Free in the Model Registry demo for Mistral-Small-24B-Instruct',
    ),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('modelcar-template-form.png'),
  });
  await page.getByRole('button', { name: 'Next' }).click();

  // Where it runs: the demo cluster, its namespace and the names of its Secrets.
  await page.getByRole('textbox', { name: /^Cluster/ }).fill('demo-cluster');
  await page.getByRole('textbox', { name: /^Namespace/ }).fill('private-ai');
  await page
    .getByRole('textbox', { name: /Internal image repository/ })
    .fill(
      'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct',
    );
  await page
    .getByRole('textbox', { name: /Quay image repository/ })
    .fill('quay.io/private-ai/mistral-small-24b-instruct');
  await expect(
    page.getByRole('textbox', { name: /Secret with the Hugging Face token/ }),
  ).toHaveValue('hf-token');
  await page.getByRole('button', { name: 'Next' }).click();

  // Output: start now, no pull request (the demo has no git server).
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const runLink = page.getByRole('link', {
    name: "The run on the model's runs tab",
  });
  await expect(runLink).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(
      /PipelineRun mistral-small-24b-instruct-quantized-\w{5} has started/,
    ),
  ).toBeVisible();
  const runName = (await page
    .getByText(
      /PipelineRun mistral-small-24b-instruct-quantized-\w{5} has started/,
    )
    .textContent())!.match(/mistral-small-24b-instruct-quantized-\w{5}/)![0];
  await page.screenshot({
    path: screenshotPath('modelcar-template-done.png'),
    fullPage: true,
  });

  // The output link opens in a new tab; follow it here.
  expect(await runLink.getAttribute('href')).toMatch(
    /^(http:\/\/localhost:3000)?\/catalog\/default\/resource\/mistral-small-24b-instruct\/pipeline-runs$/,
  );
  await page.goto((await runLink.getAttribute('href'))!);
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/mistral-small-24b-instruct\/pipeline-runs$/,
  );
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('button', { name: `run ${runName}` }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(
    page.getByRole('button', { name: `run ${runName}` }),
  ).toContainText('Running');
  expect(errors).toEqual([]);
});

test('the evaluation template starts a run whose model, version and server exist', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1400, height: 1100 });
  await signInAsGuest(page);
  await page.goto('/create/templates/default/evaluate-model-version');
  const version = page
    .getByRole('combobox', { name: /Model version/ })
    .or(page.getByRole('textbox', { name: /Model version/ }));
  await version.click();
  // The picker lists entities by title: "<model> <version>".
  await version.fill('Mistral-Small-24B-Instruct quantized-w4a16-2501');
  await page
    .getByRole('option', {
      name: /Mistral-Small-24B-Instruct quantized-w4a16-2501/,
    })
    .first()
    .click();
  const server = page
    .getByRole('combobox', { name: /Model server/ })
    .or(page.getByRole('textbox', { name: /Model server/ }));
  await server.click();
  await server.fill('Mistral Small 24B');
  await page
    .getByRole('option', { name: /Mistral Small 24B \(w4a16\)/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('checkbox', { name: 'mmlu' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/served by mistral-24b-quantized/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByText(/PipelineRun mistral-24b-quantized-eval-\w{5} has started/),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: "The run on the model's runs tab" }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('a new model built from the ModelCar template has a page with its run before the registry has it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1400, height: 1100 });
  await signInAsGuest(page);
  await page.goto('/create/templates/default/modelcar-pipeline');
  await page
    .getByRole('textbox', { name: /Hugging Face repository/ })
    .fill('microsoft/Phi-4-mini-instruct');
  await page.getByRole('button', { name: 'Next' }).click();

  // A model name of its own per minute, so that runs of this test against one portal do not collide.
  const minute = Math.floor(Date.now() / 60_000) % 10_000;
  const modelName = `Phi-4-Mini-Instruct-E2e${minute}`;
  const entityName = `phi-4-mini-instruct-e2e${minute}`;
  const model = page
    .getByRole('combobox', { name: /Registered model/ })
    .or(page.getByRole('textbox', { name: /Registered model/ }));
  await model.fill(modelName);
  await expect(
    page.getByText(`A new model: ${modelName} will be registered by the run`),
  ).toBeVisible();
  await expect(
    page.getByText(
      `No registered model ${modelName} in the catalog: this will be its first version`,
    ),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: /^Cluster/ }).fill('demo-cluster');
  await page.getByRole('textbox', { name: /^Namespace/ }).fill('private-ai');
  await page
    .getByRole('textbox', { name: /Internal image repository/ })
    .fill(
      `image-registry.openshift-image-registry.svc:5000/private-ai/${entityName}`,
    );
  await page
    .getByRole('textbox', { name: /Quay image repository/ })
    .fill(`quay.io/private-ai/${entityName}`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText(`${modelName} is a new model`)).toBeVisible({
    timeout: 60_000,
  });
  const runLink = page.getByRole('link', {
    name: "The run on the model's runs tab",
  });
  const href = (await runLink.getAttribute('href'))!;
  expect(href).toMatch(
    new RegExp(`/catalog/default/resource/${entityName}/pipeline-runs$`),
  );
  // The catalog module reads the demo registry and cluster every 30 s: the page appears then.
  await expect(async () => {
    await page.goto(href);
    await expect(
      page.getByRole('button', {
        name: new RegExp(`^run ${entityName.slice(0, 40)}-quantized-\\w{5}`),
      }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(
    page.getByRole('heading', { name: modelName }).first(),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('new-model-first-run.png') });
  expect(errors).toEqual([]);
});
