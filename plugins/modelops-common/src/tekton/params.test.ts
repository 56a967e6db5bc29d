import {
  createKeyParamNames,
  extractKeyParams,
  paramsToRecord,
} from './params';
import { readTriggeredBy } from './triggeredBy';

describe('params', () => {
  it('stringifies arrays and objects and skips entries without a name', () => {
    expect(
      paramsToRecord([
        { name: 'hf-repo', value: 'mistralai/Mistral-Small-24B-Instruct-2501' },
        { name: 'tags', value: ['a', 'b'] },
        { name: 'obj', value: { url: 'x' } },
        { name: 'n', value: 3 },
        { value: 'nameless' },
        'garbage',
        null,
      ]),
    ).toEqual({
      'hf-repo': 'mistralai/Mistral-Small-24B-Instruct-2501',
      tags: '["a","b"]',
      obj: '{"url":"x"}',
      n: '3',
    });
    expect(paramsToRecord('not a list')).toEqual({});
  });

  it.each([['hf-repo'], ['HF_REPO'], ['huggingface-repo'], ['model-repo']])(
    'reads the Hugging Face repo from %s',
    name => {
      expect(
        extractKeyParams({ [name]: 'ibm-granite/granite-3.1-8b-instruct' })
          .huggingFaceRepo,
      ).toBe('ibm-granite/granite-3.1-8b-instruct');
    },
  );

  it('reads the evaluation params and ignores empty values', () => {
    expect(
      extractKeyParams({
        vllm_model_name: 'mistral-24b-quantized',
        model_name: 'Mistral-Small-24B-Instruct',
        version_name: 'quantized-w4a16-2501',
        'internal-image': '',
      }),
    ).toEqual({
      vllmModelName: 'mistral-24b-quantized',
      registeredModelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
    });
    expect(
      extractKeyParams({ 'registered-model-name': 'Granite' })
        .registeredModelName,
    ).toBe('Granite');
  });

  it('takes extra names', () => {
    const names = createKeyParamNames({ quayImage: ['QUAY_DEST'] });
    expect(
      extractKeyParams({ QUAY_DEST: 'quay.io/x/y:1' }, names).quayImage,
    ).toBe('quay.io/x/y:1');
    expect(
      extractKeyParams({ QUAY_DEST: 'quay.io/x/y:1' }).quayImage,
    ).toBeUndefined();
  });
});

describe('readTriggeredBy', () => {
  it('prefers the portal annotation, then Pipelines as Code, triggers, the console user, managed-by', () => {
    expect(
      readTriggeredBy(
        {
          'pipelinesascode.tekton.dev/sender': 'jdoe',
          'app.kubernetes.io/managed-by': 'argocd',
        },
        { 'modelops.io/triggered-by': 'user:default/data-scientist' },
      ),
    ).toBe('user:default/data-scientist');
    expect(
      readTriggeredBy(
        {
          'pipelinesascode.tekton.dev/sender': 'jdoe',
          'pipelinesascode.tekton.dev/event-type': 'push',
        },
        {},
      ),
    ).toBe('jdoe (Pipelines as Code push)');
    expect(
      readTriggeredBy(
        { 'triggers.tekton.dev/eventlistener': 'modelcar-listener' },
        {},
      ),
    ).toBe('EventListener modelcar-listener');
    expect(
      readTriggeredBy({}, { 'pipeline.openshift.io/started-by': 'kube:admin' }),
    ).toBe('kube:admin');
    expect(
      readTriggeredBy({ 'app.kubernetes.io/managed-by': 'argocd' }, {}),
    ).toBe('argocd');
    expect(
      readTriggeredBy({}, { 'pipeline.openshift.io/started-by': 'undefined' }),
    ).toBeUndefined();
  });
});
