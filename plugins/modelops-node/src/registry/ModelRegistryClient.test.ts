import { startAnswerServer } from '../__testUtils__/startAnswerServer';
import {
  ModelRegistryClient,
  ModelRegistryRequestError,
} from './ModelRegistryClient';
import fs from 'node:fs';
import path from 'node:path';

const versionsPage = JSON.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../fixtures/model-registry/responses/docs-logical-model-rm-1-versions.json',
    ),
    'utf8',
  ),
);

const API = '/api/model_registry/v1alpha3';

/** A registry whose `/registered_models/1/versions` answers `body` (status 200 unless given). */
async function registryAnswering(
  body: string,
  status = 200,
  type = 'application/json',
) {
  return startAnswerServer(() => ({ status, body, type }));
}

async function listVersionsFrom(body: string, status?: number, type?: string) {
  const server = await registryAnswering(body, status, type);
  try {
    const client = new ModelRegistryClient({
      baseUrl: server.url,
      timeoutMs: 2000,
    });
    return await client.listModelVersions('1').then(
      items => ({ items, error: undefined }),
      (error: Error) => ({ items: undefined, error }),
    );
  } finally {
    await server.stop();
  }
}

describe('ModelRegistryClient lists', () => {
  it('reads the registry documentation answer', async () => {
    const { items, error } = await listVersionsFrom(
      JSON.stringify(versionsPage),
    );
    expect(error).toBeUndefined();
    expect(items?.map(v => v.name)).toEqual(['v1']);
  });

  it.each([
    [
      'a 404 (wrong base path)',
      '404 page not found',
      404,
      'HTTP 404 for a list',
    ],
    [
      'a 404 with the registry error body',
      '{"code":"404","message":"no route"}',
      404,
      'HTTP 404 for a list',
    ],
    ['{}', '{}', 200, '"items" is missing'],
    ['{"items": null}', '{"items":null}', 200, '"items" is not a list (null)'],
    ['items that are not an array', '{"items":{"a":1}}', 200, 'not a list'],
    [
      'items without size/pageSize/nextPageToken',
      '{"items":[]}',
      200,
      '"size" and "pageSize" must be numbers',
    ],
    [
      'a size that does not match',
      '{"items":[],"size":3,"pageSize":100,"nextPageToken":""}',
      200,
      '"size" says 3 items but the page holds 0',
    ],
    [
      'an item without id and name',
      '{"items":[{"id":2}],"size":1,"pageSize":100,"nextPageToken":""}',
      200,
      'an item without a string id and name',
    ],
    ['an array', '[]', 200, 'the answer is not a list object'],
    ['HTML', '<!DOCTYPE html><html></html>', 200, 'the answer is not JSON'],
    ['a 500', '{"code":"500","message":"boom"}', 500, 'HTTP 500'],
  ])(
    'fails on %s, naming the registry and the path',
    async (_what, body, status, problem) => {
      const { items, error } = await listVersionsFrom(
        body,
        status,
        body.startsWith('<') ? 'text/html' : undefined,
      );
      expect(items).toBeUndefined();
      expect(error).toBeInstanceOf(ModelRegistryRequestError);
      expect(error!.message).toMatch(
        /^Model Registry http:\/\/127\.0\.0\.1:\d+: GET \/registered_models\/1\/versions\?pageSize=100: /,
      );
      expect(error!.message).toContain(problem);
    },
  );

  it('fails when nextPageToken loops, after reading each page once', async () => {
    const page = (token: string) =>
      JSON.stringify({
        items: [{ id: token, name: token }],
        size: 1,
        pageSize: 1,
        nextPageToken: token === 'b' ? 'a' : 'b',
      });
    const server = await startAnswerServer(requestPath => ({
      status: 200,
      body: page(requestPath.includes('nextPageToken=b') ? 'b' : 'a'),
    }));
    try {
      const error = await new ModelRegistryClient({ baseUrl: server.url })
        .listRegisteredModels()
        .catch(e => e);
      expect(error.message).toContain(
        'the registry returned the same nextPageToken twice',
      );
      expect(server.paths).toEqual([
        `${API}/registered_models?pageSize=100`,
        `${API}/registered_models?pageSize=100&nextPageToken=b`,
        `${API}/registered_models?pageSize=100&nextPageToken=a`,
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe('ModelRegistryClient single objects', () => {
  it('is undefined only for the registry own 404 answer', async () => {
    const registry = await registryAnswering(
      '{"code":"404","message":"no registered model named x"}',
      404,
    );
    const proxy = await registryAnswering(
      '404 page not found',
      404,
      'text/plain',
    );
    try {
      expect(
        await new ModelRegistryClient({ baseUrl: registry.url }).findModel('x'),
      ).toBeUndefined();
      const error = await new ModelRegistryClient({ baseUrl: proxy.url })
        .findModel('x')
        .catch(e => e);
      expect(error).toBeInstanceOf(ModelRegistryRequestError);
      expect(error.message).toContain(
        "HTTP 404 without the registry's error body (is the base URL right?",
      );
    } finally {
      await registry.stop();
      await proxy.stop();
    }
  });
});
