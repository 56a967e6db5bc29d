import { ConfigReader } from '@backstage/config';
import { readRegistryConfigs } from './readRegistryConfigs';

describe('readRegistryConfigs', () => {
  it('reads the catalog providers and the fallback', () => {
    const { providers, fallback } = readRegistryConfigs(
      new ConfigReader({
        catalog: {
          providers: {
            modelops: {
              prod: {
                baseUrl: 'https://mr.example/',
                token: 't',
                timeoutMs: 500,
              },
              lab: { baseUrl: 'http://lab:8080' },
            },
          },
        },
        modelops: { registry: { baseUrl: 'http://fallback:8080' } },
      }),
    );
    expect(providers.map(p => [p.id, p.baseUrl])).toEqual([
      ['prod', 'https://mr.example/'],
      ['lab', 'http://lab:8080'],
    ]);
    expect(fallback).toMatchObject({
      id: 'default',
      baseUrl: 'http://fallback:8080',
    });
    expect(readRegistryConfigs(new ConfigReader({}))).toEqual({
      providers: [],
      fallback: undefined,
    });
  });

  it('names the key of a base URL that is not a URL', () => {
    expect(() =>
      readRegistryConfigs(
        new ConfigReader({ modelops: { registry: { baseUrl: 'not a url' } } }),
      ),
    ).toThrow('modelops.registry.baseUrl is not a URL: "not a url"');
  });
});
