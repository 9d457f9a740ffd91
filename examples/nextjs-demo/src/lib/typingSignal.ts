import { TYPING_REFRESH_MS } from "./protocol";

/**
 * Decides what this user's composer tells the others: {"typing": true} when they start typing
 * and again at most every {@code refreshMs} while they keep typing (so the server's timeout does
 * not end it), {"typing": false} once when the input is cleared, sent, blurred or the room closes.
 * Pure (the caller passes the time and does the sending); browser main thread only.
 */
export class TypingSignal {
  /** When "true" was last sent, or null when the others think we are not typing. */
  private announcedAt: number | null = null;

  constructor(private readonly refreshMs: number = TYPING_REFRESH_MS) {}

  /** The composer's text changed at {@code now}: true or false to send, or null for nothing. */
  changed(text: string, now: number): boolean | null {
    if (text.trim() === "") return this.stopped();
    if (this.announcedAt !== null && now - this.announcedAt < this.refreshMs) return null;
    this.announcedAt = now;
    return true;
  }

  /** The user stopped (sent, blurred, left the room): false to send, or null when never announced. */
  stopped(): boolean | null {
    if (this.announcedAt === null) return null;
    this.announcedAt = null;
    return false;
  }

  /** Forgets the announcement without sending (it could not be sent, or the connection was lost). */
  reset(): void {
    this.announcedAt = null;
  }

  /** Whether the others were told that we are typing. */
  get announced(): boolean {
    return this.announcedAt !== null;
  }
}
