import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorsOf,
  fieldApis,
  fieldProps,
} from '../__testUtils__/fieldTestUtils';
import {
  ModelVersionNameField,
  validateModelVersionName,
} from './ModelVersionNameField';

const server = setupServer();
registerMswTestHooks(server);

const CHECK_URL = 'http://localhost:7007/api/modelops/registry/check';
const taken = new Set([
  'Mistral-Small-24B-Instruct/quantized-w4a16-20261125-0215',
]);
const requests: string[] = [];

beforeEach(() => {
  requests.length = 0;
  server.use(
    http.get(CHECK_URL, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url.search);
      const model = url.searchParams.get('model')!;
      const version = url.searchParams.get('version');
      // The backend answers only for registered models the user may read in the catalog.
      if (model !== 'Mistral-Small-24B-Instruct')
        return HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: `no registered model ${model} in the catalog`,
            },
          },
          { status: 404 },
        );
      return HttpResponse.json({
        registry: 'demo',
        entityRef: 'resource:default/mistral-small-24b-instruct',
        modelExists: true,
        versionExists: taken.has(`${model}/${version}`),
        latestVersions: [],
      });
    }),
  );
});

describe('ModelVersionNameField', () => {
  it('ModelVersionName proposes a name for the variant and checks it live against the registry', async () => {
    const onChange = jest.fn();
    const formContext = {
      formData: {
        modelName: 'Mistral-Small-24B-Instruct',
        variant: 'full-fp16',
      },
    };
    const { rerender } = await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <ModelVersionNameField
          {...fieldProps({ formData: undefined, onChange, formContext })}
        />
      </TestApiProvider>,
    );
    expect(onChange).toHaveBeenCalledWith(
      expect.stringMatching(/^full-fp16-\d{8}-\d{4}$/),
    );
    rerender(
      <TestApiProvider apis={fieldApis}>
        <ModelVersionNameField
          {...fieldProps({
            formData: 'quantized-w4a16-20261125-0215',
            onChange,
            formContext: {
              formData: { ...formContext.formData, variant: 'quantized-w4a16' },
            },
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Mistral-Small-24B-Instruct already has a version quantized-w4a16-20261125-0215 in the Model Registry demo',
      ),
    ).toBeInTheDocument();
    expect(requests).toContain(
      '?model=Mistral-Small-24B-Instruct&version=quantized-w4a16-20261125-0215',
    );
    rerender(
      <TestApiProvider apis={fieldApis}>
        <ModelVersionNameField
          {...fieldProps({
            formData: 'quantized-w4a16-20261125-0300',
            onChange,
            formContext: {
              formData: { ...formContext.formData, variant: 'quantized-w4a16' },
            },
          })}
        />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(
        screen.getByText(
          'Free in the Model Registry demo for Mistral-Small-24B-Instruct',
        ),
      ).toBeInTheDocument(),
    );
  });

  it('ModelVersionName says a model the catalog does not show gets its first version', async () => {
    await renderInTestApp(
      <TestApiProvider apis={fieldApis}>
        <ModelVersionNameField
          {...fieldProps({
            formData: 'full-fp16-20261125-0215',
            onChange: jest.fn(),
            formContext: {
              formData: {
                modelName: 'Phi-4-Mini-Instruct',
                variant: 'full-fp16',
              },
            },
          })}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'No registered model Phi-4-Mini-Instruct in the catalog: this will be its first version',
      ),
    ).toBeInTheDocument();
    expect(requests).toEqual([
      '?model=Phi-4-Mini-Instruct&version=full-fp16-20261125-0215',
    ]);
  });

  it('ModelVersionName validation refuses names off the convention and names the registry has', async () => {
    const apiHolder = {
      get: (ref: any) => new Map<any, any>(fieldApis).get(ref),
    };
    const context = (formData: object) =>
      ({ apiHolder, formData, schema: {} } as any);
    expect(
      await errorsOf(v =>
        validateModelVersionName(
          'v1',
          v,
          context({
            variant: 'full-fp16',
            modelName: 'Mistral-Small-24B-Instruct',
          }),
        ),
      ),
    ).toEqual([expect.stringMatching(/^must follow the naming convention/)]);
    expect(
      await errorsOf(v =>
        validateModelVersionName(
          'quantized-w4a16-20261125-0215',
          v,
          context({
            variant: 'quantized-w4a16',
            modelName: 'Mistral-Small-24B-Instruct',
          }),
        ),
      ),
    ).toEqual([
      'Mistral-Small-24B-Instruct already has a version quantized-w4a16-20261125-0215 in the Model Registry demo',
    ]);
    expect(
      await errorsOf(v =>
        validateModelVersionName(
          'quantized-w4a16-20261125-0216',
          v,
          context({
            variant: 'quantized-w4a16',
            modelName: 'Mistral-Small-24B-Instruct',
          }),
        ),
      ),
    ).toEqual([]);
    server.use(
      http.get(CHECK_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'model: the Model Registry "demo" could not be checked',
            },
          },
          { status: 400 },
        ),
      ),
    );
    expect(
      await errorsOf(v =>
        validateModelVersionName(
          'quantized-w4a16-20261125-0217',
          v,
          context({
            variant: 'quantized-w4a16',
            modelName: 'Mistral-Small-24B-Instruct',
          }),
        ),
      ),
    ).toEqual([expect.stringMatching(/^Could not check the Model Registry: /)]);
  });
});
