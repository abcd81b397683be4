/**
 * How much slower than a quiet 2-core machine this one is allowed to be: SPS_TEST_TIME_FACTOR
 * (default 1) stretches every deadline of the tests (waitFor, jest's test timeout), never a
 * duration that a test expects.
 */
export const TIME_FACTOR = timeFactor(process.env.SPS_TEST_TIME_FACTOR);

function timeFactor(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const factor = Number(text);
  if (!(factor >= 1)) throw new Error(`SPS_TEST_TIME_FACTOR must be a number of at least 1, got ${JSON.stringify(text)}`);
  return factor;
}

/** A deadline of `ms` on a quiet machine, scaled by SPS_TEST_TIME_FACTOR. */
export function deadline(ms: number): number {
  return ms * TIME_FACTOR;
}

/**
 * Polls `condition` until it holds; throws, naming `what`, if it still does not after `timeoutMs`
 * (scaled by SPS_TEST_TIME_FACTOR).
 */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const limit = deadline(timeoutMs);
  const until = Date.now() + limit;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${limit / 1000} s waiting until ${what} (SPS_TEST_TIME_FACTOR=${TIME_FACTOR} scales this deadline)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
