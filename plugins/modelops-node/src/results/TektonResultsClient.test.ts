import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  generateScale,
  KubeObject,
  ResultsArchive,
  RunningResultsApi,
  startResultsApi,
} from '@private-ai/demo-environment';
import documentedRun from './__fixtures__/results-docs-pipelinerun.json';
import { recordFilter } from './recordFilter';
import { ResultsRequestError } from './ResultsRequestError';
import { TektonResultsClient } from './TektonResultsClient';
import { ResultsConfig } from './types';

const TOKEN = 'results-test-token';

function config(
  url: string,
  overrides: Partial<ResultsConfig> = {},
): ResultsConfig {
  return {
    cluster: 'demo',
    url,
    token: TOKEN,
    parent: '-',
    skipTLSVerify: false,
    timeoutMs: 5000,
    pageSize: 7,
    ...overrides,
  };
}

describe('TektonResultsClient against the loopback Results API', () => {
  let api: RunningResultsApi;
  const archive = new ResultsArchive();
  const scale = generateScale({
    runs: 20,
    models: 4,
    withLogs: true,
    now: Date.parse('2026-11-01T00:00:00Z'),
  });

  beforeAll(async () => {
    archive.addObjects(scale.objects, scale.logs);
    archive.addRun(documentedRun as unknown as KubeObject, []);
    api = await startResultsApi({
      archive,
      token: TOKEN,
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(() => api.stop());

  it('pages through PipelineRun records filtered on the server by type and label', async () => {
    const client = new TektonResultsClient(config(api.url));
    const entity = scale.entities[1];
    const before = api.requests;
    const pages = [];
    for await (const page of client.listRecords({
      filter: recordFilter({
        type: 'pipelineRun',
        labels: { 'backstage.io/kubernetes-id': entity },
      }),
      orderBy: 'create_time asc',
    }))
      pages.push(page);
    const names = pages.flat().map(r => (r.data as KubeObject).metadata.name);
    const expected = scale.objects
      .filter(
        o =>
          o.kind === 'PipelineRun' &&
          o.metadata.labels?.['backstage.io/kubernetes-id'] === entity,
      )
      .map(o => o.metadata.name);
    expect(expected).toHaveLength(5);
    expect(names).toEqual(expected);
    expect(pages.map(p => p.length)).toEqual([5]);
    expect(api.requests - before).toBe(1);
  });

  it('follows page tokens and keeps the order by create time', async () => {
    const client = new TektonResultsClient(config(api.url, { pageSize: 3 }));
    const pages = [];
    for await (const page of client.listRecords({
      filter: recordFilter({ type: 'pipelineRun' }),
      orderBy: 'create_time desc',
    }))
      pages.push(page);
    expect(pages.map(p => p.length)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    const times = pages.flat().map(r => Date.parse(r.createTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reads only records created after a time', async () => {
    const client = new TektonResultsClient(config(api.url));
    const runs = await client.allRecords({
      filter: recordFilter({ type: 'pipelineRun' }),
      orderBy: 'create_time asc',
    });
    const after = runs[15].createTime;
    const newer = await client.allRecords({
      filter: recordFilter({ type: 'pipelineRun', createdAfter: after }),
    });
    expect(newer.map(r => r.name).sort()).toEqual(
      runs
        .slice(16)
        .map(r => r.name)
        .sort(),
    );
  });

  it('decodes the record documented by Tekton Results', async () => {
    const client = new TektonResultsClient(
      config(api.url, { parent: 'default' }),
    );
    const [record] = await client.allRecords({
      filter: 'data.metadata.name == "hello"',
    });
    expect(record.type).toBe('tekton.dev/v1.PipelineRun');
    expect(record.name).toBe(
      'default/results/1638b693-844d-4f13-b767-d7d84ac4ab3d/records/1638b693-844d-4f13-b767-d7d84ac4ab3d',
    );
    expect((record.data as KubeObject).status).toEqual(documentedRun.status);
  });

  it('reads the log of a TaskRun record from its end', async () => {
    const client = new TektonResultsClient(config(api.url));
    const failed = scale.objects.find(
      o =>
        o.kind === 'TaskRun' &&
        (o.status as any)?.conditions?.[0]?.status === 'False',
    )!;
    const [record] = await client.allRecords({
      filter: recordFilter({ type: 'taskRun', name: failed.metadata.name }),
    });
    const whole = archive.logs.get(record.name)!;
    expect(whole.length).toBeGreaterThan(100);
    const tail = await client.logTail(record.name, 64);
    expect(whole.endsWith(tail.text)).toBe(true);
    expect(tail.cutBytes).toBe(
      Buffer.byteLength(whole) - Buffer.byteLength(tail.text),
    );
  });

  it('says the token was refused, naming the cluster', async () => {
    const client = new TektonResultsClient(config(api.url, { token: 'wrong' }));
    await expect(client.allRecords()).rejects.toThrow(
      /Tekton Results of cluster demo: list records of -\/results\/-: HTTP 401 \(the server refused the token/,
    );
  });

  it('passes on a filter the server cannot compile as the error it is', async () => {
    const client = new TektonResultsClient(config(api.url));
    const error = await client
      .allRecords({ filter: 'size(data.status.pipelineSpec.tasks) >= 3' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResultsRequestError);
    expect(error.statusCode).toBe(400);
  });
});

describe('TektonResultsClient on answers that are not what the API promises', () => {
  const answers: Array<{ status: number; body: string }> = [];
  const server = createServer((_req, res) => {
    const answer = answers.shift() ?? {
      status: 500,
      body: 'no answer prepared',
    };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  it.each([
    [
      'records that are not a list',
      '{"records":{}}',
      /"records" is not a list/,
    ],
    [
      'a record without a name',
      '{"records":[{"data":{"type":"x","value":"e30="}}]}',
      /a record has no valid name/,
    ],
    [
      'data that is not base64 JSON',
      '{"records":[{"name":"a/results/b/records/c","data":{"type":"x","value":"bm90IGpzb24="},"create_time":"2026-01-01T00:00:00Z","update_time":"2026-01-01T00:00:00Z"}]}',
      /not base64 JSON/,
    ],
    ['an HTML page', '<html>login</html>', /not JSON/],
  ])(
    'fails on %s instead of reading an empty archive',
    async (_what, body, message) => {
      answers.push({ status: 200, body });
      const client = new TektonResultsClient(config(url));
      await expect(client.allRecords()).rejects.toThrow(message);
    },
  );

  it('fails the whole read when a later page is garbled', async () => {
    const record = {
      name: 'ns/results/r1/records/r1',
      uid: 'u',
      data: {
        type: 'tekton.dev/v1.PipelineRun',
        value: Buffer.from('{"metadata":{"name":"a"}}').toString('base64'),
      },
      create_time: '2026-01-01T00:00:00Z',
      update_time: '2026-01-01T00:00:00Z',
    };
    answers.push({
      status: 200,
      body: JSON.stringify({ records: [record], next_page_token: 'p2' }),
    });
    answers.push({ status: 200, body: '{"records":null,"next_page_token":3}' });
    const client = new TektonResultsClient(config(url));
    await expect(client.allRecords()).rejects.toThrow(/on page 2/);
  });

  it('reads an empty answer as no records (the gateway leaves out an empty list)', async () => {
    answers.push({ status: 200, body: '{}' });
    const client = new TektonResultsClient(config(url));
    await expect(client.allRecords()).resolves.toEqual([]);
  });
});
