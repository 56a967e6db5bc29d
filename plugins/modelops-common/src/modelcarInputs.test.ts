import {
  checkHuggingFaceRepo,
  checkHuggingFaceRevision,
  checkImageRepository,
  checkKubernetesName,
  checkRegisteredModelName,
  checkStorageSize,
  checkVersionName,
  proposeVersionName,
} from './modelcarInputs';

describe('ModelCar template inputs', () => {
  it('proposes version names that follow the convention, in UTC', () => {
    const at = new Date('2026-11-25T02:05:00Z');
    expect(proposeVersionName('quantized-w4a16', at)).toBe(
      'quantized-w4a16-20261125-0205',
    );
    expect(
      checkVersionName(proposeVersionName('full-fp16', at), 'full-fp16'),
    ).toBeUndefined();
  });

  it('refuses version names off the convention or of another variant', () => {
    expect(checkVersionName('quantized-w4a16-2501')).toMatch(
      /naming convention/,
    );
    expect(
      checkVersionName('full-fp16-20261125-0205', 'quantized-w4a16'),
    ).toMatch(/must start with the variant "quantized-w4a16-"/);
    expect(checkVersionName('')).toBe('is required');
  });

  it.each([
    ['with space', /spaces/],
    ['Upper', /lower case \("upper"\)/],
    ['a"b', /must not contain """/],
    ['a:b', /must not contain ":"/],
    ['a\nb', /single line/],
    ['${{ parameters.x }}', /template or substitution/],
    ['$(params.x)', /template or substitution/],
    ['-leading', /start and end/],
    ['x'.repeat(64), /at most 63/],
  ])('refuses the Kubernetes name %j', (value, message) => {
    expect(checkKubernetesName(value)).toMatch(message);
  });

  it('accepts Hugging Face repos and refuses malformed ones', () => {
    expect(
      checkHuggingFaceRepo('mistralai/Mistral-Small-24B-Instruct-2501'),
    ).toBeUndefined();
    expect(
      checkHuggingFaceRepo('RedHatAI/granite-3.1-8b-instruct-quantized.w4a16'),
    ).toBeUndefined();
    expect(checkHuggingFaceRepo('mistralai')).toMatch(/owner\/name/);
    expect(checkHuggingFaceRepo('a/b/c')).toMatch(/owner\/name/);
    expect(checkHuggingFaceRepo('mistral ai/x')).toMatch(/spaces/);
    expect(checkHuggingFaceRepo('org/-x')).toMatch(/not a valid/);
    expect(checkHuggingFaceRevision('')).toBeUndefined();
    expect(checkHuggingFaceRevision('refs/pr/1')).toBeUndefined();
    expect(checkHuggingFaceRevision('main; rm -rf /')).toMatch(/spaces/);
  });

  it('keeps registry model names case but refuses YAML-significant characters', () => {
    expect(
      checkRegisteredModelName('Mistral-Small-24B-Instruct'),
    ).toBeUndefined();
    expect(checkRegisteredModelName('Mistral: Small')).toMatch(/spaces|":"/);
    expect(checkRegisteredModelName('a#b')).toMatch(/"#"/);
  });

  it('checks image repositories and sizes', () => {
    expect(
      checkImageRepository('quay.io/private-ai/mistral-small-24b-instruct'),
    ).toBeUndefined();
    expect(
      checkImageRepository(
        'image-registry.openshift-image-registry.svc:5000/private-ai/mistral',
      ),
    ).toBeUndefined();
    expect(checkImageRepository('quay.io/private-ai/mistral:latest')).toMatch(
      /tag/,
    );
    expect(checkImageRepository('quay.io/private-ai/m@sha256:abc')).toMatch(
      /digest/,
    );
    expect(checkImageRepository('private-ai/mistral')).toMatch(/registry host/);
    expect(checkImageRepository('quay.io/Private/Mistral')).toMatch(
      /lower case/,
    );
    expect(checkStorageSize('40Gi')).toBeUndefined();
    expect(checkStorageSize('40GB')).toMatch(/40Gi/);
  });
});
