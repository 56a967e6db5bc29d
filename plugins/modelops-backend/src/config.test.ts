import { ConfigReader } from '@backstage/config';
import { MAX_LOG_BYTES } from '@private-ai/plugin-modelops-common';
import { readModelOpsBackendConfig } from './config';

const cluster = {
  name: 'prod',
  url: 'https://api.prod.example.com:6443',
  serviceAccountToken: 'token',
};
const read = (modelops: object) =>
  readModelOpsBackendConfig(
    new ConfigReader({ modelops: { clusters: [cluster], ...modelops } }),
  );

describe('readModelOpsBackendConfig', () => {
  it('reads the clusters, the collector and the defaults into one object', () => {
    const config = read({
      collector: { namespaces: ['private-ai'], pageSize: 200 },
      stages: { download: ['hf-download'] },
    });
    expect(config.clusters.map(c => c.name)).toEqual(['prod']);
    expect(config.collector).toMatchObject({
      namespaces: ['private-ai'],
      pageSize: 200,
      schedule: { frequency: { seconds: 30 } },
    });
    expect(config.stageMap?.['hf-download']).toBe('download');
    expect(config.maxLogBytes).toBe(MAX_LOG_BYTES);
    expect(read({ collector: { namespaces: [] } }).collector.namespaces).toBe(
      undefined,
    );
  });

  it('watches by default, with an hourly full list and a 30 s leader lock', () => {
    expect(read({}).collector).toMatchObject({
      watch: true,
      fullResync: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
      leaderLockTimeout: { seconds: 30 },
    });
    const custom = read({
      collector: {
        watch: false,
        fullResyncInterval: '2h',
        leaderLockTimeout: 'PT45S',
      },
    }).collector;
    expect(custom.watch).toBe(false);
    expect(custom.fullResync.frequency).toEqual({ hours: 2 });
    expect(custom.leaderLockTimeout).toEqual({ seconds: 45 });
    expect(() => read({ collector: { leaderLockTimeout: 'soon' } })).toThrow(
      /modelops\.collector\.leaderLockTimeout must be a duration/,
    );
  });

  it('fails at start-up naming the key that is wrong', () => {
    expect(() => read({ collector: { pageSize: 0 } })).toThrow(
      'modelops.collector.pageSize must be a whole number above 0, got 0',
    );
    expect(() => read({ logs: { maxBytes: 1.5 } })).toThrow(
      'modelops.logs.maxBytes must be a whole number above 0, got 1.5',
    );
    expect(() => read({ collector: { labelSelector: 'a in (b' } })).toThrow(
      /^modelops.collector.labelSelector is not a label selector: /,
    );
    expect(() =>
      readModelOpsBackendConfig(
        new ConfigReader({
          modelops: { clusters: [{ ...cluster, url: 'x' }] },
        }),
      ),
    ).toThrow(/invalid url "x"/);
  });
});
