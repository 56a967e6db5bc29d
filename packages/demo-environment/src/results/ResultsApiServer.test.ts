import { generateScale } from '../scenario/generateScale';
import { ResultsArchive } from './ResultsArchive';
import { RunningResultsApi, startResultsApi } from './ResultsApiServer';

const TOKEN = 'loopback-results-token';
const BASE = '/apis/results.tekton.dev/v1alpha2/parents';

describe('loopback Tekton Results API', () => {
  let api: RunningResultsApi;
  const archive = new ResultsArchive();
  beforeAll(async () => {
    const scale = generateScale({
      runs: 12,
      models: 3,
      withLogs: true,
      now: Date.parse('2026-11-01T00:00:00Z'),
    });
    archive.addObjects(scale.objects, scale.logs);
    api = await startResultsApi({
      archive,
      token: TOKEN,
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(() => api.stop());

  const get = (path: string, token = TOKEN) =>
    fetch(`${api.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('lists Results with a summary of their PipelineRun record', async () => {
    const res = await get(`${BASE}/-/results?page_size=100`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results).toHaveLength(12);
    expect(body.next_page_token).toBeUndefined();
    const failed = body.results.filter(
      (r: any) => r.summary.status === 'FAILURE',
    );
    expect(failed.length).toBe(4); // runs 6 to 9 of every 10 fail
    expect(body.results[0].summary).toMatchObject({
      type: 'tekton.dev/v1.PipelineRun',
      record: expect.stringMatching(/^private-ai\/results\/.+\/records\/.+$/),
    });
  });

  it('records carry base64 JSON data with the annotations the Results watcher adds', async () => {
    const body = await (
      await get(
        `${BASE}/private-ai/results/-/records?filter=${encodeURIComponent(
          'data_type == PIPELINE_RUN',
        )}&page_size=1`,
      )
    ).json();
    const [record] = body.records;
    const data = JSON.parse(
      Buffer.from(record.data.value, 'base64').toString(),
    );
    expect(data.kind).toBe('PipelineRun');
    expect(data.metadata.annotations['results.tekton.dev/record']).toBe(
      record.name,
    );
    expect(typeof body.next_page_token).toBe('string');
    expect(record).toMatchObject({
      uid: expect.any(String),
      etag: expect.stringContaining(record.uid),
      create_time: data.metadata.creationTimestamp,
    });
  });

  it('refuses what the real server refuses: a foreign page token, a page size over 10000, an unknown order, a filter it cannot compile, a wrong token', async () => {
    const first = await (
      await get(
        `${BASE}/-/results/-/records?page_size=2&filter=${encodeURIComponent(
          'data_type == TASK_RUN',
        )}`,
      )
    ).json();
    const foreign = await get(
      `${BASE}/-/results/-/records?page_size=2&page_token=${first.next_page_token}`,
    );
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ code: 3 });
    expect(
      (await get(`${BASE}/-/results/-/records?page_size=10001`)).status,
    ).toBe(400);
    expect(
      (await get(`${BASE}/-/results/-/records?order_by=name`)).status,
    ).toBe(400);
    expect(
      (
        await get(
          `${BASE}/-/results/-/records?filter=${encodeURIComponent(
            'data.status.x > 1',
          )}`,
        )
      ).status,
    ).toBe(400);
    const refused = await get(`${BASE}/-/results`, 'wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 16 });
  });

  it('serves a TaskRun log as text and 404s what it does not hold', async () => {
    const [name, text] = [...archive.logs.entries()][0];
    const [parent, , result, , record] = name.split('/');
    const res = await get(
      `/apis/results.tekton.dev/v1alpha3/parents/${parent}/results/${result}/logs/${record}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe(text);
    const missing = await get(
      `/apis/results.tekton.dev/v1alpha3/parents/${parent}/results/${result}/logs/nope`,
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 5 });
  });
});
