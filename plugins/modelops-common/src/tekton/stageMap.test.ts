import {
  createStageMap,
  defaultStageMap,
  detectPipelineKind,
  stageOfTask,
} from './stageMap';

describe('stage map', () => {
  it('maps the ModelCar and evaluation task names', () => {
    expect(
      [
        'download-model',
        'build-image',
        'push-to-internal',
        'push-to-quay',
        'register-model',
        'run-lm-eval',
        'run-guidellm',
        'publish-results',
        'git-clone',
      ].map(name => stageOfTask(defaultStageMap, name)),
    ).toEqual([
      'download',
      'build',
      'push-internal',
      'push-quay',
      'register',
      'lm-eval',
      'guidellm',
      'publish',
      undefined,
    ]);
  });

  it('falls back to the referenced Task name and ignores case', () => {
    expect(stageOfTask(defaultStageMap, 'download', 'download-model')).toBe(
      'download',
    );
    expect(stageOfTask(defaultStageMap, 'Build-Image')).toBe('build');
    expect(stageOfTask(defaultStageMap, 'constructor')).toBeUndefined();
  });

  it('adds, overrides and removes entries', () => {
    const map = createStageMap({
      'hf-download': 'download',
      'push-to-quay': null,
      'push-to-ghcr': 'push-quay',
      weird: 'not-a-stage' as any,
    });
    expect(stageOfTask(map, 'hf-download')).toBe('download');
    expect(stageOfTask(map, 'push-to-quay')).toBeUndefined();
    expect(stageOfTask(map, 'push-to-ghcr')).toBe('push-quay');
    expect(stageOfTask(map, 'weird')).toBeUndefined();
    expect(stageOfTask(defaultStageMap, 'push-to-quay')).toBe('push-quay');
  });

  it('detects the pipeline kind', () => {
    expect(
      detectPipelineKind({ stages: ['download', 'build', 'push-internal'] }),
    ).toBe('modelcar');
    expect(
      detectPipelineKind({ stages: ['lm-eval', 'guidellm', 'publish'] }),
    ).toBe('evaluation');
    expect(
      detectPipelineKind({
        stages: [undefined],
        pipelineName: 'modelcar-build-deploy-v2',
      }),
    ).toBe('modelcar');
    expect(
      detectPipelineKind({ stages: [], pipelineName: 'model-evaluation' }),
    ).toBe('evaluation');
    expect(
      detectPipelineKind({ stages: [], paramNames: ['vllm_model_name'] }),
    ).toBe('evaluation');
    expect(detectPipelineKind({ stages: [], paramNames: ['HF_REPO'] })).toBe(
      'modelcar',
    );
    expect(
      detectPipelineKind({ stages: [], pipelineName: 'ruby-ex-git' }),
    ).toBe('other');
  });
});
