import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

/**
 * The repository root: @chatstack/client is linked from ../../chat-client-js (a "file:"
 * dependency, i.e. a symlink in node_modules), and Turbopack resolves nothing outside its root.
 * File tracing uses the same root (Next.js wants the two to agree).
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Static export: `npm run build` writes plain files to `out/`, which the demo server
 * (examples/chat-demo) serves at its root. Everything happens in the browser; there is
 * no Next.js server at run time.
 */
const nextConfig: NextConfig = {
  output: "export",
  reactStrictMode: true,
  images: { unoptimized: true },
  trailingSlash: false,
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
};

export default nextConfig;
