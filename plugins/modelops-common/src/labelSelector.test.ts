import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

const labels = {
  'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
  'tekton.dev/pipeline': 'modelcar-build-deploy-v2',
  'modelops.io/model-version': 'quantized-w4a16-20261125-0215',
};

const matches = (selector: string) =>
  matchesLabelSelector(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  it('matches equality, set and existence requirements as kubectl does', () => {
    expect(
      matches('backstage.io/kubernetes-id=mistral-small-24b-instruct'),
    ).toBe(true);
    expect(matches('backstage.io/kubernetes-id==other')).toBe(false);
    expect(matches('tekton.dev/pipeline!=model-evaluation')).toBe(true);
    expect(
      matches(
        'tekton.dev/pipeline in (modelcar-build-deploy-v2, model-evaluation),modelops.io/model-version',
      ),
    ).toBe(true);
    expect(
      matches('tekton.dev/pipeline notin (modelcar-build-deploy-v2)'),
    ).toBe(false);
    expect(matches('!tekton.dev/task')).toBe(true);
    expect(matches('!tekton.dev/pipeline')).toBe(false);
    expect(matches('')).toBe(true);
  });

  it.each([
    // Kubernetes rejects an upper-case prefix: it must be a DNS subdomain.
    [
      'Backstage.IO/kubernetes-id=x',
      /invalid label key "Backstage.IO\/kubernetes-id".*prefix part must be a lowercase RFC 1123 subdomain/,
    ],
    ['/name=x', /invalid label key "\/name".*prefix part/],
    [`${'a'.repeat(254)}/name=x`, /prefix part/],
    ['a/b/c=x', /invalid label key "a\/b\/c"/],
    ['-name=x', /invalid label key "-name".*name part/],
    [`${'n'.repeat(64)}=x`, /name part/],
    ['app=-bad', /invalid label value: "-bad"/],
    [`app=${'v'.repeat(64)}`, /invalid label value/],
    ['app in ()', /values set can't be empty/],
    ['a,,b', /found '', expected: identifier/],
  ])('refuses %j as the API server does', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });

  it('accepts upper case in the name part and an empty value', () => {
    expect(parseLabelSelector('app.kubernetes.io/Name=').requirements).toEqual([
      { key: 'app.kubernetes.io/Name', operator: 'in', values: [''] },
    ]);
  });
});
