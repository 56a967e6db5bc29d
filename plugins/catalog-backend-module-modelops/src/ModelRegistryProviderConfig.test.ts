import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readModelRegistryProviderConfigs } from './ModelRegistryProviderConfig';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';

const clusters = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'hub',
            url: 'https://api.hub.example:6443',
            authProvider: 'serviceAccount',
            serviceAccountToken: 't',
          },
        ],
      },
    ],
  },
};

describe('readModelRegistryProviderConfigs', () => {
  it('reads one provider per registry, the registry keys through readRegistryConfigs', () => {
    const [a, b] = readModelRegistryProviderConfigs(
      new ConfigReader({
        ...clusters,
        catalog: {
          providers: {
            modelops: {
              a: {
                baseUrl: 'http://a.example',
                owner: 'group:default/ml-platform',
                clusters: ['hub'],
                archived: 'show',
                versionNamePattern: '^v\\d+$',
                schedule: {
                  frequency: { minutes: 1 },
                  timeout: { minutes: 1 },
                },
                clusterWatch: { seconds: 3 },
              },
              b: { baseUrl: 'http://b.example', owner: 'group:default/x' },
            },
          },
        },
      }),
    );
    expect(a).toMatchObject({
      id: 'a',
      baseUrl: 'http://a.example',
      archived: 'show',
      owner: 'group:default/ml-platform',
      otherRegistryUrls: ['http://b.example'],
      schedule: { frequency: { minutes: 1 } },
      clusterWatchMs: 3000,
    });
    expect(b.clusterWatchMs).toBeUndefined();
    expect(a.clusters.map(c => c.name)).toEqual(['hub']);
    expect(a.versionNamePattern!.test('v2')).toBe(true);
    expect(b).toMatchObject({
      owner: 'group:default/x',
      archived: 'skip',
      clusters: [],
      schedule: { frequency: { minutes: 5 } },
    });
  });

  it.each([
    [
      { baseUrl: 'not a url' },
      'catalog.providers.modelops.a.baseUrl is not a URL',
    ],
    [{ baseUrl: 'http://a' }, 'catalog.providers.modelops.a.owner is required'],
    [
      { baseUrl: 'http://a', owner: 'group:default/x', archived: 'hide' },
      'catalog.providers.modelops.a.archived must be "skip" or "show", got "hide"',
    ],
    [
      { baseUrl: 'http://a', owner: 'group:default/x', clusters: ['nope'] },
      'catalog.providers.modelops.a.clusters names unknown clusters: nope (configured: hub)',
    ],
    [
      {
        baseUrl: 'http://a',
        owner: 'group:default/x',
        versionNamePattern: '(',
      },
      'catalog.providers.modelops.a.versionNamePattern is not a regular expression',
    ],
  ])('fails at start-up on %j', (a, message) => {
    expect(() =>
      readModelRegistryProviderConfigs(
        new ConfigReader({
          ...clusters,
          catalog: { providers: { modelops: { a } } },
        }),
      ),
    ).toThrow(message);
  });

  it('fromConfig makes one provider per registry, named like the Backstage providers', () => {
    const providers = ModelRegistryEntityProvider.fromConfig(
      new ConfigReader({
        catalog: {
          providers: {
            modelops: {
              a: { baseUrl: 'http://a', owner: 'group:default/x' },
              b: { baseUrl: 'http://b', owner: 'group:default/x' },
            },
          },
        },
      }),
      {
        logger: mockServices.logger.mock(),
        scheduler: mockServices.scheduler.mock(),
      },
    );
    expect(providers.map(p => p.getProviderName())).toEqual([
      'modelops-registry:a',
      'modelops-registry:b',
    ]);
    expect(providers[0].status).toEqual({
      provider: 'modelops-registry:a',
      registry: 'a',
      state: 'never-run',
    });
  });
});
