import { describe, expect, it } from "vitest";
import { configFromEnv } from "./config.js";

describe("configFromEnv", () => {
  it("has defaults for everything", () => {
    expect(configFromEnv({})).toEqual({
      port: 3000,
      host: "0.0.0.0",
      adminApiKey: "playground-admin-key",
      corsOrigins: [],
    });
  });

  it("reads every variable", () => {
    expect(
      configFromEnv({
        PORT: "8080",
        HOST: "127.0.0.1",
        STATIC_DIR: "build",
        ADMIN_API_KEY: "s3cret",
        CORS_ORIGINS: "http://localhost:3001, http://127.0.0.1:3001,",
      }),
    ).toEqual({
      port: 8080,
      host: "127.0.0.1",
      staticDir: "build",
      adminApiKey: "s3cret",
      corsOrigins: ["http://localhost:3001", "http://127.0.0.1:3001"],
    });
  });

  it("treats empty values as unset", () => {
    expect(configFromEnv({ PORT: "", STATIC_DIR: " ", ADMIN_API_KEY: "" })).toEqual(configFromEnv({}));
  });

  it("accepts port 0 (any free port)", () => {
    expect(configFromEnv({ PORT: "0" }).port).toBe(0);
  });

  it.each(["abc", "-1", "65536", "80.5", "3e3"])("rejects PORT=%s", (port) => {
    expect(() => configFromEnv({ PORT: port })).toThrow(
      `PORT must be an integer between 0 and 65535, got ${JSON.stringify(port)}`,
    );
  });
});
