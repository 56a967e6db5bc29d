import { Page, expect } from '@playwright/test';

/** Signs in with the guest provider, the demo portal's only sign-in method. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // The sidebar's link: the catalog page's own title can hold a second "Catalog" link.
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Collects uncaught page errors, so a test can assert that a page rendered cleanly. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', err => errors.push(err.message));
  return errors;
}
