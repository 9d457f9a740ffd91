/**
 * Remembers, per room, the highest seq this client has seen (from history or live delivery).
 * After a reconnect the room is re-subscribed with {@code since-seq} = that value, so the server
 * replays exactly what was missed. Never moves backwards.
 *
 * Not thread-safe (browser main thread only); plain data, no timers.
 */
export class SeqTracker {
  private readonly lastSeen = new Map<number, number>();

  /** Records that {@code seq} of {@code roomId} was seen; returns true when it advanced. */
  observe(roomId: number, seq: number): boolean {
    if (!Number.isFinite(seq) || seq < 0) return false;
    const previous = this.lastSeen.get(roomId);
    if (previous !== undefined && previous >= seq) return false;
    this.lastSeen.set(roomId, seq);
    return true;
  }

  /** Records every seq of a batch (e.g. a history page). */
  observeAll(roomId: number, seqs: Iterable<number>): void {
    for (const seq of seqs) this.observe(roomId, seq);
  }

  /** Highest seq seen in the room, or undefined when none. */
  get(roomId: number): number | undefined {
    return this.lastSeen.get(roomId);
  }

  /** Forgets a room (e.g. after leaving it). */
  forget(roomId: number): void {
    this.lastSeen.delete(roomId);
  }
}
