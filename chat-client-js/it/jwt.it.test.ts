import { SignJWT } from "jose";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ChatError, type ChatMessage } from "../src/index.js";
import { JWT_SECRET } from "./globalSetup.js";
import { client, closeClients, uniqueRoom, uniqueUser, until } from "./support.js";

afterEach(closeClients);

const jwtBaseUrl = inject("jwtBaseUrl");

async function token(sub: string, secret = JWT_SECRET): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(secret));
}

describe.skipIf(!jwtBaseUrl)("ChatClient with bearer tokens (a server in JWT mode)", () => {
  it("authenticates STOMP and REST with the token; the user name comes from the server", async () => {
    const name = uniqueUser("tok");
    let minted = 0;
    const alice = client("", { url: `${jwtBaseUrl}/ws`, login: undefined, token: () => (minted++, token(name)) });
    await alice.connect();

    expect(alice.userName).toBe(name);
    const room = await alice.createRoom(uniqueRoom("jwt"));
    const got: ChatMessage[] = [];
    await alice.subscribe(room.id, { onMessage: (m) => got.push(m) });
    const sent = await alice.send(room.id, "signed");
    await until(() => got.some((m) => m.id === sent.id), "the message back");
    expect(got.find((m) => m.id === sent.id)?.sender).toBe(name);
    expect(minted).toBeGreaterThanOrEqual(2); // asked for the CONNECT and for REST calls
  });

  it("a token the server does not accept fails connect() once (no retry loop) and REST with 401", async () => {
    const forged = await token("mallory", "another-secret-of-at-least-thirty-two-chars");
    const mallory = client("", { url: `${jwtBaseUrl}/ws`, login: undefined, token: forged });

    await expect(mallory.connect()).rejects.toBeInstanceOf(ChatError);
    expect(mallory.state.status).toBe("stopped");
    await expect(mallory.rooms()).rejects.toMatchObject({ status: 401 });
  });
});
