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
    /**
     * `reason` of the Kubernetes `Status` object the cluster answered (`NotFound`, `Expired`),
     * or undefined when the answer was not one (a proxy's page, no answer).
     */
    readonly reason?: string,
  ) {
    super(`cluster ${cluster}: ${request}: ${detail}`);
    this.name = 'ClusterRequestError';
  }

  /**
   * The API server itself said the resource does not exist (404 with a `Status` object): a
   * CRD that is not installed. A 404 from anything else (a wrong URL, a proxy) is not this.
   */
  get resourceNotFound(): boolean {
    return this.statusCode === 404 && this.reason === 'NotFound';
  }

  /** The cluster refused the credentials (401) or the permission (403). */
  get refused(): boolean {
    return this.statusCode === 401 || this.statusCode === 403;
  }
}
