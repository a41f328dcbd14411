/** Defaults of the settings read from the environment. */
const DEFAULT_PORT = 3000;
/** All interfaces, so a workshop laptop or a container can be reached; HOST=127.0.0.1 keeps it private. */
const DEFAULT_HOST = "0.0.0.0";
/** Known to every reader on purpose: the policies live in memory and only demo the admin API. */
export const DEFAULT_ADMIN_API_KEY = "playground-admin-key";

export interface Config {
  readonly port: number;
  readonly host: string;
  /** A built site to serve next to the API, e.g. Docusaurus's build/. */
  readonly staticDir?: string;
  readonly adminApiKey: string;
  /** Origins allowed to call cross-origin; "*" for any. */
  readonly corsOrigins: readonly string[];
}

/**
 * PORT, HOST, STATIC_DIR, ADMIN_API_KEY, CORS_ORIGINS (comma-separated).
 * Empty values count as unset. Throws with a message naming the variable.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const value = (name: string) => env[name]?.trim() || undefined;
  const portText = value("PORT");
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!/^\d+$/.test(portText ?? "0") || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got ${JSON.stringify(portText)}`);
  }
  const staticDir = value("STATIC_DIR");
  return {
    port,
    host: value("HOST") ?? DEFAULT_HOST,
    ...(staticDir === undefined ? {} : { staticDir }),
    adminApiKey: value("ADMIN_API_KEY") ?? DEFAULT_ADMIN_API_KEY,
    corsOrigins: (value("CORS_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
  };
}
