import { kubeErrors } from './status';

/** What a continue token carries: where the previous page stopped. */
interface ContinueState {
  /** Version of the token format. */
  v: 1;
  /** resourceVersion of the list the first page came from. */
  rv: number;
  /** Key (`namespace/name`) of the last item returned. */
  after: string;
}

/** Makes the opaque continue token for the page after `after`. @public */
export function encodeContinueToken(rv: number, after: string): string {
  const state: ContinueState = { v: 1, rv, after };
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/**
 * Reads a continue token; a token this fake did not make is answered 400, like the API
 * server answers a token it cannot decode.
 * @public
 */
export function decodeContinueToken(token: string): {
  rv: number;
  after: string;
} {
  try {
    const state = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as Partial<ContinueState>;
    if (
      state.v === 1 &&
      typeof state.rv === 'number' &&
      typeof state.after === 'string'
    ) {
      return { rv: state.rv, after: state.after };
    }
  } catch {
    // fall through to the error below
  }
  throw kubeErrors.badRequest(
    `invalid continue token: "${token.slice(0, 64)}"`,
  );
}

/** Parses `limit`: a positive integer, or undefined for "all". @public */
export function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') {
    return undefined;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) {
    throw kubeErrors.badRequest(`invalid value for limit: "${value}"`);
  }
  return limit;
}

/**
 * One page of sorted items: the items after the continue key, at most `limit`, with the
 * token for the next page and how many remain after it.
 * @public
 */
export function pageOf<T>(
  items: Array<{ key: string; object: T }>,
  options: { limit?: number; continueToken?: string | null; rv: number },
): { items: T[]; continueToken?: string; remainingItemCount?: number } {
  let start = 0;
  let rv = options.rv;
  if (options.continueToken) {
    const state = decodeContinueToken(options.continueToken);
    rv = state.rv;
    start = items.findIndex(item => item.key > state.after);
    if (start < 0) {
      start = items.length;
    }
  }
  if (options.limit === undefined || start + options.limit >= items.length) {
    return { items: items.slice(start).map(i => i.object) };
  }
  const page = items.slice(start, start + options.limit);
  return {
    items: page.map(i => i.object),
    continueToken: encodeContinueToken(rv, page[page.length - 1].key),
    remainingItemCount: items.length - start - options.limit,
  };
}
