import { MODELCAR_PIPELINE } from '@private-ai/plugin-modelops-common';
import { lintTekton } from '../validation/lintTekton';
import { validateTektonSchema } from '../validation/validateTektonSchema';
import { evaluationPipelineRun } from './evaluationPipelineRun';
import { modelCarObjects, ModelCarInput } from './modelCarPipeline';

const modelCarInput: ModelCarInput = {
  huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
  variant: 'quantized-w4a16',
  modelName: 'Mistral-Small-24B-Instruct',
  versionName: 'quantized-w4a16-20261125-0215',
  namespace: 'private-ai',
  internalImage:
    'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct',
  quayImage: 'quay.io/private-ai/mistral-small-24b-instruct',
  workspaceSize: '40Gi',
  hfTokenSecret: 'hf-token',
  quayAuthSecret: 'quay-push-credentials',
  serviceAccount: 'model-pipeline-sa',
  fsGroup: 1001,
  runAsUser: 1001,
};

describe('generated Tekton objects', () => {
  it('ModelCar objects are valid against the CRD schemas and lint clean', async () => {
    const { pipelineRun, pipeline, tasks } = modelCarObjects(modelCarInput);
    for (const o of [pipelineRun, pipeline, ...tasks])
      expect(validateTektonSchema(o)).toEqual([]);
    expect(await lintTekton([pipelineRun, pipeline, ...tasks])).toEqual([]);
  });

  it('the Tasks take exactly the params, workspaces and results the Pipeline contract names', () => {
    const { tasks, pipelineRun } = modelCarObjects(modelCarInput);
    const names = (list: unknown) =>
      ((list ?? []) as Array<{ name: string }>).map(i => i.name).sort();
    for (const contract of MODELCAR_PIPELINE.tasks) {
      const task = tasks.find(t => t.metadata.name === contract.taskRef);
      expect({ task: contract.name, found: !!task }).toEqual({
        task: contract.name,
        found: true,
      });
      const spec = task!.spec as Record<string, unknown>;
      // Params and workspaces the Pipeline passes must exist; the Task may add optional ones.
      expect(names(spec.params)).toEqual(
        expect.arrayContaining(Object.keys(contract.params).sort()),
      );
      expect(names(spec.workspaces)).toEqual(
        expect.arrayContaining(Object.keys(contract.workspaces).sort()),
      );
      expect(names(spec.results)).toEqual([...contract.results].sort());
    }
    // The run binds every workspace the Pipeline requires and passes every param without a default.
    const spec = pipelineRun.spec as Record<string, unknown>;
    expect(names(spec.workspaces)).toEqual(
      MODELCAR_PIPELINE.workspaces
        .filter(w => !w.optional)
        .map(w => w.name)
        .sort(),
    );
    expect(names(spec.params)).toEqual(
      expect.arrayContaining(
        MODELCAR_PIPELINE.params
          .filter(p => p.default === undefined)
          .map(p => p.name)
          .sort(),
      ),
    );
  });

  it('the evaluation run is valid', () => {
    const run = evaluationPipelineRun({
      namespace: 'private-ai',
      vllmModelName: 'mistral-24b-quantized',
      modelName: 'Mistral-Small-24B-Instruct',
      versionName: 'quantized-w4a16-2501',
      lmEvalTasks: ['mmlu', 'gsm8k'],
      guidellmProfile: 'sweep',
      serviceAccount: 'model-pipeline-sa',
      minAccuracy: 0.6,
    });
    expect(validateTektonSchema(run)).toEqual([]);
  });

  it('refuses a misspelt field', () => {
    const { pipelineRun } = modelCarObjects(modelCarInput);
    const broken = {
      ...pipelineRun,
      spec: {
        ...pipelineRun.spec,
        taskRunTemplate: { podTemplate: { securityContex: { fsGroup: 1 } } },
      },
    };
    expect(validateTektonSchema(broken)).toEqual([
      'spec.taskRunTemplate.podTemplate: unknown field "securityContex"',
    ]);
  });
});
