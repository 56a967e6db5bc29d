import { EventsService } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';
import { ProviderStatus } from './ModelRegistryEntityProvider';

/** Events topic on which each refresh's {@link ProviderStatus} is published. @public */
export const REGISTRY_STATUS_TOPIC = 'modelops.registry-status';

const attemptOf = (s: ProviderStatus | undefined) => s?.lastAttemptAt ?? '';

/**
 * The latest refresh status of every registry provider, on every backend replica. A refresh
 * runs on one replica (a global scheduled task); its status is published on
 * {@link REGISTRY_STATUS_TOPIC} through the events service and every replica's board keeps the
 * newest one per provider, so `/api/catalog/modelops-registries` says the same wherever the
 * request lands (across replicas when the events backend's bus is installed).
 */
export class RegistryStatusBoard {
  private readonly statuses = new Map<string, ProviderStatus>();

  /**
   * @param received - called with each status another replica (or this one) published, after it
   *   is kept: the providers learn from it that a refresh ran elsewhere.
   */
  constructor(
    private readonly events?: EventsService,
    private readonly received?: (status: ProviderStatus) => void,
  ) {}

  /** Listens for the statuses other replicas publish. */
  async subscribe(): Promise<void> {
    await this.events?.subscribe({
      // One subscriber per replica: subscribers that share an id share the events.
      id: `modelops-registry-status-${randomUUID()}`,
      topics: [REGISTRY_STATUS_TOPIC],
      onEvent: async ({ eventPayload }) => {
        const status = eventPayload as ProviderStatus;
        if (!status || typeof status.provider !== 'string') return;
        this.keep(status);
        this.received?.(status);
      },
    });
  }

  /** Keeps a status from this replica and tells the others. */
  async publish(status: ProviderStatus): Promise<void> {
    this.keep(status);
    await this.events?.publish({
      topic: REGISTRY_STATUS_TOPIC,
      eventPayload: status,
    });
  }

  /** The newest known status of each of these providers (their own when none is newer). */
  list(local: ProviderStatus[]): ProviderStatus[] {
    return local.map(own => {
      const seen = this.statuses.get(own.provider);
      return attemptOf(seen) > attemptOf(own) ? seen! : own;
    });
  }

  private keep(status: ProviderStatus) {
    if (!status || typeof status.provider !== 'string') return;
    if (attemptOf(status) >= attemptOf(this.statuses.get(status.provider)))
      this.statuses.set(status.provider, status);
  }
}
