import { Diagnosis, PipelineRunSummary } from '../tekton/types';

/** What the Model Registry says of the model and version a run names. @public */
export interface RegistrationLookup {
  /** The registered model named by the run exists. */
  modelExists: boolean;
  /** The version exists under that model (undefined when the model does not exist). */
  versionExists?: boolean;
  /** Versions of the model, newest first, to suggest the right name. */
  knownVersions?: string[];
  /** Registered models with a similar name, to suggest the right name. */
  similarModels?: string[];
}

/**
 * Checks the `model_name` / `version_name` params of an evaluation run against the Model
 * Registry. A name the registry does not have is a failure even when Tekton says the run
 * succeeded: the results were published nowhere. Returns undefined when the names exist,
 * when the run is not an evaluation run, or when it names no model.
 * @public
 */
export function diagnoseRegistration(
  summary: PipelineRunSummary,
  lookup: RegistrationLookup,
): Diagnosis | undefined {
  if (summary.kind !== 'evaluation') return undefined;
  const model = summary.keyParams.registeredModelName;
  const version = summary.keyParams.versionName;
  if (!model) return undefined;
  const publishTask =
    summary.tasks.find(t => t.stage === 'publish')?.name ??
    summary.tasks[summary.tasks.length - 1]?.name;
  if (!lookup.modelExists) {
    const hint = lookup.similarModels?.length
      ? ` Registered models with a similar name: ${lookup.similarModels.join(
          ', ',
        )}.`
      : '';
    return {
      code: 'eval-model-not-registered',
      title: `The evaluated model "${model}" is not in the Model Registry`,
      explanation: `The run's model_name param is "${model}", but the Model Registry has no registered model of that name, so the evaluation results were not attached to any model${
        summary.status === 'Succeeded' ? ' even though the run succeeded' : ''
      }.${hint}`,
      remediation:
        'Start the evaluation with model_name set to the registered model name (as shown on the model page, not the Hugging Face repository name), then re-run it.',
      evidence: [
        { source: 'param', message: `model_name=${model}` },
        {
          source: 'registry',
          task: publishTask,
          message: `registered model "${model}" not found`,
        },
      ],
    };
  }
  if (version && lookup.versionExists === false) {
    const known = lookup.knownVersions?.slice(0, 5) ?? [];
    return {
      code: 'eval-version-not-registered',
      title: `Version "${version}" of ${model} is not in the Model Registry`,
      explanation: `The run's version_name param is "${version}", but ${model} has no version of that name, so the evaluation results were not attached to any version${
        summary.status === 'Succeeded' ? ' even though the run succeeded' : ''
      }.${known.length ? ` Existing versions: ${known.join(', ')}.` : ''}`,
      remediation:
        'Re-run the evaluation with version_name set to an existing version of the model (copy it from the version page), or register the version first.',
      evidence: [
        {
          source: 'param',
          message: `model_name=${model}, version_name=${version}`,
        },
        {
          source: 'registry',
          task: publishTask,
          message: `version "${version}" of "${model}" not found`,
        },
      ],
    };
  }
  return undefined;
}
