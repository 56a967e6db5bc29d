import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  DemoEnvironment,
  scenarioRuns,
  startDemoEnvironment,
} from '@private-ai/demo-environment';
import {
  MODELOPS_RUNS_SIGNAL_CHANNEL,
  MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
} from '@private-ai/plugin-modelops-common';
import { startModelOpsTestBackend } from '../__testUtils__/startModelOpsTestBackend';
import { ChangeNotices } from './ChangeNotices';

jest.setTimeout(60_000);

describe('ChangeNotices', () => {
  it('gathers changes reported close together into one notice', async () => {
    const sent: SignalPayload[] = [];
    const notices = new ChangeNotices({
      signals: { publish: async s => void sent.push(s) },
      channel: 'modelops:runs',
      logger: mockServices.logger.mock(),
      coalesceMs: 20,
    });
    notices.changed();
    notices.changed();
    notices.changed();
    await notices.sent();
    expect(sent).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'modelops:runs',
        message: { type: 'changed' },
      },
    ]);
    notices.changed();
    await notices.sent();
    expect(sent).toHaveLength(2);
  });

  it('keeps going when the signals service fails', async () => {
    const logger = mockServices.logger.mock();
    const notices = new ChangeNotices({
      signals: {
        publish: async () => {
          throw new Error('bus down');
        },
      },
      channel: 'modelops:runs',
      logger,
      coalesceMs: 1,
    });
    notices.changed();
    await expect(notices.sent()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('bus down'),
    );
  });
});

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('signals published by the modelops backend', () => {
  let env: DemoEnvironment;
  beforeAll(async () => {
    env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
  });
  afterAll(() => env.stop());

  it('say that something changed and name no run, status or label', async () => {
    const sent: SignalPayload[] = [];
    const knex = await databases.init('SQLITE_3');
    await startModelOpsTestBackend({
      env,
      knex,
      registryAt: 'modelops',
      // Watching, as a portal does by default: the watchers publish the first changes.
      modelops: { collector: { watch: true } },
      catalog: [],
      features: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({ publish: async s => void sent.push(s) }),
        }),
      ],
    });
    for (let i = 0; i < 100; i++) {
      const channels = new Set(sent.map(s => s.channel));
      if (
        channels.has(MODELOPS_RUNS_SIGNAL_CHANNEL) &&
        channels.has(MODELOPS_VALIDATIONS_SIGNAL_CHANNEL)
      )
        break;
      await new Promise(r => setTimeout(r, 100));
    }

    expect(new Set(sent.map(s => s.channel))).toEqual(
      new Set([
        MODELOPS_RUNS_SIGNAL_CHANNEL,
        MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
      ]),
    );
    // The first collection writes every demo run: a few notices, not one per run.
    expect(sent.length).toBeLessThan(scenarioRuns.length / 2);
    for (const s of sent) {
      expect(s.recipients).toEqual({ type: 'broadcast' });
      expect(s.message).toEqual({ type: 'changed' });
    }
    const wire = JSON.stringify(sent);
    for (const run of scenarioRuns) expect(wire).not.toContain(run.name);
    expect(wire).not.toContain('kubernetes-id');
    expect(wire).not.toContain('demo-cluster');
  });
});
