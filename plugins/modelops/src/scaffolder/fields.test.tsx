import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mockApis, registerMswTestHooks, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { HuggingFaceRepoField, validateHuggingFaceRepo } from './HuggingFaceRepoField';
import { ModelVersionNameField, validateModelVersionName } from './ModelVersionNameField';
import { RegisteredModelPicker } from './RegisteredModelPicker';

const server = setupServer();
registerMswTestHooks(server);

const CHECK_URL = 'http://localhost:7007/api/scaffolder/modelops/registry/check';
const taken = new Set(['Mistral-Small-24B-Instruct/quantized-w4a16-20261125-0215']);
const requests: string[] = [];

beforeEach(() => {
  requests.length = 0;
  server.use(
    http.get(CHECK_URL, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url.search);
      const model = url.searchParams.get('model')!;
      const version = url.searchParams.get('version');
      return HttpResponse.json({
        registry: 'demo',
        modelExists: model === 'Mistral-Small-24B-Instruct',
        versionExists: taken.has(`${model}/${version}`),
        latestVersions: [],
      });
    }),
  );
});

const apis = [
  [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://localhost:7007' })],
  [fetchApiRef, { fetch: (input: any, init?: any) => fetch(input, init) }],
  [
    catalogApiRef,
    catalogApiMock({
      entities: [
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata: { name: 'mistral-small-24b-instruct', title: 'Mistral-Small-24B-Instruct', annotations: { 'rhdh.modelcatalog.io/model-name': 'Mistral-Small-24B-Instruct' } }, spec: { type: 'ai-model' } },
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata: { name: 'granite-3-1-8b-instruct', annotations: { 'rhdh.modelcatalog.io/model-name': 'Granite-3.1-8B-Instruct' } }, spec: { type: 'ai-model' } },
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata: { name: 'some-database' }, spec: { type: 'database' } },
      ],
    }),
  ],
] as const;

const fieldProps = (extra: object) =>
  ({ schema: { title: 'Field' }, uiSchema: {}, idSchema: { $id: 'root_field' }, rawErrors: [], required: true, formContext: { formData: {} }, ...extra }) as any;

function errorsOf(run: (v: { addError: (m: string) => void }) => unknown) {
  const errors: string[] = [];
  return Promise.resolve(run({ addError: (m: string) => errors.push(m) })).then(() => errors);
}

describe('scaffolder fields', () => {
  it('HuggingFaceRepo shows the problem as it is typed and validates like the action', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <HuggingFaceRepoField {...fieldProps({ formData: 'mistralai', onChange })} />
      </TestApiProvider>,
    );
    expect(screen.getByText(/must be "owner\/name"/)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox'), { target: { value: ' mistralai/Mistral-Small-24B-Instruct-2501 ' } });
    expect(onChange).toHaveBeenCalledWith('mistralai/Mistral-Small-24B-Instruct-2501');
    expect(await errorsOf(v => validateHuggingFaceRepo('a b/c', v as any))).toEqual(['Hugging Face repository must not contain spaces']);
    expect(await errorsOf(v => validateHuggingFaceRepo('ibm-granite/granite-3.3-8b-instruct', v as any))).toEqual([]);
  });

  it('RegisteredModelPicker offers the catalog models by registry name and marks a new one', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <RegisteredModelPicker {...fieldProps({ formData: 'Phi-4-Mini-Instruct', onChange: jest.fn() })} />
      </TestApiProvider>,
    );
    expect(await screen.findByText('A new model: Phi-4-Mini-Instruct will be registered by the run')).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('textbox'));
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'ArrowDown' });
    expect(await screen.findByText('Granite-3.1-8B-Instruct')).toBeInTheDocument();
    expect(screen.queryByText('some-database')).not.toBeInTheDocument();
  });

  it('ModelVersionName proposes a name for the variant and checks it live against the registry', async () => {
    const onChange = jest.fn();
    const formContext = { formData: { modelName: 'Mistral-Small-24B-Instruct', variant: 'full-fp16' } };
    const { rerender } = await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <ModelVersionNameField {...fieldProps({ formData: undefined, onChange, formContext })} />
      </TestApiProvider>,
    );
    expect(onChange).toHaveBeenCalledWith(expect.stringMatching(/^full-fp16-\d{8}-\d{4}$/));
    rerender(
      <TestApiProvider apis={apis as any}>
        <ModelVersionNameField {...fieldProps({ formData: 'quantized-w4a16-20261125-0215', onChange, formContext: { formData: { ...formContext.formData, variant: 'quantized-w4a16' } } })} />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Mistral-Small-24B-Instruct already has a version quantized-w4a16-20261125-0215 in the Model Registry demo')).toBeInTheDocument();
    expect(requests).toContain('?model=Mistral-Small-24B-Instruct&version=quantized-w4a16-20261125-0215');
    rerender(
      <TestApiProvider apis={apis as any}>
        <ModelVersionNameField {...fieldProps({ formData: 'quantized-w4a16-20261125-0300', onChange, formContext: { formData: { ...formContext.formData, variant: 'quantized-w4a16' } } })} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(screen.getByText('Free in the Model Registry demo for Mistral-Small-24B-Instruct')).toBeInTheDocument());
  });

  it('ModelVersionName validation refuses names off the convention and names the registry has', async () => {
    const apiHolder = { get: (ref: any) => new Map<any, any>(apis as any).get(ref) };
    const context = (formData: object) => ({ apiHolder, formData, schema: {} }) as any;
    expect(await errorsOf(v => validateModelVersionName('v1', v as any, context({ variant: 'full-fp16', modelName: 'Mistral-Small-24B-Instruct' })))).toEqual([
      expect.stringMatching(/^Version name must follow the naming convention/),
    ]);
    expect(await errorsOf(v => validateModelVersionName('quantized-w4a16-20261125-0215', v as any, context({ variant: 'quantized-w4a16', modelName: 'Mistral-Small-24B-Instruct' })))).toEqual([
      'Version name: Mistral-Small-24B-Instruct already has a version quantized-w4a16-20261125-0215 in the Model Registry demo',
    ]);
    expect(await errorsOf(v => validateModelVersionName('quantized-w4a16-20261125-0216', v as any, context({ variant: 'quantized-w4a16', modelName: 'Mistral-Small-24B-Instruct' })))).toEqual([]);
    server.use(http.get(CHECK_URL, () => HttpResponse.json({ error: { name: 'InputError', message: 'model: the Model Registry "demo" could not be checked' } }, { status: 400 })));
    expect(await errorsOf(v => validateModelVersionName('quantized-w4a16-20261125-0217', v as any, context({ variant: 'quantized-w4a16', modelName: 'Mistral-Small-24B-Instruct' })))).toEqual([
      expect.stringMatching(/^Version name could not be checked against the Model Registry: /),
    ]);
  });
});
