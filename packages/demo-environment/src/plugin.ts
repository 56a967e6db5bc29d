import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startDemoEnvironment } from './DemoEnvironment';

/**
 * Runs the demo environment inside the portal's backend when `demoEnvironment.enabled` is
 * true (app-config.demo.yaml). Does nothing otherwise, so installing it is harmless; the
 * production config never enables it.
 * @public
 */
export const demoEnvironmentPlugin = createBackendPlugin({
  pluginId: 'demo-environment',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const demo = config.getOptionalConfig('demoEnvironment');
        if (!demo?.getOptionalBoolean('enabled')) {
          logger.info(
            'demo environment disabled (demoEnvironment.enabled is not true)',
          );
          return;
        }
        const scale = demo.getOptionalConfig('scale');
        const results = demo.getOptionalConfig('results');
        const environment = await startDemoEnvironment({
          kubernetesPort: demo.getOptionalNumber('kubernetesPort') ?? 7081,
          registryPort: demo.getOptionalNumber('registryPort') ?? 7082,
          kubernetesToken: demo.getOptionalString('kubernetesToken'),
          registryToken: demo.getOptionalString('registryToken'),
          taskSeconds: demo.getOptionalNumber('simulation.taskSeconds'),
          scale: scale
            ? {
                runs: scale.getNumber('runs'),
                models: scale.getNumber('models'),
              }
            : undefined,
          results: results
            ? {
                port: results.getOptionalNumber('port') ?? 7083,
                token: results.getOptionalString('token'),
                prunedRuns: results.getOptionalNumber('prunedRuns'),
              }
            : undefined,
        });
        if (environment.results)
          logger.warn(
            `DEMO DATA: fake Tekton Results API on ${environment.results.api.url} (${environment.results.archive.results.size} runs archived)`,
          );
        logger.warn(
          `DEMO DATA: fake Kubernetes API on ${
            environment.kubernetes.url
          } and fake Model Registry on ${
            environment.modelRegistry.url
          } (${environment.cluster.objects.size()} objects). Never use this configuration in production.`,
        );
        lifecycle.addShutdownHook(() => environment.stop());
      },
    });
  },
});
