/**
 * A failed request to a cluster: names the cluster, what was asked, and what the cluster (or
 * the network) answered, in a message a portal user can act on. Never contains the token.
 * @public
 */
export class ClusterRequestError extends Error {
  constructor(
    readonly cluster: string,
    readonly request: string,
    /** HTTP status, or undefined when the cluster did not answer. */
    readonly statusCode: number | undefined,
    detail: string,
  ) {
    super(`cluster ${cluster}: ${request}: ${detail}`);
    this.name = 'ClusterRequestError';
  }

  /** The cluster refused the credentials (401) or the permission (403). */
  get refused(): boolean {
    return this.statusCode === 401 || this.statusCode === 403;
  }
}
