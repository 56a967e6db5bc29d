import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ClusterRequestError,
  PodLogTail,
} from '@private-ai/plugin-modelops-node';

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
    if (error.resourceNotFound) throw new NotFoundError(error.message);
    if (error.statusCode === 409) throw new ConflictError(error.message);
    throw new ServiceUnavailableError(error.message);
  }
  throw error;
}

/**
 * The answer of a log route: the end of the log as the cluster client read it (at most
 * `limitBytes`, from a line start), whether earlier output was cut, and how much.
 */
export function tailLogResponse(
  tail: PodLogTail,
  limitBytes: number,
): { text: string; truncated: boolean; cutBytes: number; limitBytes: number } {
  return {
    text: tail.text,
    truncated: tail.cutBytes > 0,
    cutBytes: tail.cutBytes,
    limitBytes,
  };
}
