import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * The benches' logger: errors (and warnings, unless `warnings: false`) to the console, the
 * rest dropped, so a bench prints its figures and what went wrong, not the plugins' info lines.
 */
export function benchLogger(
  options: { warnings?: boolean } = {},
): LoggerService {
  const logger: LoggerService = {
    debug() {},
    info() {},
    warn: options.warnings === false ? () => {} : console.warn,
    error: console.error,
    child: () => logger,
  };
  return logger;
}
