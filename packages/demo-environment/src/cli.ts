import { parseArgs } from 'node:util';
import { startDemoEnvironment } from './DemoEnvironment';

const USAGE = `usage: demo-environment [--runs N --models M [--versions V]] [--no-scenario] [--kubernetes-port P] [--registry-port P] [--task-seconds S]
Starts the loopback Kubernetes API and Model Registry (and with --results-port a Tekton Results API) of the demo environment until interrupted.`;

function wholeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number >= 0, got "${value}"`);
  return n;
}

/** Command line entry point. @public */
export async function main(argv: string[]): Promise<void> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string' },
        models: { type: 'string' },
        versions: { type: 'string' },
        'no-scenario': { type: 'boolean' },
        'kubernetes-port': { type: 'string' },
        'registry-port': { type: 'string' },
        'task-seconds': { type: 'string' },
        'results-port': { type: 'string' },
        'pruned-runs': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    const runs = wholeNumber('runs', values.runs, 0);
    const models = wholeNumber('models', values.models, runs > 0 ? 50 : 0);
    const versionsPerModel = wholeNumber('versions', values.versions, 2);
    const started = Date.now();
    const env = await startDemoEnvironment({
      scenario: !values['no-scenario'],
      scale:
        runs > 0 || models > 0
          ? { runs, models: Math.max(1, models), versionsPerModel }
          : undefined,
      kubernetesPort: wholeNumber(
        'kubernetes-port',
        values['kubernetes-port'],
        7081,
      ),
      registryPort: wholeNumber('registry-port', values['registry-port'], 7082),
      taskSeconds: wholeNumber('task-seconds', values['task-seconds'], 8),
      results:
        values['results-port'] !== undefined
          ? {
              port: wholeNumber('results-port', values['results-port'], 0),
              prunedRuns: wholeNumber('pruned-runs', values['pruned-runs'], 0),
            }
          : undefined,
    });
    console.log(
      `Kubernetes API  ${env.kubernetes.url}  (bearer ${env.kubernetesToken})`,
    );
    console.log(
      `Model Registry  ${env.modelRegistry.url}/api/model_registry/v1alpha3  (bearer ${env.registryToken})`,
    );
    if (env.results)
      console.log(
        `Tekton Results  ${env.results.api.url}/apis/results.tekton.dev/v1alpha2/parents/${env.results.parent}  (bearer ${env.results.token}, ${env.results.archive.results.size} runs archived)`,
      );
    console.log(
      `${env.cluster.objects.size()} objects${
        env.scale
          ? `, ${env.scale.counts.pipelineRuns} generated runs with ${env.scale.counts.taskRuns} TaskRuns over ${env.scale.counts.models} models`
          : ''
      }, ready in ${Date.now() - started} ms`,
    );
    const stop = () => env.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`demo-environment: ${(error as Error).message}\n${USAGE}`);
    process.exitCode = 1;
  }
}
