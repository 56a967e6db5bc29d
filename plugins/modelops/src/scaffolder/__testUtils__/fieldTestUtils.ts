/* Test helpers of the scaffolder fields: the APIs they use and the props RJSF gives them. */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mockApis } from '@backstage/test-utils';
import { ModelOpsClient, modelopsApiRef } from '../../api/ModelOpsApi';

const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });
const fetchApi = { fetch: (input: any, init?: any) => fetch(input, init) };

/** Discovery to the local backend, real fetch (msw answers), a catalog with two models. */
export const fieldApis = [
  [discoveryApiRef, discoveryApi],
  [fetchApiRef, fetchApi],
  [modelopsApiRef, new ModelOpsClient({ discoveryApi, fetchApi })],
  [
    catalogApiRef,
    catalogApiMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'mistral-small-24b-instruct',
            title: 'Mistral-Small-24B-Instruct',
            annotations: {
              'rhdh.modelcatalog.io/model-name': 'Mistral-Small-24B-Instruct',
            },
          },
          spec: { type: 'ai-model' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'granite-3-1-8b-instruct',
            annotations: {
              'rhdh.modelcatalog.io/model-name': 'Granite-3.1-8B-Instruct',
            },
          },
          spec: { type: 'ai-model' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'some-database' },
          spec: { type: 'database' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'granite-3-1-8b-instruct-v1',
            annotations: {
              'modelops.io/custom-properties':
                '{"hf_repo":"ibm-granite/granite-3.1-8b-instruct","mmlu":0.64}',
            },
          },
          spec: { type: 'ai-model-version' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'broken-version',
            annotations: { 'modelops.io/custom-properties': '{not json' },
          },
          spec: { type: 'ai-model-version' },
        },
      ],
    }),
  ],
] as any;

/** The props the scaffolder form passes a field. */
export const fieldProps = (extra: object) =>
  ({
    schema: { title: 'Field' },
    uiSchema: {},
    idSchema: { $id: 'root_field' },
    rawErrors: [],
    required: true,
    formContext: { formData: {} },
    ...extra,
  } as any);

/** The errors a validator adds. */
export async function errorsOf(
  run: (validation: any) => unknown,
): Promise<string[]> {
  const errors: string[] = [];
  await run({ addError: (message: string) => errors.push(message) });
  return errors;
}
