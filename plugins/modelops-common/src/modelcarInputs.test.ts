import {
  checkHuggingFaceRepo,
  checkHuggingFaceRevision,
  checkKubernetesName,
  checkNonRootId,
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

  it('checks sizes', () => {
    expect(checkStorageSize('40Gi')).toBeUndefined();
    expect(checkStorageSize('40GB')).toMatch(/40Gi/);
  });

  it.each([
    [
      'quantized-w4a16-20261325-0215',
      'month 13 of 20261325 is not a month (01-12)',
    ],
    [
      'quantized-w4a16-20261100-0215',
      'day 00 of 20261100 is not a day of that month (01-30)',
    ],
    [
      'quantized-w4a16-20261132-0215',
      'day 32 of 20261132 is not a day of that month (01-30)',
    ],
    [
      'quantized-w4a16-20270229-0215',
      'day 29 of 20270229 is not a day of that month (01-28)',
    ],
    ['quantized-w4a16-20261125-2400', 'hour 24 of 2400 is not an hour (00-23)'],
    ['quantized-w4a16-20261125-9915', 'hour 99 of 9915 is not an hour (00-23)'],
    [
      'quantized-w4a16-20261125-0260',
      'minute 60 of 0260 is not a minute (00-59)',
    ],
  ])(
    'refuses the version name %s naming the impossible part',
    (name, problem) => {
      expect(checkVersionName(name)).toBe(`${problem} (got "${name}")`);
    },
  );

  it('accepts the calendar edges in version names', () => {
    expect(checkVersionName('full-fp16-20280229-2359')).toBeUndefined();
    expect(checkVersionName('full-fp16-20261231-0000')).toBeUndefined();
  });

  it.each([
    ['1Gi', undefined],
    ['2Ti', undefined],
    ['1.5Ti', undefined],
    ['500G', undefined],
    ['2199023255552', undefined],
    ['1e10', undefined],
    ['999999Ti', 'must be at most 2Ti (got "999999Ti")'],
    ['2049Gi', 'must be at most 2Ti (got "2049Gi")'],
    ['512Mi', 'must be at least 1Gi (got "512Mi")'],
    ['40gi', 'must be a Kubernetes quantity like 40Gi (got "40gi")'],
    ['40 Gi', 'must be a Kubernetes quantity like 40Gi (got "40 Gi")'],
    ['100m', 'must be a Kubernetes quantity like 40Gi (got "100m")'],
  ])('bounds the workspace size %s', (size, problem) => {
    expect(checkStorageSize(size)).toBe(problem);
  });

  it('refuses root as the pipeline user or group and keeps the range check', () => {
    expect(checkNonRootId(0)).toMatch(
      /^must not be 0 \(root\): the pipeline must not run as root/,
    );
    expect(checkNonRootId(1001)).toBeUndefined();
    expect(checkNonRootId(1000970000)).toBeUndefined();
    expect(checkNonRootId(-1)).toMatch(/whole number/);
    expect(checkNonRootId(1.5)).toMatch(/whole number/);
  });
});
