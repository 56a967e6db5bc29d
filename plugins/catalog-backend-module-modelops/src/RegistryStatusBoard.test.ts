import { mockServices } from '@backstage/backend-test-utils';
import { ProviderStatus } from './ModelRegistryEntityProvider';
import { RegistryStatusBoard } from './RegistryStatusBoard';

const status = (
  state: ProviderStatus['state'],
  lastAttemptAt?: string,
): ProviderStatus => ({
  provider: 'modelops-registry:demo',
  registry: 'demo',
  state,
  lastAttemptAt,
  ...(state === 'error'
    ? { message: 'HTTP 404 for a list', errorSince: lastAttemptAt }
    : {}),
});

describe('RegistryStatusBoard', () => {
  it('shows the refresh status of the replica that ran it on every replica', async () => {
    const events = mockServices.events();
    const ranIt = new RegistryStatusBoard(events);
    const other = new RegistryStatusBoard(events);
    await ranIt.subscribe();
    await other.subscribe();
    const failed = status('error', '2026-11-30T05:31:00.000Z');
    await ranIt.publish(failed);
    // The other replica's own provider never ran its refresh.
    expect(other.list([status('never-run')])).toEqual([failed]);
    expect(ranIt.list([failed])).toEqual([failed]);
  });

  it('keeps the newest status, whatever order they arrive in', async () => {
    const board = new RegistryStatusBoard(mockServices.events());
    await board.subscribe();
    const newer = status('ok', '2026-11-30T05:41:00.000Z');
    await board.publish(newer);
    await board.publish(status('error', '2026-11-30T05:31:00.000Z'));
    expect(board.list([status('never-run')])).toEqual([newer]);
    // A replica's own newer status wins over an older published one.
    const own = status('error', '2026-11-30T05:51:00.000Z');
    expect(board.list([own])).toEqual([own]);
  });

  it('passes each status it receives to the providers, so they learn of refreshes elsewhere', async () => {
    const events = mockServices.events();
    const received: ProviderStatus[] = [];
    const ranIt = new RegistryStatusBoard(events);
    const other = new RegistryStatusBoard(events, s => received.push(s));
    await ranIt.subscribe();
    await other.subscribe();
    const ok = status('ok', '2026-11-30T05:41:00.000Z');
    await ranIt.publish(ok);
    expect(received).toEqual([ok]);
  });
});
