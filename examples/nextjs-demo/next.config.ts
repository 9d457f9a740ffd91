import type { NextConfig } from "next";

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
};

export default nextConfig;
