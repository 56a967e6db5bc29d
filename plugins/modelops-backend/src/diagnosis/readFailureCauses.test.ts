import { ConfigReader } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { modelopsPlugin } from '../plugin';
import { readFailureCauses } from './readFailureCauses';

const entry = {
  id: 'vault-agent-down',
  title: 'The Vault agent did not hand out the Hugging Face token',
  explanation: 'The download step reads HF_TOKEN from the Vault agent sidecar.',
  fix: 'Restart the Vault agent injector.',
  match: {
    task: 'download-model',
    logPattern: 'vault agent returned code \\d+',
  },
};

describe('readFailureCauses', () => {
  it('reads the knowledge base, and nothing when it is absent', () => {
    expect(
      readFailureCauses(
        new ConfigReader({ modelops: { diagnosis: { causes: [entry] } } }),
      ),
    ).toEqual([entry]);
    expect(readFailureCauses(new ConfigReader({}))).toEqual([]);
  });

  it('refuses a bad entry, naming its index and field', () => {
    expect(() =>
      readFailureCauses(
        new ConfigReader({
          modelops: {
            diagnosis: {
              causes: [
                entry,
                { ...entry, id: 'x', match: { logPattern: '([' } },
              ],
            },
          },
        }),
      ),
    ).toThrow(
      /modelops\.diagnosis\.causes\[1\]\.match\.logPattern is not a valid regular expression/,
    );
    expect(() =>
      readFailureCauses(
        new ConfigReader({
          modelops: { diagnosis: { causes: [{ ...entry, title: '' }] } },
        }),
      ),
    ).toThrow(/modelops\.diagnosis\.causes\[0\]\.title is required/);
  });
});

describe('the backend with a bad knowledge base', () => {
  it('refuses to start, naming the entry and field', async () => {
    await expect(
      startTestBackend({
        features: [
          modelopsPlugin,
          mockServices.rootConfig.factory({
            data: {
              modelops: {
                clusters: [],
                diagnosis: { causes: [{ ...entry, match: { stepName: 'x' } }] },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      }),
    ).rejects.toThrow(
      /modelops\.diagnosis\.causes\[0\]\.match\.stepName is not a known field/,
    );
  });
});
