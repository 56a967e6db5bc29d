import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { schemaKinds, validateTektonSchema } from './validateTektonSchema';

const CRDS = path.resolve(__dirname, '../../../../fixtures/tekton/crds');
const DEFINITIONS = path.resolve(
  __dirname,
  '../../../../fixtures/tekton/definitions',
);

describe('validateTektonSchema', () => {
  it('uses exactly the tekton.dev/v1 schemas of the CRDs in fixtures/tekton/crds', () => {
    const shipped = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../schemas/tekton-v1.json'),
        'utf8',
      ),
    ).kinds;
    for (const [kind, file] of [
      ['Pipeline', '300-pipeline.yaml'],
      ['Task', '300-task.yaml'],
      ['PipelineRun', '300-pipelinerun.yaml'],
    ]) {
      const crd = parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
      expect(shipped[kind]).toEqual(
        crd.spec.versions.find((v: { name: string }) => v.name === 'v1').schema
          .openAPIV3Schema,
      );
    }
    expect(schemaKinds().sort()).toEqual(['Pipeline', 'PipelineRun', 'Task']);
  });

  it('accepts the real public v1 objects of the fixtures, and finds the one field Tekton does not define', () => {
    const found: Record<string, string[]> = {};
    for (const file of fs.readdirSync(DEFINITIONS)) {
      for (const doc of parseAllDocuments(
        fs.readFileSync(path.join(DEFINITIONS, file), 'utf8'),
      )) {
        const object = doc.toJSON();
        if (
          object?.apiVersion !== 'tekton.dev/v1' ||
          !['Pipeline', 'Task', 'PipelineRun'].includes(object.kind)
        )
          continue;
        // Status is written by the controller, not by a template.
        const { status: _status, ...withoutStatus } = object;
        found[`${file} ${object.kind}`] = validateTektonSchema(withoutStatus);
      }
    }
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(8);
    // Pipeline task workspace bindings have name, workspace and subPath only: kubectl's strict
    // field validation refuses this file, and so does this check.
    expect(
      found['rhdh-ai-docker-build-push-gitops-pipeline.yaml Pipeline'],
    ).toEqual(['spec.tasks.3.workspaces.0: unknown field "optional"']);
    delete found['rhdh-ai-docker-build-push-gitops-pipeline.yaml Pipeline'];
    expect(
      Object.entries(found).filter(([, problems]) => problems.length),
    ).toEqual([]);
  });

  it('names the field of a wrong type, a missing required field and an unknown field', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'x' },
      spec: { params: [{ name: 'a' }], timeouts: { pipeline: 5 } },
    };
    expect(validateTektonSchema(run)).toEqual([
      "spec.params.0: must have required property 'value'",
      'spec.timeouts.pipeline: must be string',
    ]);
    expect(
      validateTektonSchema({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'PipelineRun',
      }),
    ).toEqual(['apiVersion must be tekton.dev/v1, got tekton.dev/v1beta1']);
  });
});
