import { startDemoEnvironment } from '@private-ai/demo-environment';
import { FinishedLogTails, finishedContainerKey } from './FinishedLogTails';

describe('finishedContainerKey', () => {
  it('names a container that ended, by pod uid and terminated state; none while it runs', async () => {
    const env = await startDemoEnvironment({
      now: Date.parse('2026-11-24T12:00:00Z'),
      taskSeconds: 0,
    });
    try {
      const pod = env.cluster.objects.get(
        'core/pods',
        'private-ai',
        'mistral-24b-quantized-p3x9q-push-to-internal-pod',
      )!;
      const key = finishedContainerKey(pod, 'step-push');
      expect(key).toContain(pod.metadata.uid);
      expect(finishedContainerKey(pod, 'step-push')).toBe(key);
      expect(finishedContainerKey(pod, 'step-other')).toBeUndefined();
      // Another pod under the same name (deleted and created again) is another container.
      expect(
        finishedContainerKey(
          { ...pod, metadata: { ...pod.metadata, uid: 'another' } },
          'step-push',
        ),
      ).not.toBe(key);
      const status = pod.status as { containerStatuses: any[] };
      const running = {
        ...pod,
        status: {
          ...status,
          containerStatuses: status.containerStatuses.map(c => ({
            ...c,
            state: { running: { startedAt: '2026-11-24T11:00:00Z' } },
          })),
        },
      };
      expect(finishedContainerKey(running, 'step-push')).toBeUndefined();
    } finally {
      await env.stop();
    }
  });
});

describe('FinishedLogTails', () => {
  it('keeps at most maxChars of text, dropping the least recently used first', () => {
    const tails = new FinishedLogTails(10);
    tails.set('a', 'aaaa');
    tails.set('b', 'bbbb');
    expect(tails.get('a')).toBe('aaaa'); // a is now the most recently used
    tails.set('c', 'cccc');
    expect(tails.get('b')).toBeUndefined();
    expect(tails.get('a')).toBe('aaaa');
    expect(tails.get('c')).toBe('cccc');
    tails.set('huge', 'x'.repeat(11));
    expect(tails.get('huge')).toBeUndefined();
    expect(tails.size).toBe(2);
  });
});
