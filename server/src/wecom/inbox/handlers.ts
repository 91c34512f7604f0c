/** One stored WeCom callback event, as handlers see it. */
export interface InboxEvent {
  id: string;
  corpId: string;
  /** `Event` of the callback, e.g. `change_external_contact`, `change_contact`. */
  event: string;
  /** `ChangeType`, e.g. `add_external_contact`, `create_user`; empty when the event has none. */
  changeType: string;
  userId: string;
  externalUserId: string;
  /** WeCom's `CreateTime`, in seconds: the order in which state changes are applied. */
  createTime: number;
  /** Every field of the decrypted XML, as text (`State`, `WelcomeCode`, `Source`, …). */
  fields: Record<string, string>;
}

/** Runs once per stored event (and again only if it threw). It must be idempotent. */
export type InboxHandler = (event: InboxEvent) => Promise<void>;

const keyOf = (event: string, changeType: string) => `${event}\u0000${changeType}`;

/**
 * Handlers by (Event, ChangeType), registered by the domains that own them (customers for
 * external-contact changes, the directory for `change_contact`). An event nobody handles is done.
 */
export class InboxHandlers {
  private readonly handlers = new Map<string, InboxHandler[]>();

  register(event: string, changeType: string, handler: InboxHandler): void {
    const key = keyOf(event, changeType);
    this.handlers.set(key, [...(this.handlers.get(key) ?? []), handler]);
  }

  for(event: string, changeType: string): InboxHandler[] {
    return this.handlers.get(keyOf(event, changeType)) ?? [];
  }
}
