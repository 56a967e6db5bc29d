import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `modelops:pipelinerun:create`, each run by createPipelineRun.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Start the PipelineRun that modelops:pipeline:render wrote, creating the Pipeline and Tasks when the cluster lacks them',
    example: yaml.stringify({
      steps: [
        {
          id: 'start',
          action: 'modelops:pipelinerun:create',
          name: 'Start the run on the cluster',
          input: {
            cluster: 'demo-cluster',
            manifests: [
              '.tekton/pipelinerun.yaml',
              '.tekton/pipeline.yaml',
              '.tekton/tasks/hf-download.yaml',
              '.tekton/tasks/modelcar-build.yaml',
              '.tekton/tasks/skopeo-push.yaml',
              '.tekton/tasks/model-registry-register.yaml',
            ],
          },
        },
      ],
    }),
  },
];
