/**
 * A failed request to a Tekton Results API server: names the cluster it archives, what was
 * asked, and what the server (or the network) answered. Never contains the token.
 * @public
 */
export class ResultsRequestError extends Error {
  constructor(
    readonly cluster: string,
    readonly request: string,
    /** HTTP status, or undefined when the server did not answer. */
    readonly statusCode: number | undefined,
    detail: string,
  ) {
    super(`Tekton Results of cluster ${cluster}: ${request}: ${detail}`);
    this.name = 'ResultsRequestError';
  }

  /** The server said the record or log does not exist. */
  get notFound(): boolean {
    return this.statusCode === 404;
  }
}
