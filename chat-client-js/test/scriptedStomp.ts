/**
 * A scripted STOMP server behind a fake WebSocket constructor, for unit tests of the client's
 * protocol logic without a real server: every frame the client sends is recorded, CONNECT is
 * answered at once, and frames asking for a receipt get one at once unless the test holds them
 * ({@link ScriptedStomp.holdReceipts}) to answer, refuse or drop them itself.
 *
 * Like a real socket, each server message arrives in a task of its own, in order; {@link
 * ScriptedSocket.together} puts several frames in one message (as SockJS batches them), which the
 * client then handles without its promise callbacks running in between. Simplifications: header
 * values are neither escaped nor unescaped (the ids and destinations used have no ':', '\\' or
 * newline), a client message holds whole frames (the client does not split large frames), and
 * the server sends no heart-beats (it only announces {@link ScriptedStomp.heartBeat}).
 */

export interface ClientFrame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** One connection: the fake WebSocket the client's STOMP library talks to. */
export class ScriptedSocket {
  readyState = CONNECTING;
  binaryType = "arraybuffer";
  protocol = "v12.stomp";
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly frames: ClientFrame[] = [];
  /** When the client opened this connection (Date.now(): fake timers may fake it). */
  readonly openedAt = Date.now();
  private messageCounter = 0;
  private batch: string[] | null = null;
  private hung = false;

  constructor(
    readonly url: string,
    private readonly server: ScriptedStomp,
  ) {
    setImmediate(() => {
      if (this.readyState !== CONNECTING) return;
      this.readyState = OPEN;
      this.onopen?.();
    });
  }

  send(data: string | ArrayBuffer | Uint8Array): void {
    if (this.readyState === CONNECTING) throw new Error("InvalidStateError: still connecting");
    if (this.readyState !== OPEN) return; // a real socket drops data once closing
    const text = typeof data === "string" ? data : new TextDecoder().decode(data);
    for (const raw of text.split("\0")) {
      const frame = parseFrame(raw);
      if (frame) this.onFrame(frame);
    }
  }

  close(): void {
    this.end(1000);
  }

  /**
   * The peer is gone without a trace: a close() from the client then never completes (no close
   * event), as when the closing handshake waits for a dead peer.
   */
  hang(): void {
    this.hung = true;
  }

  /** The connection is lost (code 1006), or ends with another code. */
  drop(code = 1006): void {
    this.end(code);
  }

  /** Delivers the frames {@code send} produces as one WebSocket message. */
  together(send: () => void): void {
    this.batch = [];
    try {
      send();
    } finally {
      const frames = this.batch;
      this.batch = null;
      this.post(frames.join(""));
    }
  }

  /**
   * A fatal protocol error, as the server reports one: an ERROR frame ({@code message}, {@code code},
   * and {@code receipt-id} when given), then the connection closes.
   */
  fail(code: string, message: string, receiptId?: string): void {
    const headers: Record<string, string> = { message, code };
    if (receiptId !== undefined) headers["receipt-id"] = receiptId;
    this.deliver("ERROR", headers, `${message}\n`);
    setImmediate(() => this.end(1002)); // after the ERROR has arrived
  }

  /** Sends a raw server frame to the client. */
  deliver(command: string, headers: Record<string, string>, body = ""): void {
    if (this.readyState !== OPEN) throw new Error("the connection is closed");
    const head = Object.entries(headers).map(([k, v]) => `${k}:${v}\n`).join("");
    const frame = `${command}\n${head}\n${body}\0`;
    if (this.batch) this.batch.push(frame);
    else this.post(frame);
  }

  receipt(receiptId: string): void {
    this.deliver("RECEIPT", { "receipt-id": receiptId });
  }

  /** A MESSAGE on the client's subscription of {@code destination} (which must exist). */
  message(destination: string, body: unknown, headers: Record<string, string> = {}): void {
    const sub = this.subscriptionOf(destination);
    if (!sub) throw new Error(`no subscription of ${destination}`);
    this.deliver(
      "MESSAGE",
      {
        destination,
        subscription: sub.headers.id,
        "message-id": `m-${++this.messageCounter}`,
        "content-type": "application/json",
        ...headers,
      },
      JSON.stringify(body),
    );
  }

  /** A refusal on /user/queue/errors, as the server reports one: {code, message, receiptId}. */
  refuse(receiptId: string, code: string, message: string): void {
    this.message("/user/queue/errors", { code, message, receiptId }, { "receipt-id": receiptId });
  }

  /** The end of subscription {@code subscription} of room {@code roomId}, as the server reports it. */
  revoke(roomId: number, subscription: string): void {
    this.message("/user/queue/errors", {
      code: "subscription-revoked",
      message: `You are no longer a participant of room ${roomId}`,
      roomId,
      subscription,
    });
  }

  /** The client's live SUBSCRIBE of {@code destination}, if any (the latest one). */
  subscriptionOf(destination: string): ClientFrame | undefined {
    const live = new Map<string, ClientFrame>();
    for (const f of this.frames) {
      if (f.command === "SUBSCRIBE") live.set(f.headers.id, f);
      if (f.command === "UNSUBSCRIBE") live.delete(f.headers.id);
    }
    return [...live.values()].reverse().find((f) => f.headers.destination === destination);
  }

  /** Every SUBSCRIBE of {@code destination} this connection received. */
  subscribes(destination: string): ClientFrame[] {
    return this.frames.filter((f) => f.command === "SUBSCRIBE" && f.headers.destination === destination);
  }

  /** The ids this connection received UNSUBSCRIBE frames for. */
  unsubscribed(): string[] {
    return this.frames.filter((f) => f.command === "UNSUBSCRIBE").map((f) => f.headers.id);
  }

  private post(data: string): void {
    setImmediate(() => {
      if (this.readyState === OPEN) this.onmessage?.({ data });
    });
  }

  private end(code: number): void {
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    this.readyState = CLOSING;
    if (this.hung) return;
    setImmediate(() => {
      this.readyState = CLOSED;
      this.onclose?.({ code, reason: "", wasClean: code === 1000 });
    });
  }

  private onFrame(frame: ClientFrame): void {
    this.frames.push(frame);
    const receiptId = frame.headers.receipt;
    const fatal = this.server.fatal(frame);
    if (fatal) {
      this.fail(fatal.code, fatal.message, receiptId);
      return;
    }
    if (frame.command === "CONNECT" || frame.command === "STOMP") {
      this.deliver("CONNECTED", { version: "1.2", "heart-beat": this.server.heartBeat, "user-name": frame.headers.login ?? "user" });
      return;
    }
    if (receiptId === undefined) return;
    if (frame.command !== "DISCONNECT" && this.server.held(frame)) {
      this.server.heldFrames.push({ socket: this, frame });
      return;
    }
    this.receipt(receiptId);
  }
}

/** The server side: the connections the client opened, and which receipts the test answers itself. */
export class ScriptedStomp {
  readonly sockets: ScriptedSocket[] = [];
  readonly heldFrames: { socket: ScriptedSocket; frame: ClientFrame }[] = [];
  /** The {@code heart-beat} header of CONNECTED (server outgoing, incoming). */
  heartBeat = "0,0";
  private hold: (frame: ClientFrame) => boolean = () => false;
  private fatalError: (frame: ClientFrame) => { code: string; message: string } | undefined = () => undefined;

  /** The constructor to pass as the client's {@code WebSocket} option. */
  readonly WebSocket = (() => {
    const server = this;
    return class {
      constructor(url: string) {
        const socket = new ScriptedSocket(url, server);
        server.sockets.push(socket);
        return socket as unknown as object;
      }
    } as unknown as new (url: string, protocols?: string | string[]) => WebSocket;
  })();

  /** Frames with a receipt header matching {@code predicate} are not answered; see {@link heldFrames}. */
  holdReceipts(predicate: (frame: ClientFrame) => boolean): void {
    this.hold = predicate;
  }

  /**
   * Frames matching {@code predicate} are answered with a fatal ERROR {@code code} (with the frame's
   * receipt id) and the connection closes, as the server does after a protocol error (or, for a
   * CONNECT, after refusing the credentials: {@code unauthenticated}); pass {@code null} to stop.
   */
  failFrames(predicate: ((frame: ClientFrame) => boolean) | null, code = "bad-frame", message = "Refused"): void {
    this.fatalError = predicate ? (f) => (predicate(f) ? { code, message } : undefined) : () => undefined;
  }

  fatal(frame: ClientFrame): { code: string; message: string } | undefined {
    return this.fatalError(frame);
  }

  held(frame: ClientFrame): boolean {
    return this.hold(frame);
  }

  /** The newest connection. */
  get socket(): ScriptedSocket {
    const s = this.sockets[this.sockets.length - 1];
    if (!s) throw new Error("the client has not connected");
    return s;
  }

  /** Removes and returns the frame held for {@code destination} (on {@code socket}, if given). */
  take(destination: string, socket?: ScriptedSocket): ClientFrame {
    const i = this.heldFrames.findIndex((h) => h.frame.headers.destination === destination && (!socket || h.socket === socket));
    if (i < 0) throw new Error(`no held frame for ${destination}`);
    return this.heldFrames.splice(i, 1)[0].frame;
  }
}

function parseFrame(raw: string): ClientFrame | undefined {
  const text = raw.replace(/^[\r\n]+/, ""); // heart-beats
  if (!text) return undefined;
  const end = text.indexOf("\n\n");
  const head = (end < 0 ? text : text.slice(0, end)).split("\n");
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    // STOMP 1.2: the first occurrence of a repeated header wins.
    if (colon > 0 && !(line.slice(0, colon) in headers)) headers[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return { command: head[0], headers, body: end < 0 ? "" : text.slice(end + 2) };
}
