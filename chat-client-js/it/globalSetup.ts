// Starts the packaged demo server (examples/chat-demo) for the integration tests, the way the
// browser E2E does, and stops it afterwards. The demo runs on its in-process dev services (a real
// Kafka broker in KRaft mode, a MongoDB wire-protocol server, H2), exactly as `java -jar
// chat-demo.jar` does for a user.
//
// CHATSTACK_IT_BASE_URL=http://host:port uses a server that is already running instead.
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
  }
}

const ARTIFACTS = fileURLToPath(new URL("../it-artifacts", import.meta.url));
const START_TIMEOUT_MS = 180_000;

let server: ChildProcess | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.CHATSTACK_IT_BASE_URL;
  if (external) {
    project.provide("baseUrl", external.replace(/\/+$/, ""));
    return async () => undefined;
  }
  const jar = process.env.CHATSTACK_DEMO_JAR ?? fileURLToPath(new URL("../../examples/chat-demo/target/chat-demo.jar", import.meta.url));
  if (!existsSync(jar)) {
    throw new Error(
      `No demo server jar at ${jar}: build it with ./mvnw -pl examples/chat-demo -am package -DskipTests ` +
        "(or point CHATSTACK_IT_BASE_URL at a running server)",
    );
  }
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(`${ARTIFACTS}/server.log`);
  await once(log, "open");
  server = spawn(
    "java",
    ["-jar", jar, `--server.port=${port}`, "--chatstack.presence.grace=1s", "--spring.main.banner-mode=off"],
    { stdio: ["ignore", log, log] },
  );
  let exited: string | null = null;
  server.once("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(baseUrl))) {
    if (exited) throw new Error(`The demo server stopped (${exited}); see ${ARTIFACTS}/server.log`);
    if (Date.now() > deadline) throw new Error(`The demo server did not answer within ${START_TIMEOUT_MS} ms; see ${ARTIFACTS}/server.log`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide("baseUrl", baseUrl);
  return async () => {
    if (!server || exited) return;
    const stopped = once(server, "exit");
    server.kill("SIGTERM");
    const timer = setTimeout(() => server?.kill("SIGKILL"), 30_000);
    await stopped;
    clearTimeout(timer);
  };
}

async function answers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/rooms`, { headers: { "X-Chat-User": "probe" } });
    return response.ok;
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
