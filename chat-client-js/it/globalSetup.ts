// Starts the packaged demo server (examples/chat-demo) for the integration tests, the way the
// browser E2E does, and stops it afterwards. The demo runs on its in-process dev services (a real
// Kafka broker in KRaft mode, a MongoDB wire-protocol server, H2), exactly as `java -jar
// chat-demo.jar` does for a user.
//
// CHATSTACK_IT_BASE_URL=http://host:port uses a server that is already running instead (and
// CHATSTACK_IT_JWT_BASE_URL one in JWT mode with the secret below; without it those tests skip).
// CHATSTACK_DEMO_JAR overrides the jar (default ../examples/chat-demo/target/chat-demo.jar).
// Without a jar the suite fails with a message saying how to build one.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    jwtBaseUrl: string;
  }
}

const ARTIFACTS = fileURLToPath(new URL("../it-artifacts", import.meta.url));
const START_TIMEOUT_MS = 180_000;

/** The HMAC secret of the second server, which runs in JWT mode (tests sign their own tokens). */
export const JWT_SECRET = "chatstack-client-integration-tests-secret-0123456789";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.CHATSTACK_IT_BASE_URL;
  if (external) {
    project.provide("baseUrl", external.replace(/\/+$/, ""));
    project.provide("jwtBaseUrl", process.env.CHATSTACK_IT_JWT_BASE_URL?.replace(/\/+$/, "") ?? "");
    return async () => undefined;
  }
  const jar = process.env.CHATSTACK_DEMO_JAR ?? fileURLToPath(new URL("../../examples/chat-demo/target/chat-demo.jar", import.meta.url));
  if (!existsSync(jar)) {
    throw new Error(
      `No demo server jar at ${jar}: build it with ./mvnw -pl examples/chat-demo -am package -DskipTests ` +
        "(or point CHATSTACK_IT_BASE_URL at a running server)",
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // Two servers from the same jar: dev mode (login = identity) and JWT mode (bearer tokens).
  const servers = await Promise.all([
    startServer(jar, "dev", []),
    startServer(jar, "jwt", ["--chatstack.security.authentication=jwt", `--chatstack.security.jwt.secret=${JWT_SECRET}`]),
  ]);
  project.provide("baseUrl", servers[0].baseUrl);
  project.provide("jwtBaseUrl", servers[1].baseUrl);
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}

async function startServer(jar: string, name: string, args: string[]): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const log = createWriteStream(`${ARTIFACTS}/server-${name}.log`);
  await once(log, "open");
  const server: ChildProcess = spawn(
    "java",
    ["-jar", jar, `--server.port=${port}`, "--chatstack.presence.grace=1s", "--spring.main.banner-mode=off", ...args],
    { stdio: ["ignore", log, log] },
  );
  let exited: string | null = null;
  server.once("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(baseUrl))) {
    if (exited) throw new Error(`The ${name} demo server stopped (${exited}); see ${ARTIFACTS}/server-${name}.log`);
    if (Date.now() > deadline) {
      server.kill("SIGKILL");
      throw new Error(`The ${name} demo server did not answer within ${START_TIMEOUT_MS} ms; see ${ARTIFACTS}/server-${name}.log`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      if (exited) return;
      const stopped = once(server, "exit");
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 30_000);
      await stopped;
      clearTimeout(timer);
    },
  };
}

/** Whether the server answers HTTP (any status: the JWT server answers 401 without a token). */
async function answers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/rooms`, { headers: { "X-Chat-User": "probe" } });
    return response.status < 500;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
