import { mockServices } from '@backstage/backend-test-utils';
import { DemoEnvironment } from '@private-ai/demo-environment';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import { ValidationCollector } from '../collector/ValidationCollector';
import { ValidationWatcher } from '../collector/ValidationWatcher';
import { ValidationStore } from '../database/ValidationStore';

/**
 * A ValidationWatcher of the demo cluster (as `demo`) and its `notebook-validation` namespace,
 * writing to `store`, with a short backoff; `published` collects the names of written jobs.
 */
export function demoValidationWatcher(
  env: DemoEnvironment,
  store: ValidationStore,
  options: {
    token?: string;
    published?: string[];
    /** Another address of the demo API (a proxy in front of it). */
    url?: string;
    absentRetryMs?: number;
  } = {},
): ValidationWatcher {
  const client = createClusterClient({
    name: 'demo',
    url: options.url ?? env.kubernetes.url,
    serviceAccountToken: options.token ?? env.kubernetesToken,
    skipTLSVerify: false,
    timeoutMs: 5000,
  });
  const logger = mockServices.logger.mock();
  const namespaces = ['notebook-validation'];
  return new ValidationWatcher({
    clusters: [client],
    collector: new ValidationCollector({
      clusters: [client],
      store,
      logger,
      namespaces,
      publish: async job => void options.published?.push(job.name),
    }),
    store,
    logger,
    namespaces,
    backoff: { initialMs: 20, maxMs: 200 },
    absentRetryMs: options.absentRetryMs,
  });
}
