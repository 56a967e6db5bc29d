import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ClusterRequestError } from '@private-ai/plugin-modelops-node';

/** A Kubernetes object name (DNS subdomain). */
export const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** A whole number query parameter within [0, max], or the fallback when absent. */
export function positiveInt(
  value: unknown,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new InputError(
      `${name} must be a whole number from 0 to ${max}, got "${value}"`,
    );
  return n;
}

/** Turns a cluster failure into the error the caller should see. */
export function clusterFailure(error: unknown): never {
  if (error instanceof ClusterRequestError) {
    if (error.statusCode === 404) throw new NotFoundError(error.message);
    if (error.statusCode === 409) throw new ConflictError(error.message);
    throw new ServiceUnavailableError(error.message);
  }
  throw error;
}

/** A log cut to at most `maxBytes` (UTF-8), with whether it was cut. */
export function boundedLog(
  text: string,
  maxBytes: number,
): { text: string; truncated: boolean; limitBytes: number } {
  const truncated = Buffer.byteLength(text) > maxBytes;
  return {
    text: truncated
      ? Buffer.from(text).subarray(0, maxBytes).toString('utf8')
      : text,
    truncated,
    limitBytes: maxBytes,
  };
}
