import { mockServices } from '@backstage/backend-test-utils';
import { RunSource, RunSourceStats, syncAndLog } from './RunSource';

const source = (stats: RunSourceStats): RunSource => ({
  taskId: 'test-source',
  description: 'collected runs',
  syncOnce: async () => stats,
});

describe('syncAndLog', () => {
  it('says what a pass changed, and which clusters failed', async () => {
    const logger = mockServices.logger.mock();
    await syncAndLog(
      source({ read: 5, written: 2, pruned: 1, failedClusters: ['b'] }),
      logger,
    );
    expect(logger.info).toHaveBeenCalledWith(
      'collected runs: 5 read, 2 written, 1 pruned, failed clusters: b',
    );
  });

  it('stays quiet when a pass changed nothing', async () => {
    const logger = mockServices.logger.mock();
    const stats = { read: 5, written: 0, pruned: 0, failedClusters: [] };
    expect(await syncAndLog(source(stats), logger)).toEqual(stats);
    expect(logger.info).not.toHaveBeenCalled();
  });
});
