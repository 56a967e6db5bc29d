import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** What a field validator reports its errors to (RJSF's FieldValidation). */
export type FieldValidation = Parameters<CustomFieldValidator<string>>[1];
