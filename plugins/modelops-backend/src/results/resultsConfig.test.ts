import { ConfigReader } from '@backstage/config';
import { readModelOpsBackendConfig } from '../config';

const cluster = {
  name: 'prod',
  url: 'https://api.prod.example.com:6443',
  serviceAccountToken: 'token',
};
const read = (modelops: object) =>
  readModelOpsBackendConfig(
    new ConfigReader({ modelops: { clusters: [cluster], ...modelops } }),
  );
const results = {
  cluster: 'prod',
  url: 'https://tekton-results.example.com:8080',
  token: 'results-token',
};

describe('modelops.tektonResults', () => {
  it('reads one Results server per cluster with its defaults and the import schedule', () => {
    const config = read({ tektonResults: [results] });
    expect(config.results.sources).toEqual([
      {
        cluster: 'prod',
        url: 'https://tekton-results.example.com:8080',
        token: 'results-token',
        parent: '-',
        caData: undefined,
        skipTLSVerify: false,
        timeoutMs: 15000,
        pageSize: 500,
      },
    ]);
    expect(config.results.schedule).toMatchObject({
      frequency: { minutes: 5 },
    });
    expect(
      read({
        tektonResults: [results],
        collector: {
          resultsSchedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 10 },
          },
        },
      }).results.schedule,
    ).toMatchObject({ frequency: { hours: 1 } });
    expect(read({}).results.sources).toEqual([]);
  });

  it('fails at start-up naming what is wrong', () => {
    expect(() =>
      read({ tektonResults: [{ ...results, cluster: 'staging' }] }),
    ).toThrow(
      'modelops.tektonResults: cluster staging is not one of the configured clusters (prod)',
    );
    expect(() => read({ tektonResults: [results, results] })).toThrow(
      'modelops.tektonResults[1]: cluster prod has a Results server already',
    );
    expect(() =>
      read({ tektonResults: [{ ...results, url: 'ftp://x' }] }),
    ).toThrow('modelops.tektonResults[0]: invalid url "ftp://x"');
    expect(() =>
      read({ tektonResults: [{ ...results, pageSize: 20000 }] }),
    ).toThrow(
      'modelops.tektonResults[0].pageSize must be a whole number from 1 to 10000, got 20000',
    );
    expect(() =>
      read({ tektonResults: [{ ...results, parent: 'a/results/b' }] }),
    ).toThrow(
      'modelops.tektonResults[0].parent must be a namespace or "-", got "a/results/b"',
    );
  });
});
