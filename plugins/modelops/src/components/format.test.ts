import { countOf } from './format';

describe('countOf', () => {
  it('says one run, and runs otherwise', () => {
    expect(countOf(1, 'run')).toBe('1 run');
    expect(countOf(0, 'run')).toBe('0 runs');
    expect(countOf(3, 'run')).toBe('3 runs');
  });
});
