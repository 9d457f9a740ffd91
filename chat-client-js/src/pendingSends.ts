/**
 * Messages sent by this client and not yet confirmed by the server, keyed by clientMsgId.
 *
 * A pending send is settled by its RECEIPT or when the message itself arrives (live or in a
 * replay), whichever comes first. After a reconnect the client sends every pending message again
 * with the same clientMsgId; the server stores a clientMsgId once, so a retry never doubles a
 * message. Pure data structure (no I/O, no timers); immutable snapshots for rendering.
 */
export interface PendingSend {
  clientMsgId: string;
  roomId: number;
  content: string;
  /** The id of the message this one replies to, if any. */
  replyTo?: string;
  /** The JSON object sent with the message, if any. */
  metadata?: Record<string, unknown>;
  /** Epoch ms when the user sent it. */
  createdAt: number;
  /** How many times it was handed to the connection. */
  attempts: number;
  /** Receipt id of the latest attempt, if any. */
  receiptId?: string;
}

export class PendingSends {
  private readonly byClientMsgId = new Map<string, PendingSend>();
  private readonly clientMsgIdByReceipt = new Map<string, string>();

  /** Adds a new pending send. Throws when the clientMsgId is already pending. */
  add(
    clientMsgId: string,
    roomId: number,
    content: string,
    now: number,
    options: { replyTo?: string; metadata?: Record<string, unknown> } = {},
  ): PendingSend {
    if (this.byClientMsgId.has(clientMsgId)) {
      throw new Error(`clientMsgId ${clientMsgId} is already pending`);
    }
    const entry: PendingSend = { clientMsgId, roomId, content, createdAt: now, attempts: 0 };
    if (options.replyTo) entry.replyTo = options.replyTo;
    if (options.metadata) entry.metadata = options.metadata;
    this.byClientMsgId.set(clientMsgId, entry);
    return entry;
  }

  /** Records an attempt to send with the given receipt id. Returns false if not pending. */
  markAttempt(clientMsgId: string, receiptId: string): boolean {
    const entry = this.byClientMsgId.get(clientMsgId);
    if (!entry) return false;
    if (entry.receiptId) this.clientMsgIdByReceipt.delete(entry.receiptId);
    this.byClientMsgId.set(clientMsgId, { ...entry, attempts: entry.attempts + 1, receiptId });
    this.clientMsgIdByReceipt.set(receiptId, clientMsgId);
    return true;
  }

  /** Settles the send whose latest attempt carried this receipt id. Returns the settled entry. */
  settleByReceipt(receiptId: string): PendingSend | undefined {
    const clientMsgId = this.clientMsgIdByReceipt.get(receiptId);
    return clientMsgId === undefined ? undefined : this.settle(clientMsgId);
  }

  /** Settles a send because its message arrived. Returns the settled entry, if it was pending. */
  settleByMessage(message: { clientMsgId?: string | null }): PendingSend | undefined {
    return message.clientMsgId ? this.settle(message.clientMsgId) : undefined;
  }

  /** Removes a pending send (settled or discarded by the user). */
  settle(clientMsgId: string): PendingSend | undefined {
    const entry = this.byClientMsgId.get(clientMsgId);
    if (!entry) return undefined;
    this.byClientMsgId.delete(clientMsgId);
    if (entry.receiptId) this.clientMsgIdByReceipt.delete(entry.receiptId);
    return entry;
  }

  /** Whether the clientMsgId is still pending. */
  has(clientMsgId: string): boolean {
    return this.byClientMsgId.has(clientMsgId);
  }

  /** Pending sends of a room, oldest first: the order in which to retry them. */
  forRoom(roomId: number): PendingSend[] {
    return [...this.byClientMsgId.values()]
      .filter((p) => p.roomId === roomId)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Every pending send, oldest first. */
  all(): PendingSend[] {
    return [...this.byClientMsgId.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  get size(): number {
    return this.byClientMsgId.size;
  }
}
