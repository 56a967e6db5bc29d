import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  ANNOTATION_CUSTOM_PROPERTIES,
  checkHuggingFaceRepo,
} from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { SuggestedTextField } from '../SuggestedTextField';
import { FieldValidation } from '../types';

/** The Hugging Face repositories the catalog's model versions were built from (`hf_repo`). */
function sourceRepos(
  annotations: Array<Record<string, string> | undefined>,
): string[] {
  const repos = new Set<string>();
  for (const a of annotations) {
    try {
      const repo = JSON.parse(
        a?.[ANNOTATION_CUSTOM_PROPERTIES] ?? '{}',
      ).hf_repo;
      if (typeof repo === 'string' && !checkHuggingFaceRepo(repo))
        repos.add(repo);
    } catch {
      // an entity with a malformed annotation offers nothing
    }
  }
  return [...repos].sort((x, y) => x.localeCompare(y));
}

/**
 * `ui:field: HuggingFaceRepo`: a Hugging Face repository id (`owner/name`), picked from the
 * repositories the catalog's model versions were built from or typed in, and checked as it is
 * typed with the same rule the scaffolder action applies.
 * @public
 */
export function HuggingFaceRepoField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, schema } = props;
  const catalogApi = useApi(catalogApiRef);
  const { value: repos = [] } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Resource', 'spec.type': 'ai-model-version' },
      fields: [`metadata.annotations.${ANNOTATION_CUSTOM_PROPERTIES}`],
    });
    return sourceRepos(items.map(e => e.metadata.annotations));
  }, [catalogApi]);
  const problem = formData ? checkHuggingFaceRepo(formData) : undefined;
  return (
    <SuggestedTextField
      {...props}
      options={repos}
      label={schema.title ?? 'Hugging Face repository'}
      placeholder="mistralai/Mistral-Small-24B-Instruct-2501"
      problem={problem}
      hint={
        problem ??
        (formData ? `https://huggingface.co/${formData}` : schema.description)
      }
    />
  );
}

/** The form refuses what the action would refuse. @public */
export function validateHuggingFaceRepo(
  value: string,
  validation: FieldValidation,
) {
  const problem = checkHuggingFaceRepo(value);
  if (problem) validation.addError(problem);
}
