/**
 * Entry point: `tsx playground-server/src/main.ts`. Settings come from the
 * environment (see config.ts): PORT, HOST, STATIC_DIR, ADMIN_API_KEY,
 * CORS_ORIGINS.
 */
import { configFromEnv, type Config } from "./config.js";
import { consoleLogger } from "./logger.js";
import { startServer } from "./server.js";

// A playground must outlive a bug in one request: report and keep serving.
process.on("unhandledRejection", (reason) => consoleLogger.error("unhandled rejection", reason));
process.on("uncaughtException", (error) => consoleLogger.error("uncaught exception", error));

let config: Config;
try {
  config = configFromEnv(process.env);
} catch (error) {
  console.error(`playground-server: ${(error as Error).message}`);
  process.exit(1);
}

const server = await startServer({ ...config, logger: consoleLogger }).catch((error: Error) => {
  console.error(`playground-server: ${error.message}`);
  process.exit(1);
});

console.log(`Beamline playground-server listening on ${server.url}`);
console.log(
  "  Router and RouterAdmin (beamline.flow.v1) over Connect and gRPC-Web (HTTP/1.1) " +
    "and gRPC (h2c), embedded Router, health at /healthz",
);
console.log(
  config.staticDir === undefined
    ? "  no static site (set STATIC_DIR to serve one)"
    : `  static site from ${config.staticDir}`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) {
      process.exit(1); // a second Ctrl+C means "now"
    }
    stopping = true;
    console.log(`playground-server: ${signal}, shutting down`);
    void server.close().then(() => process.exit(0));
  });
}
