import { expect } from "expect";
import { isProduction, loadEnv } from "./env.ts";

Deno.test("defaults apply when nothing is set", () => {
  expect(loadEnv({})).toEqual({
    PORT: 8000,
    KV_PATH: "./data/taptime.kv",
    PUBLIC_URL: undefined,
    SEED_DEMO_DATA: true,
    TAPTIME_ENV: "development",
    TRUST_PROXY: "false",
  });
});

Deno.test("values are parsed and normalised", () => {
  const env = loadEnv({
    PORT: "3000",
    KV_PATH: ":memory:",
    PUBLIC_URL: "https://taptime.example/",
    SEED_DEMO_DATA: "false",
  });
  expect(env).toEqual({
    PORT: 3000,
    KV_PATH: ":memory:",
    PUBLIC_URL: "https://taptime.example",
    SEED_DEMO_DATA: false,
    TAPTIME_ENV: "development",
    TRUST_PROXY: "false",
  });
});

Deno.test("every invalid variable is named in one error", () => {
  expect(() => loadEnv({ PORT: "eighty", PUBLIC_URL: "not a url" }))
    .toThrow(/PORT[\s\S]*PUBLIC_URL|PUBLIC_URL[\s\S]*PORT/);
});

Deno.test("the bootstrap admin needs both an email and a password", () => {
  expect(() => loadEnv({ ADMIN_EMAIL: "admin@example.com" })).toThrow(
    /ADMIN_EMAIL and ADMIN_PASSWORD must be set together/,
  );
  expect(loadEnv({
    ADMIN_EMAIL: "admin@example.com",
    ADMIN_PASSWORD: "a long enough secret",
  })).toMatchObject({ ADMIN_EMAIL: "admin@example.com" });
});

Deno.test("production needs PUBLIC_URL, on Deno Deploy too", () => {
  expect(() => loadEnv({ TAPTIME_ENV: "production" })).toThrow(
    /PUBLIC_URL: PUBLIC_URL is required in production/,
  );
  expect(() => loadEnv({ DENO_DEPLOYMENT_ID: "abc123" })).toThrow(
    /PUBLIC_URL is required in production/,
  );
  const env = loadEnv({
    TAPTIME_ENV: "production",
    PUBLIC_URL: "https://taptime.example",
  });
  expect(isProduction(env)).toBe(true);
  expect(isProduction(loadEnv({}))).toBe(false);
});
