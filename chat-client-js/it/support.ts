import { createServer, connect, type Server, type Socket } from "node:net";
import { inject } from "vitest";
import WebSocket from "ws";
import { createClient, type ChatClient, type ClientOptions } from "../src/index.js";

/** The demo server's base URL (it/globalSetup.ts). */
export function baseUrl(): string {
  return inject("baseUrl");
}

let counter = 0;
const run = Date.now().toString(36);

/** A user name no other test (or earlier run against the same server) uses. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${run}-${++counter}`;
}

/** A room name no other test uses. */
export function uniqueRoom(prefix: string): string {
  return `${prefix} ${run} ${++counter}`;
}

const clients: ChatClient[] = [];

/** A dev-mode client of the demo server over the ws package's WebSocket (Node 20 has none built in). */
export function client(login: string, options: Partial<ClientOptions> = {}): ChatClient {
  const c = createClient({
    url: `${baseUrl()}/ws`,
    login,
    WebSocket: WebSocket as unknown as ClientOptions["WebSocket"],
    backoff: { initialDelayMs: 100, maxDelayMs: 500 },
    ...options,
  });
  clients.push(c);
  return c;
}

/** Disconnects every client made by {@link client}. */
export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
}

/**
 * A TCP proxy in front of the server: {@link cut} breaks every connection through it, as a network
 * failure does, and {@link block} refuses new ones until {@link unblock}.
 */
export class NetworkCut {
  private readonly sockets = new Set<Socket>();
  private blocked = false;
  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(targetPort: number): Promise<NetworkCut> {
    let proxy: NetworkCut | null = null;
    const server = createServer((inbound) => proxy!.accept(inbound, targetPort));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    proxy = new NetworkCut(server, typeof address === "object" && address ? address.port : 0);
    return proxy;
  }

  /** The url option that goes through the proxy (REST too). */
  url(path = "/ws"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Breaks every open connection (both directions, no goodbye). */
  cut(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Breaks every connection and refuses new ones until {@link unblock}. */
  block(): void {
    this.blocked = true;
    this.cut();
  }

  unblock(): void {
    this.blocked = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(inbound: Socket, targetPort: number): void {
    if (this.blocked) {
      inbound.destroy();
      return;
    }
    const outbound = connect(targetPort, "127.0.0.1");
    this.sockets.add(inbound);
    this.sockets.add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      this.sockets.delete(inbound);
      this.sockets.delete(outbound);
    };
    inbound.on("error", drop).on("close", drop);
    outbound.on("error", drop).on("close", drop);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  }
}

/** Resolves when {@code condition} holds, polling every 20 ms; fails after {@code timeoutMs}. */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
