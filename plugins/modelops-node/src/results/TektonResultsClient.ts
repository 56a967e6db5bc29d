import { Agent, fetch } from 'undici';
import { readTail, StreamTail } from '../cluster/readTail';
import { readRecordsPage } from './readRecordsPage';
import { ResultsRequestError } from './ResultsRequestError';
import { RecordQuery, ResultsConfig, ResultsRecord } from './types';

const API = '/apis/results.tekton.dev';
const ERROR_BODY_BYTES = 4096;

const HINTS: Record<number, string> = {
  400: 'the server refused the query',
  401: 'the server refused the token (expired or wrong)',
  403: 'the token may not read this parent',
  404: 'not found',
  429: 'the server is throttling requests',
};

function describe(status: number, body: string): string {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // not a gRPC status; keep the text
  }
  return `HTTP ${status}${HINTS[status] ? ` (${HINTS[status]})` : ''}${
    message ? `: ${message}` : ''
  }`;
}

/** `<parent>/results/<result>/records/<record>` split into its parts. */
function recordParts(name: string) {
  const m = /^([^/]+)\/results\/([^/]+)\/records\/([^/]+)$/.exec(name);
  if (!m) throw new Error(`"${name}" is not a Tekton Results record name`);
  return { parent: m[1], result: m[2], record: m[3] };
}

/**
 * A client of the Tekton Results REST API (`results.tekton.dev/v1alpha2` Records, the
 * `v1alpha3` log endpoint): paged and filtered on the server, strict about answers (a page
 * that is not what the API promises fails the whole read), with a timeout per request and the
 * same TLS settings as the cluster client.
 * @public
 */
export class TektonResultsClient {
  private readonly dispatcher?: Agent;
  private readonly baseUrl: string;

  constructor(readonly config: ResultsConfig) {
    this.baseUrl = config.url.replace(/\/+$/, '');
    if (config.url.startsWith('https:'))
      this.dispatcher = new Agent({
        connect: {
          rejectUnauthorized: !config.skipTLSVerify,
          ...(config.caData
            ? { ca: Buffer.from(config.caData, 'base64').toString('utf8') }
            : {}),
        },
      });
  }

  get cluster(): string {
    return this.config.cluster;
  }

  private async request(path: string, what: string, accept: string) {
    const headers: Record<string, string> = { accept };
    if (this.config.token)
      headers.authorization = `Bearer ${this.config.token}`;
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        headers,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      const e = error as Error & {
        cause?: { code?: string; message?: string };
      };
      throw new ResultsRequestError(
        this.cluster,
        what,
        undefined,
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `no answer within ${this.config.timeoutMs} ms`
          : `unreachable (${e.cause?.code ?? e.cause?.message ?? e.message})`,
      );
    }
  }

  private async fail(
    response: { status: number; body: AsyncIterable<Uint8Array> | null },
    what: string,
  ): Promise<never> {
    const { text } = await readTail(response.body, ERROR_BODY_BYTES);
    throw new ResultsRequestError(
      this.cluster,
      what,
      response.status,
      describe(response.status, text),
    );
  }

  /**
   * Pages of records matching a query, one page at a time so a caller can process and drop
   * each one; any failed or garbled page ends the iteration with an error.
   */
  async *listRecords(query: RecordQuery = {}): AsyncGenerator<ResultsRecord[]> {
    const parentName = query.parent ?? this.config.parent;
    const parent = encodeURIComponent(parentName);
    const result = encodeURIComponent(query.result ?? '-');
    const what = `list records of ${parentName}/results/${query.result ?? '-'}${
      query.filter ? ` (${query.filter})` : ''
    }`;
    let token: string | undefined;
    let pages = 0;
    do {
      const params = new URLSearchParams({
        page_size: String(query.pageSize ?? this.config.pageSize),
      });
      if (query.filter) params.set('filter', query.filter);
      if (query.orderBy) params.set('order_by', query.orderBy);
      if (token) params.set('page_token', token);
      const response = await this.request(
        `${API}/v1alpha2/parents/${parent}/results/${result}/records?${params}`,
        what,
        'application/json',
      );
      if (!response.ok) await this.fail(response, what);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ResultsRequestError(
          this.cluster,
          what,
          response.status,
          'the answer is not JSON (is the URL a Tekton Results API server?)',
        );
      }
      pages++;
      const page = readRecordsPage(body);
      if ('problem' in page)
        throw new ResultsRequestError(
          this.cluster,
          what,
          response.status,
          `unexpected answer${pages > 1 ? ` on page ${pages}` : ''}: ${
            page.problem
          }`,
        );
      if (page.nextPageToken && page.nextPageToken === token)
        throw new ResultsRequestError(
          this.cluster,
          what,
          response.status,
          'the same page token came back twice (paging loops)',
        );
      token = page.nextPageToken;
      yield page.records;
    } while (token);
  }

  /** Every record matching a query (for small reads, e.g. the TaskRuns of one run). */
  async allRecords(query: RecordQuery = {}): Promise<ResultsRecord[]> {
    const all: ResultsRecord[] = [];
    for await (const page of this.listRecords(query)) all.push(...page);
    return all;
  }

  /**
   * The end of the log of a TaskRun record (the `v1alpha3` log endpoint, which OpenShift
   * Pipelines serves from its log store): at most `limitBytes`, starting at a line boundary.
   */
  async logTail(recordName: string, limitBytes: number): Promise<StreamTail> {
    const { parent, result, record } = recordParts(recordName);
    const what = `log of ${recordName}`;
    const response = await this.request(
      `${API}/v1alpha3/parents/${encodeURIComponent(
        parent,
      )}/results/${encodeURIComponent(result)}/logs/${encodeURIComponent(
        record,
      )}`,
      what,
      'text/plain',
    );
    if (!response.ok) await this.fail(response, what);
    try {
      return await readTail(response.body, limitBytes);
    } catch (error) {
      throw new ResultsRequestError(
        this.cluster,
        what,
        response.status,
        `the log stream broke (${(error as Error).message})`,
      );
    }
  }
}
