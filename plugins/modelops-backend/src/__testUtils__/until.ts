/**
 * Polls `check` every 25 ms until it holds; returns how long that took. Fails the test with
 * `what` when it does not hold within `ms`.
 */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms)
      throw new Error(`timed out waiting: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}
