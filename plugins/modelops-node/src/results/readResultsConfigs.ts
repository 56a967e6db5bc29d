import { Config } from '@backstage/config';
import { ResultsConfig } from './types';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_PAGE_SIZE = 500;

/**
 * Reads `modelops.tektonResults`: one Tekton Results API server per cluster it archives.
 * Throws at start-up, naming the entry, when one is malformed or names a cluster twice.
 * @public
 */
export function readResultsConfigs(config: Config): ResultsConfig[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray('modelops.tektonResults') ?? []).map(
    (c, i) => {
      const where = `modelops.tektonResults[${i}]`;
      const cluster = c.getString('cluster');
      if (seen.has(cluster))
        throw new Error(
          `${where}: cluster ${cluster} has a Results server already`,
        );
      seen.add(cluster);
      const url = c.getString('url');
      if (!URL.canParse(url) || !/^https?:/.test(url))
        throw new Error(`${where}: invalid url "${url}"`);
      const pageSize = c.getOptionalNumber('pageSize') ?? DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000)
        throw new Error(
          `${where}.pageSize must be a whole number from 1 to 10000, got ${pageSize}`,
        );
      const parent = c.getOptionalString('parent') ?? '-';
      if (parent.includes('/'))
        throw new Error(
          `${where}.parent must be a namespace or "-", got "${parent}"`,
        );
      return {
        cluster,
        url,
        token: c.getOptionalString('token'),
        parent,
        caData: c.getOptionalString('caData'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
        timeoutMs: c.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
        pageSize,
      };
    },
  );
}
