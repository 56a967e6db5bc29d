import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DemoEnvironment,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import { ModelRegistryClient } from '@private-ai/plugin-modelops-node';
import { EvaluationService } from './EvaluationService';
import { EvaluationConfig } from './readEvaluationConfig';

describe('EvaluationService.publish keeps the build records', () => {
  let env: DemoEnvironment;
  let service: EvaluationService;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    service = new EvaluationService({
      config: {
        registries: new Map([
          [
            'demo',
            new ModelRegistryClient({
              baseUrl: env.modelRegistry.url,
              token: env.registryToken,
            }),
          ],
        ]),
      } as Partial<EvaluationConfig> as EvaluationConfig,
      // publish reads neither the run history nor the catalog
      runs: undefined as never,
      catalog: undefined as never,
      logger: mockServices.logger.mock(),
    });
  });
  afterAll(() => env.stop());

  /** A built version: it has the build's `image_digest` and `hf_repo`. */
  function builtVersion() {
    const version = [...env.registry.modelVersions.values()].find(
      v => v.customProperties?.image_digest && v.customProperties?.hf_repo,
    )!;
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'v',
        annotations: {
          'modelops.io/registry': 'demo',
          'modelops.io/model-version-id': version.id,
        },
      },
      spec: { type: 'ai-model-version' },
    };
    return { version, entity };
  }

  it('refuses the body of issue 12 naming each key, and writes nothing', async () => {
    const { version, entity } = builtVersion();
    const before = JSON.stringify(version.customProperties);
    const error = await service
      .publish(entity, {
        metrics: { image_digest: 1, hf_repo: 0, constructor: 5 },
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'only evaluation results are published; nothing was written: "image_digest" is a build or provenance record, not an evaluation result; "hf_repo" is a build or provenance record, not an evaluation result; "constructor" is a reserved name',
    );
    expect(
      JSON.stringify(
        env.registry.modelVersions.get(version.id)!.customProperties,
      ),
    ).toBe(before);
  });

  it('never replaces a property an evaluation did not write', async () => {
    const { version, entity } = builtVersion();
    const mmluBefore = version.customProperties!.mmlu;
    version.customProperties!.gsm8k = {
      metadataType: 'MetadataStringValue',
      string_value: 'set by hand',
    };
    const error = await service
      .publish(entity, { metrics: { gsm8k: 80, mmlu: 70 } })
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'already has gsm8k (a MetadataStringValue) not written by an evaluation; nothing was written',
    );
    const stored = env.registry.modelVersions.get(version.id)!
      .customProperties!;
    expect(stored.gsm8k).toEqual({
      metadataType: 'MetadataStringValue',
      string_value: 'set by hand',
    });
    expect(stored.mmlu).toEqual(mmluBefore);
  });

  it('publishes evaluation keys and replaces an earlier evaluation result', async () => {
    const { version, entity } = builtVersion();
    delete version.customProperties!.gsm8k;
    await service.publish(entity, { metrics: { mmlu: 70, ttft_p90: 300 } });
    const result = await service.publish(entity, { metrics: { mmlu: 71.5 } });
    expect(result.published).toEqual(['mmlu']);
    const stored = env.registry.modelVersions.get(version.id)!
      .customProperties!;
    expect(stored.mmlu).toEqual({
      metadataType: 'MetadataDoubleValue',
      double_value: 71.5,
    });
    expect(stored.ttft_p90).toEqual({
      metadataType: 'MetadataDoubleValue',
      double_value: 300,
    });
    expect(stored.image_digest.metadataType).toBe('MetadataStringValue');
    expect(stored.hf_repo.metadataType).toBe('MetadataStringValue');
  });
});
