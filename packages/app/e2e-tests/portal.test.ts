import { test, expect } from '@playwright/test';
import { screenshotPath } from './screenshots';
import { collectPageErrors, signInAsGuest } from './signIn';

test('the catalog lists the demo models and a model page renders', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);

  await expect(
    page.getByText('Demo data', { exact: false }).first(),
  ).toBeVisible();

  await page.goto('/?filters[kind]=resource&filters[type]=ai-model');
  const model = page.getByRole('link', { name: 'Mistral-Small-24B-Instruct' });
  await expect(model).toBeVisible();
  await model.click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/mistral-small-24b-instruct/,
  );
  await expect(
    page.getByRole('heading', { name: /Mistral-Small-24B-Instruct/ }).first(),
  ).toBeVisible();
  await expect(page.getByText('About').first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('model-page.png'),
    fullPage: true,
  });

  // The backend answers too, and refuses callers without credentials.
  const unauthenticated = await request.get(
    'http://localhost:7007/api/catalog/entities',
  );
  expect(unauthenticated.status()).toBe(401);

  // With a guest token (obtained the way the frontend does) it lists the demo models.
  const session = await request.get(
    'http://localhost:7007/api/auth/guest/refresh',
  );
  expect(session.ok()).toBe(true);
  const token = (await session.json()).backstageIdentity.token as string;
  const models = await request.get(
    'http://localhost:7007/api/catalog/entities/by-query?filter=kind=resource,spec.type=ai-model',
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(models.status()).toBe(200);
  const titles = (await models.json()).items.map(
    (e: { metadata: { title?: string } }) => e.metadata.title,
  );
  expect(titles).toContain('Mistral-Small-24B-Instruct');
  expect(titles.length).toBeGreaterThanOrEqual(4);

  // Each Model Registry provider reports its last refresh (entities stay when one fails).
  await expect
    .poll(
      async () => {
        const registries = await request.get(
          'http://localhost:7007/api/catalog/modelops-registries',
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        return (await registries.json()).items;
      },
      { timeout: 30_000 },
    )
    .toEqual([
      expect.objectContaining({
        provider: 'modelops-registry:demo',
        state: 'ok',
        entities: 22,
      }),
    ]);

  expect(errors).toEqual([]);
});

test('the Kubernetes tab of a demo model server shows its objects from the demo cluster', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/mistral-24b-quantized/kubernetes',
  );
  await expect(page.getByText('demo-cluster').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('1 pod', { exact: true })).toBeVisible();
  await page.getByText('demo-cluster').first().click();
  await expect(
    page.getByText(/mistral-24b-quantized-predictor/).first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('model-server-kubernetes.png'),
    fullPage: true,
  });
  expect(errors).toEqual([]);
});
