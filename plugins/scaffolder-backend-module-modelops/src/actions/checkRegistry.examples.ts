import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `modelops:registry:check`, each run by checkRegistry.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description: 'Fail early when the version name is already taken',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          action: 'modelops:registry:check',
          name: 'The version name is free',
          input: {
            modelName: 'Mistral-Small-24B-Instruct',
            versionName: 'quantized-w4a16-20261125-0215',
            expect: 'version-free',
          },
        },
      ],
    }),
  },
  {
    description:
      'Make sure a version exists before another template refers to it',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          action: 'modelops:registry:check',
          name: 'The version exists',
          input: {
            registry: 'demo',
            modelName: 'Mistral-Small-24B-Instruct',
            versionName: 'quantized-w4a16-2501',
            expect: 'version-exists',
          },
        },
      ],
    }),
  },
];
