import { InputError } from '@backstage/errors';
import { KeysetPosition } from '../database/labelSelectorQuery';

/** Longest cursor accepted: four names of at most 255 characters and a time, encoded. */
const MAX_CURSOR_LENGTH = 1500;
const TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Kubernetes names and the configured cluster names: printable, at most 255 characters. */
const NAME = /^[\x21-\x7e]{1,255}$/;

/**
 * The opaque `cursor` of the runs list: where the previous page ended (the sort key of its last
 * run), as base64url JSON. It carries no permission: the list under it is filtered as any list.
 */
export function encodeRunCursor(position: KeysetPosition): string {
  return Buffer.from(
    JSON.stringify([
      position.time,
      position.cluster,
      position.namespace,
      position.name,
    ]),
  ).toString('base64url');
}

/** The position of a `cursor` a client sent back; 400 for anything {@link encodeRunCursor} does not make. */
export function decodeRunCursor(cursor: unknown): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new InputError(
      'cursor is not one this API returned (take nextCursor from the previous page as is)',
    );
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  )
    throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) throw invalid();
  const [time, cluster, namespace, name] = decoded;
  if (time !== null && (typeof time !== 'string' || !TIME.test(time)))
    throw invalid();
  for (const part of [cluster, namespace, name])
    if (typeof part !== 'string' || !NAME.test(part)) throw invalid();
  // Canonical form only: a cursor re-encoded differently (padding, extra fields) is not ours.
  const position = { time, cluster, namespace, name };
  if (encodeRunCursor(position) !== cursor) throw invalid();
  return position;
}
