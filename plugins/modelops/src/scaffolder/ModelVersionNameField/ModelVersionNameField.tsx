import TextField from '@material-ui/core/TextField';
import { ApiHolder, useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { FieldValidation, liveHint } from '../types';
import {
  checkVersionName,
  MODELCAR_VARIANTS,
  proposeVersionName,
  RegistryCheckResponse,
} from '@private-ai/plugin-modelops-common';
import { useEffect, useRef, useState } from 'react';
import { modelopsApiRef } from '../../api/ModelOpsApi';

/** `ui:options` of the version name field: where the model and the variant are in the form. @public */
export interface ModelVersionNameOptions {
  /** Form field holding the registered model name. Default `modelName`. */
  modelField?: string;
  /** Form field holding the variant. Default `variant`. */
  variantField?: string;
}

// The field and the form's error list say the same thing in the same words (the form puts the
// field's title in front of it).
const versionTaken = (model: string, version: string, registry: string) =>
  `${model} already has a version ${version} in the Model Registry ${registry}`;
const registryUnreachable = (error: Error) =>
  `Could not check the Model Registry: ${error.message}`;

/** What the field says of a registry answer (undefined: no registered model of that name). */
function stateOf(
  result: RegistryCheckResponse | undefined,
  model: string,
  version: string,
): State {
  if (!result) return { kind: 'new' };
  if (result.versionExists)
    return {
      kind: 'taken',
      message: versionTaken(model, version, result.registry),
    };
  return { kind: 'free', registry: result.registry };
}

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'free'; registry: string }
  | { kind: 'new' }
  | { kind: 'taken'; message: string }
  | { kind: 'failed'; message: string };

/** A name of the convention for some variant: what this field proposes, so it may replace it. */
const isProposal = (value: string) =>
  MODELCAR_VARIANTS.some(v =>
    new RegExp(`^${v.id}-\\d{8}-\\d{4}$`).test(value),
  );

/**
 * `ui:field: ModelVersionName`: proposes a version name by the convention
 * (`<variant>-<YYYYMMDD>-<HHMM>`, following the variant picked earlier) and checks it live
 * against the Model Registry: a name the model already has is refused before the user can go on.
 * @public
 */
export function ModelVersionNameField(
  props: FieldExtensionComponentProps<string, ModelVersionNameOptions>,
) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    idSchema,
    disabled,
    uiSchema,
    formContext,
  } = props;
  const modelopsApi = useApi(modelopsApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const all = (formContext?.formData ?? {}) as Record<string, unknown>;
  const variant =
    typeof all[options.variantField ?? 'variant'] === 'string'
      ? (all[options.variantField ?? 'variant'] as string)
      : undefined;
  const model =
    typeof all[options.modelField ?? 'modelName'] === 'string'
      ? (all[options.modelField ?? 'modelName'] as string)
      : undefined;
  const edited = useRef(false);
  const [state, setState] = useState<State>({ kind: 'idle' });

  // Follow the variant with a fresh proposal until the user types a name of their own.
  useEffect(() => {
    if (!variant || edited.current) return;
    if (
      !formData ||
      (isProposal(formData) && !formData.startsWith(`${variant}-`))
    )
      onChange(proposeVersionName(variant));
  }, [variant, formData, onChange]);

  const problem = formData ? checkVersionName(formData, variant) : undefined;
  useEffect(() => {
    if (!formData || !model || problem) {
      setState({ kind: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState({ kind: 'checking' });
    const timer = setTimeout(() => {
      modelopsApi
        .checkRegistry(
          { model, version: formData },
          { signal: controller.signal },
        )
        .then(
          result => setState(stateOf(result, model, formData)),
          error => {
            if (!controller.signal.aborted)
              setState({ kind: 'failed', message: registryUnreachable(error) });
          },
        );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [formData, model, problem, modelopsApi]);

  let helperText: string | undefined = schema.description;
  if (problem) helperText = problem;
  else if (state.kind === 'checking')
    helperText = 'Checking the Model Registry…';
  else if (state.kind === 'free')
    helperText = `Free in the Model Registry ${state.registry}${
      model ? ` for ${model}` : ''
    }`;
  else if (state.kind === 'new')
    helperText = `No registered model ${model} in the catalog: this will be its first version`;
  else if (state.kind === 'taken' || state.kind === 'failed')
    helperText = state.message;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Version name'}
      value={formData ?? ''}
      onChange={event => {
        edited.current = true;
        onChange(event.target.value.trim());
      }}
      required={required}
      disabled={disabled}
      error={
        !!problem ||
        state.kind === 'taken' ||
        state.kind === 'failed' ||
        (rawErrors?.length ?? 0) > 0
      }
      helperText={liveHint(helperText, rawErrors)}
      inputProps={{ 'aria-describedby': `${idSchema?.$id}-status` }}
      FormHelperTextProps={
        { id: `${idSchema?.$id}-status`, role: 'status' } as object
      }
      fullWidth
      margin="normal"
    />
  );
}

/**
 * Refuses a name off the convention or of another variant, and (asking the registry) a name
 * the model already has, so the user cannot go on with it.
 * @public
 */
export async function validateModelVersionName(
  value: string,
  validation: FieldValidation,
  context: {
    apiHolder: ApiHolder;
    formData: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: object };
  },
) {
  const options: ModelVersionNameOptions =
    context.uiSchema?.['ui:options'] ?? {};
  const variant = context.formData[options.variantField ?? 'variant'];
  const model = context.formData[options.modelField ?? 'modelName'];
  const problem = checkVersionName(
    value,
    typeof variant === 'string' ? variant : undefined,
  );
  if (problem) {
    validation.addError(problem);
    return;
  }
  const modelopsApi = context.apiHolder.get(modelopsApiRef);
  if (typeof model !== 'string' || !model || !modelopsApi) return;
  try {
    const result = await modelopsApi.checkRegistry({ model, version: value });
    if (result?.versionExists)
      validation.addError(versionTaken(model, value, result.registry));
  } catch (error) {
    validation.addError(registryUnreachable(error as Error));
  }
}
