import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** What a field validator reports its errors to (RJSF's FieldValidation). */
export type FieldValidation = Parameters<CustomFieldValidator<string>>[1];

/**
 * The live hint under a field, unless the form already shows the same message among the
 * field's errors (the scaffolder lists `rawErrors` under the field and at the top of the step).
 */
export function liveHint(
  hint: string | undefined,
  rawErrors: string[] | undefined,
): string | undefined {
  return hint && rawErrors?.includes(hint) ? undefined : hint;
}
