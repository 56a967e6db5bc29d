import { InputError } from '@backstage/errors';
import { TektonObject } from '../tekton/types';
import { lintTekton } from '../validation/lintTekton';
import { validateTektonSchema } from '../validation/validateTektonSchema';

function label(object: TektonObject): string {
  return `${object.kind} ${
    object.metadata.name ?? object.metadata.generateName ?? ''
  }`.trim();
}

/**
 * Validates generated Tekton objects against the tekton.dev/v1 CRD schemas (unknown fields
 * refused) and lints them together with tekton-lint (a task referring to a missing Task, an
 * undefined param or result, a missing workspace...). Throws an InputError listing every
 * problem with the object it is in; returns the linter's warnings.
 */
export async function checkGeneratedObjects(
  objects: TektonObject[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    for (const problem of validateTektonSchema(object))
      problems.push(`${label(object)}: ${problem}`);
  }
  // tekton-lint judges Pipelines and Tasks (it has no rules for runs, and refuses a set
  // without definitions), so a PipelineRun alone is checked by its schema only.
  const linted = objects.some(o => o.kind === 'Pipeline' || o.kind === 'Task')
    ? await lintTekton(objects)
    : [];
  for (const p of linted.filter(l => l.level === 'error'))
    problems.push(`tekton-lint ${p.rule}: ${p.message}`);
  if (problems.length) {
    throw new InputError(
      `the generated Tekton objects are not valid: ${problems.join('; ')}`,
    );
  }
  return linted
    .filter(l => l.level === 'warning')
    .map(p => `tekton-lint ${p.rule}: ${p.message}`);
}
