import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ModelOpsChangeNotice } from '@private-ai/plugin-modelops-common';

/** How long changes are gathered into one notice; well under the UI's 2 s live budget. */
const DEFAULT_COALESCE_MS = 250;

/**
 * Tells every browser that something on a channel changed, and nothing more.
 *
 * Signals are broadcast to every signed-in user, and the signals service has no way to ask the
 * permission framework who may see a run. So a notice carries no run name, status, labels or
 * cluster: a browser that receives one re-reads its list through the authorized routes, which
 * answer only what the caller may see. Changes reported within `coalesceMs` of each other make
 * one notice, so a collection that writes 1,000 runs sends one signal, not 1,000.
 */
export class ChangeNotices {
  readonly #signals: Pick<SignalsService, 'publish'>;
  readonly #channel: string;
  readonly #logger: LoggerService;
  readonly #coalesceMs: number;
  #pending: Promise<void> | undefined;

  constructor(options: {
    signals: Pick<SignalsService, 'publish'>;
    channel: string;
    logger: LoggerService;
    coalesceMs?: number;
  }) {
    this.#signals = options.signals;
    this.#channel = options.channel;
    this.#logger = options.logger;
    this.#coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  }

  /**
   * Reports that something changed; whatever describes the change is deliberately not taken.
   * Returns at once (a collector reporting run after run must not wait for each notice); the
   * notice that covers this change goes out within `coalesceMs`.
   */
  changed(): void {
    this.#pending ??= new Promise<void>(resolve =>
      setTimeout(resolve, this.#coalesceMs),
    ).then(() => this.#send());
  }

  /** Resolves when the notice covering every change reported so far has been sent. */
  async sent(): Promise<void> {
    await this.#pending;
  }

  async #send(): Promise<void> {
    this.#pending = undefined;
    const message: ModelOpsChangeNotice = { type: 'changed' };
    try {
      await this.#signals.publish({
        recipients: { type: 'broadcast' },
        channel: this.#channel,
        message: { ...message },
      });
    } catch (error) {
      this.#logger.warn(`change notice on ${this.#channel} not sent: ${error}`);
    }
  }
}
