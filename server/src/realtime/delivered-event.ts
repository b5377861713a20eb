/**
 * A stored realtime event as the hub hands it to subscribers. The payload arrives from the
 * database as JSON text and is parsed only if a subscriber reads it; WebSocket clients get `wire`,
 * the event serialised once and shared by every client of the account.
 */
export class DeliveredEvent {
  #payload: Record<string, unknown> | undefined;
  #wire: string | undefined;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly payloadJson: string,
    readonly createdAt: string,
  ) {}

  get payload(): Record<string, unknown> {
    this.#payload ??= JSON.parse(this.payloadJson) as Record<string, unknown>;
    return this.#payload;
  }

  /** `{"id","type","payload","createdAt"}` as sent on the stream. */
  get wire(): string {
    this.#wire ??= `{"id":${this.id},"type":${JSON.stringify(this.type)},"payload":${this.payloadJson},"createdAt":"${this.createdAt}"}`;
    return this.#wire;
  }
}
