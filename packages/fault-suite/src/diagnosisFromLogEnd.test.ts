import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import modelopsPlugin from '@private-ai/plugin-modelops-backend';
import { createClusterClient } from '@private-ai/plugin-modelops-node';
import request from 'supertest';
import { FaultProxy, startFaultProxy } from './startFaultProxy';
import { allowAllServices } from './__testUtils__/testBackendServices';

jest.setTimeout(120_000);

/**
 * The diagnosis reads the end of a failed step's log: with 70 KB of output before the real
 * error (more than the 64 KiB the collector reads), the cause is still found. Reading the head
 * (Kubernetes' `limitBytes`) saw only filler and diagnosed nothing.
 */
describe('diagnosis of a log with 70 KB before the error', () => {
  let env: DemoEnvironment;
  let proxy: FaultProxy;
  const RUN = scenarioRuns.find(r => r.name === 'mistral-24b-quantized-p3x9q')!;
  const POD = 'mistral-24b-quantized-p3x9q-push-to-internal-pod';

  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    proxy = await startFaultProxy(env.kubernetes.url);
  });
  afterAll(async () => {
    await proxy.stop();
    env.stop();
  });

  it('finds the cause at the end of the log', async () => {
    const real = await createClusterClient({
      name: 'demo-cluster',
      url: env.kubernetes.url,
      serviceAccountToken: env.kubernetesToken,
      skipTLSVerify: false,
      timeoutMs: 5000,
    }).podLogTail('private-ai', POD, 'step-push', { limitBytes: 1 << 20 });
    expect(real.text).toContain('Permission denied');
    proxy.setFault(new RegExp(`/pods/${POD}/log\\?`), {
      kind: 'big-body',
      bytes: 70_000,
      tail: real.text,
    });
    const { server } = await startTestBackend({
      features: [
        modelopsPlugin,
        mockServices.rootConfig.factory({
          data: {
            modelops: {
              clusters: [
                {
                  name: 'demo-cluster',
                  url: proxy.url,
                  serviceAccountToken: env.kubernetesToken,
                },
              ],
              collector: {
                // These faults are about the full list; the watch has its own tests.
                watch: false,
                namespaces: ['private-ai'],
                schedule: {
                  frequency: { minutes: 60 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        }),
        ...allowAllServices(),
      ],
    });
    expect(proxy.faulted.some(r => r.includes(`/pods/${POD}/log?`))).toBe(true);
    const detail = await request(server)
      .get(`/api/modelops/runs/demo-cluster/private-ai/${RUN.name}`)
      .set('authorization', mockCredentials.user.header());
    expect(detail.status).toBe(200);
    expect(detail.body.diagnosis?.code).toBe(RUN.expectedDiagnosis);
    expect(JSON.stringify(detail.body.diagnosis.evidence)).toContain(
      'Permission denied',
    );
  });
});
