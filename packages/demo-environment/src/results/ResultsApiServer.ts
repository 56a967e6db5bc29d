import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import {
  close,
  hasBearerToken,
  listen,
  sendJson,
  sendText,
  urlOf,
} from '../http/httpUtils';
import { ResultsArchive } from './ResultsArchive';
import { compileRecordFilter, FilterError } from './recordFilter';

/** Options of {@link startResultsApi}. @public */
export interface ResultsApiOptions {
  archive: ResultsArchive;
  token: string;
  port: number;
  host: string;
}

/** A running loopback Tekton Results API. @public */
export interface RunningResultsApi {
  /** Base URL; the API is under `/apis/results.tekton.dev/`. */
  url: string;
  port: number;
  server: Server;
  /** Requests answered since start (any status), for benchmarks. */
  requests: number;
  /** Bytes of answer bodies sent since start. */
  bytesSent: number;
  stop(): Promise<void>;
}

/** The paging limits the Results API documents: 50 by default, at most 10000. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 10000;

/** A gRPC status as grpc-gateway writes it: `{ code, message, details }`. */
class GrpcError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new GrpcError(400, 3, message);
const notFound = (message: string) => new GrpcError(404, 5, message);

interface PageToken {
  /** Offset into the ordered, filtered list. */
  o: number;
  /** What the token was issued for; a token used with another query is refused. */
  q: string;
}

function readPaging(query: URLSearchParams, queryKey: string) {
  const sizeText = query.get('page_size');
  let size = DEFAULT_PAGE_SIZE;
  if (sizeText !== null) {
    size = Number(sizeText);
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)
      throw invalid(
        `page_size must be between 0 and ${MAX_PAGE_SIZE}, got ${sizeText}`,
      );
    if (size === 0) size = DEFAULT_PAGE_SIZE;
  }
  let offset = 0;
  const tokenText = query.get('page_token');
  if (tokenText) {
    let token: PageToken;
    try {
      token = JSON.parse(Buffer.from(tokenText, 'base64url').toString('utf8'));
    } catch {
      throw invalid('invalid page token');
    }
    if (token.q !== queryKey || !Number.isInteger(token.o) || token.o < 0)
      throw invalid('invalid page token: it was issued for another query');
    offset = token.o;
  }
  return { size, offset };
}

function pageOf<T>(items: T[], size: number, offset: number, queryKey: string) {
  const page = items.slice(offset, offset + size);
  const next =
    offset + size < items.length
      ? Buffer.from(
          JSON.stringify({ o: offset + size, q: queryKey } satisfies PageToken),
        ).toString('base64url')
      : '';
  return { page, next };
}

/** `create_time`, `update_time`, optionally with `asc`/`desc`, comma-separated. */
function readOrder(orderBy: string | null) {
  if (!orderBy) return undefined;
  const clauses = orderBy.split(',').map(c => {
    const [field, direction = 'asc', extra] = c.trim().split(/\s+/);
    if (
      extra ||
      !['create_time', 'update_time'].includes(field) ||
      !['asc', 'desc'].includes(direction.toLowerCase())
    )
      throw invalid(
        `invalid order_by "${orderBy}": fields are create_time and update_time, with asc or desc`,
      );
    return {
      field: field === 'create_time' ? 'createTime' : 'updateTime',
      desc: direction.toLowerCase() === 'desc',
    } as const;
  });
  return <T extends { createTime: string; updateTime: string }>(a: T, b: T) => {
    for (const c of clauses) {
      const d = Date.parse(a[c.field]) - Date.parse(b[c.field]);
      if (d !== 0) return c.desc ? -d : d;
    }
    return 0;
  };
}

const PREFIX_V1ALPHA2 = '/apis/results.tekton.dev/v1alpha2/parents/';
const PREFIX_V1ALPHA3 = '/apis/results.tekton.dev/v1alpha3/parents/';

function route(
  archive: ResultsArchive,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if ((request.method ?? 'GET') !== 'GET')
    throw new GrpcError(405, 12, `the loopback Results API is read-only`);
  const v3 = url.pathname.startsWith(PREFIX_V1ALPHA3);
  if (!v3 && !url.pathname.startsWith(PREFIX_V1ALPHA2))
    throw notFound(`no route for ${url.pathname}`);
  const segments = url.pathname
    .slice((v3 ? PREFIX_V1ALPHA3 : PREFIX_V1ALPHA2).length)
    .split('/')
    .map(s => decodeURIComponent(s));
  const [parent, resultsWord, result, kind, id, ...rest] = segments;
  if (resultsWord !== 'results' || rest.length > 0)
    throw notFound(`no route for ${url.pathname}`);

  // GET .../v1alpha3/parents/{parent}/results/{result}/logs/{record}: the TaskRun's log text.
  if (v3) {
    if (kind !== 'logs' || !id) throw notFound(`no route for ${url.pathname}`);
    const name = `${parent}/results/${result}/records/${id}`;
    if (!archive.record(name)) throw notFound(`record not found: ${name}`);
    const text = archive.logs.get(name);
    if (text === undefined) throw notFound(`no log stored for ${name}`);
    sendText(response, 200, text);
    return;
  }

  // GET .../parents/{parent}/results
  if (result === undefined) {
    const key = `results ${parent} ${url.searchParams.get('filter') ?? ''} ${
      url.searchParams.get('order_by') ?? ''
    }`;
    if (url.searchParams.get('filter'))
      throw invalid('the loopback Results server filters records, not results');
    const { size, offset } = readPaging(url.searchParams, key);
    const all = [...archive.results.values()]
      .filter(r => parent === '-' || r.parent === parent)
      .map(r => r.wire);
    const { page, next } = pageOf(all, size, offset, key);
    // proto3 JSON leaves out empty lists and strings, as the real gateway does.
    sendJson(response, 200, {
      results: page.length ? page : undefined,
      next_page_token: next || undefined,
    });
    return;
  }
  if (kind === undefined) {
    const found = archive.results.get(`${parent}/results/${result}`);
    if (!found) throw notFound(`result not found: ${parent}/results/${result}`);
    sendJson(response, 200, found.wire);
    return;
  }
  if (kind !== 'records') throw notFound(`no route for ${url.pathname}`);
  if (id !== undefined) {
    const found = archive.record(`${parent}/results/${result}/records/${id}`);
    if (!found)
      throw notFound(
        `record not found: ${parent}/results/${result}/records/${id}`,
      );
    sendJson(response, 200, ResultsArchive.wireOf(found));
    return;
  }
  // GET .../parents/{parent}/results/{result}/records?filter&page_size&page_token&order_by
  const filterText = url.searchParams.get('filter') ?? '';
  let filter;
  try {
    filter = compileRecordFilter(filterText);
  } catch (error) {
    if (error instanceof FilterError)
      throw invalid(`error compiling filter: ${error.message}`);
    throw error;
  }
  const order = readOrder(url.searchParams.get('order_by'));
  const key = `records ${parent}/${result} ${filterText} ${
    url.searchParams.get('order_by') ?? ''
  }`;
  const { size, offset } = readPaging(url.searchParams, key);
  const resultName = `${parent}/results/${result}`;
  const matching = archive.records.filter(
    r =>
      (parent === '-' || r.parent === parent) &&
      (result === '-' || r.result === resultName) &&
      filter(r),
  );
  if (order) matching.sort(order);
  const { page, next } = pageOf(matching, size, offset, key);
  sendJson(response, 200, {
    records: page.length ? page.map(ResultsArchive.wireOf) : undefined,
    next_page_token: next || undefined,
  });
}

/**
 * Starts a loopback Tekton Results API (`results.tekton.dev/v1alpha2` Results and Records,
 * the `v1alpha3` log endpoint) over an archive, behind a bearer token. Answers use the
 * proto field names, as the real API server marshals them.
 * @public
 */
export async function startResultsApi(
  options: ResultsApiOptions,
): Promise<RunningResultsApi> {
  const running = { requests: 0, bytesSent: 0 } as RunningResultsApi;
  const server = createServer((request, response) => {
    running.requests++;
    const end = response.end.bind(response);
    response.end = ((chunk?: unknown, ...args: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk))
        running.bytesSent += Buffer.byteLength(chunk as string);
      return (end as (...a: unknown[]) => ServerResponse)(chunk, ...args);
    }) as typeof response.end;
    try {
      if (!hasBearerToken(request, options.token))
        throw new GrpcError(
          401,
          16,
          'Unauthenticated: a valid bearer token is required',
        );
      route(options.archive, request, response);
    } catch (error) {
      if (error instanceof GrpcError)
        sendJson(response, error.httpStatus, {
          code: error.code,
          message: error.message,
          details: [],
        });
      else
        sendJson(response, 500, {
          code: 13,
          message: String(error),
          details: [],
        });
    }
  });
  const port = await listen(
    server,
    options.port,
    options.host,
    'Tekton Results API',
  );
  running.url = urlOf(options.host, port);
  running.port = port;
  running.server = server;
  running.stop = () => close(server);
  return running;
}
