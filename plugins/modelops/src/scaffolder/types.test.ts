import { liveHint } from './types';

describe('liveHint', () => {
  it('keeps the hint unless the form already shows it as an error of the field', () => {
    expect(liveHint('Checking the Model Registry…', [])).toBe(
      'Checking the Model Registry…',
    );
    expect(liveHint('must not contain spaces', undefined)).toBe(
      'must not contain spaces',
    );
    expect(
      liveHint('must not contain spaces', ['must not contain spaces']),
    ).toBeUndefined();
    // A newer finding than the error of the last "Next" click is still shown.
    expect(
      liveHint('Free in the Model Registry demo', ['must not contain spaces']),
    ).toBe('Free in the Model Registry demo');
    expect(liveHint(undefined, ['x'])).toBeUndefined();
  });
});
