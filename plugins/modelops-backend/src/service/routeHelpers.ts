import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { checkKubernetesName } from '@private-ai/plugin-modelops-common';
import {
  ClusterRequestError,
  PodLogTail,
} from '@private-ai/plugin-modelops-node';
import express from 'express';

/**
 * A whole number query parameter within [0, max] written in decimal digits only (`limit=`,
 * `0x10`, `1e3` and ` 5` are refused), or the fallback when absent.
 */
export function positiveInt(
  value: unknown,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? +value : -1;
  if (n < 0 || n > max)
    throw new InputError(
      `${name} must be a whole number from 0 to ${max}, got "${value}"`,
    );
  return n;
}

/** The `:cluster/:namespace/:name` of a route, its names checked. */
export function objectKey(request: express.Request, kind: string) {
  const { cluster, namespace, name } = request.params;
  for (const [field, value] of Object.entries({ namespace, name })) {
    const problem = checkKubernetesName(value);
    if (problem)
      throw new InputError(
        `invalid ${kind} reference ${namespace}/${name}: ${field} ${problem}`,
      );
  }
  return { cluster, namespace, name };
}

/** A query parameter given at most once, as text. */
export function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InputError(`${name} must be given once`);
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
