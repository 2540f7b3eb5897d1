import { expect } from "expect";
import { isProduction, loadConfig } from "./env.ts";

/** The problems `loadConfig(source)` reports, one per line, or [] if none. */
function problems(source: Record<string, string>): string[] {
  try {
    loadConfig(source);
    return [];
  } catch (error) {
    const [heading, ...lines] = (error as Error).message.split("\n");
    expect(heading).toBe("Invalid environment:");
    return lines.map((line) => line.trim());
  }
}

Deno.test("defaults apply when nothing is set", () => {
  expect(loadConfig({})).toEqual({
    port: 8000,
    kv: { path: "./data/taptime.kv", managed: false },
    publicUrl: undefined,
    production: false,
    seedDemoData: true,
    trustProxy: false,
    pageCacheBytes: 32 * 1024 * 1024,
    admin: undefined,
    storage: undefined,
    email: { from: "TapTime <no-reply@localhost>" },
    payments: undefined,
    video: undefined,
    sms: undefined,
    ice: undefined,
    socialLogin: {},
    encryptionKey: undefined,
  });
});

Deno.test("values are parsed and normalised; empty ones count as unset", () => {
  const config = loadConfig({
    PORT: "3000",
    KV_PATH: ":memory:",
    PUBLIC_URL: "https://taptime.example/",
    SEED_DEMO_DATA: "false",
    TRUST_PROXY: "true",
    S3_ENDPOINT: "",
    SMTP_URL: " ",
  });
  expect(config).toMatchObject({
    port: 3000,
    kv: { path: ":memory:", managed: false },
    publicUrl: "https://taptime.example",
    seedDemoData: false,
    trustProxy: true,
    storage: undefined,
    email: { from: "TapTime <no-reply@localhost>" },
  });
});

Deno.test("every invalid variable is named in one error", () => {
  expect(
    problems({
      PORT: "eighty",
      PUBLIC_URL: "not a url",
      TRUST_PROXY: "yes",
    }).map((line) => line.split(":")[0]),
  ).toEqual([
    "PORT",
    "PUBLIC_URL",
    "TRUST_PROXY",
  ]);
});

Deno.test("the bootstrap admin needs both an email and a password", () => {
  expect(problems({ ADMIN_EMAIL: "admin@example.com" })).toEqual([
    "ADMIN_PASSWORD: ADMIN_PASSWORD is required when ADMIN_EMAIL is set.",
  ]);
  expect(
    loadConfig({
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "a long enough secret",
    }).admin,
  ).toEqual({
    email: "admin@example.com",
    password: "a long enough secret",
  });
});

/** What a production deployment must set besides TAPTIME_ENV. */
const PRODUCTION_ESSENTIALS = {
  PUBLIC_URL: "https://taptime.example",
  STRIPE_SECRET_KEY: "sk_live_abc123",
  STRIPE_WEBHOOK_SECRET: "whsec_abc123",
  ENCRYPTION_KEY: btoa("k".repeat(32)),
};

Deno.test("production needs PUBLIC_URL, real payments and its own encryption key, on Deno Deploy too", () => {
  const missing = [
    "PUBLIC_URL: PUBLIC_URL is required in production.",
    "STRIPE_SECRET_KEY: production takes real payments: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.",
    "ENCRYPTION_KEY: production needs its own key for stored bank details: `openssl rand -base64 32`.",
  ];
  expect(problems({ TAPTIME_ENV: "production" })).toEqual(missing);
  expect(problems({ DENO_DEPLOYMENT_ID: "abc123" })).toEqual(missing);
  const config = loadConfig({
    TAPTIME_ENV: "production",
    ...PRODUCTION_ESSENTIALS,
  });
  expect(config.production).toBe(true);
  expect(loadConfig({}).production).toBe(false);
  expect(isProduction({ TAPTIME_ENV: "production" })).toBe(true);
  // Deno Deploy has a managed database and no disk.
  expect(
    loadConfig({ DENO_DEPLOYMENT_ID: "abc123", ...PRODUCTION_ESSENTIALS }).kv
      .managed,
  ).toBe(true);
});

const FULL_S3 = {
  S3_ENDPOINT: "http://localhost:9000",
  S3_BUCKET: "taptime",
  S3_ACCESS_KEY_ID: "key-id",
  S3_SECRET_ACCESS_KEY: "secret",
};

Deno.test("storage: S3 when its settings are complete, else KV chunks", () => {
  expect(loadConfig(FULL_S3).storage).toEqual({
    endpoint: "http://localhost:9000",
    bucket: "taptime",
    accessKeyId: "key-id",
    secretAccessKey: "secret",
    region: "us-east-1",
  });
  expect(loadConfig({ ...FULL_S3, S3_REGION: "eu-central-1" }).storage)
    .toMatchObject({ region: "eu-central-1" });
  expect(problems({ S3_ENDPOINT: "https://s3.example.com", S3_BUCKET: "b" }))
    .toEqual([
      "S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID is required when S3_ENDPOINT, S3_BUCKET are set.",
      "S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when S3_ENDPOINT, S3_BUCKET are set.",
    ]);
  const { S3_ENDPOINT: _, ...withoutEndpoint } = FULL_S3;
  expect(problems({ ...withoutEndpoint, S3_REGION: "eu-central-1" })).toEqual([
    "S3_ENDPOINT: S3_ENDPOINT is required when S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION are set.",
  ]);
  expect(problems({ ...FULL_S3, S3_ENDPOINT: "localhost:9000" })).toEqual([
    "S3_ENDPOINT: Use an http(s) URL.",
  ]);
});

Deno.test("email: SMTP_URL and the sender address", () => {
  expect(
    loadConfig({
      SMTP_URL: "smtp://user:pass@mail.example.com:587",
      EMAIL_FROM: "TapTime <hello@taptime.example>",
    }).email,
  ).toEqual({
    from: "TapTime <hello@taptime.example>",
    smtpUrl: "smtp://user:pass@mail.example.com:587",
  });
  expect(loadConfig({ EMAIL_FROM: "hello@taptime.example" }).email)
    .toEqual({ from: "hello@taptime.example" });
  expect(problems({ SMTP_URL: "https://mail.example.com", EMAIL_FROM: "me" }))
    .toEqual([
      "SMTP_URL: Use smtp://user:pass@host:587 (or smtps:// for TLS).",
      'EMAIL_FROM: Use an address, or a name and an address: "TapTime <hello@example.com>".',
    ]);
  // Development may send from the built-in sender; production mail may not.
  expect(loadConfig({}).email.from).toBe("TapTime <no-reply@localhost>");
  expect(problems({
    TAPTIME_ENV: "production",
    ...PRODUCTION_ESSENTIALS,
    SMTP_URL: "smtp://user:pass@mail.example.com:587",
  })).toEqual([
    'EMAIL_FROM: production mail needs a sender on a domain you send from (SPF/DKIM): "TapTime <hello@example.com>".',
  ]);
});

Deno.test("payments: Stripe's key and webhook secret together, tax optional", () => {
  const stripe = {
    STRIPE_SECRET_KEY: "sk_test_abc123",
    STRIPE_WEBHOOK_SECRET: "whsec_xyz",
  };
  expect(loadConfig(stripe).payments).toEqual({
    secretKey: "sk_test_abc123",
    webhookSecret: "whsec_xyz",
    tax: false,
  });
  expect(loadConfig({ ...stripe, STRIPE_TAX: "true" }).payments?.tax)
    .toBe(true);
  expect(problems({ STRIPE_SECRET_KEY: "sk_live_abc" })).toEqual([
    "STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set.",
  ]);
  expect(problems({ STRIPE_TAX: "true" })).toHaveLength(2);
  expect(problems({ ...stripe, STRIPE_SECRET_KEY: "pk_test_abc" })[0])
    .toMatch(/^STRIPE_SECRET_KEY: Use a Stripe secret key/);
});

Deno.test("video: LiveKit's URL, key and secret together", () => {
  const livekit = {
    LIVEKIT_URL: "wss://video.example.com",
    LIVEKIT_API_KEY: "APIabc",
    LIVEKIT_API_SECRET: "secret",
  };
  expect(loadConfig(livekit).video).toEqual({
    url: "wss://video.example.com",
    apiKey: "APIabc",
    apiSecret: "secret",
  });
  expect(problems({ LIVEKIT_URL: "wss://video.example.com" })).toHaveLength(2);
  expect(problems({ ...livekit, LIVEKIT_URL: "ftp://video.example.com" }))
    .toEqual([
      "LIVEKIT_URL: Use the LiveKit server's wss:// (or https://) URL.",
    ]);
});

Deno.test("sms: Twilio's account, token and sender together", () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${"0123456789abcdef".repeat(2)}`,
    TWILIO_AUTH_TOKEN: "token",
    TWILIO_FROM: "+14155550100",
  };
  expect(loadConfig(twilio).sms).toEqual({
    accountSid: twilio.TWILIO_ACCOUNT_SID,
    authToken: "token",
    from: "+14155550100",
  });
  expect(problems({ TWILIO_AUTH_TOKEN: "token" })).toHaveLength(2);
  expect(
    problems({ ...twilio, TWILIO_ACCOUNT_SID: "123", TWILIO_FROM: "0" })
      .map((line) => line.split(":")[0]),
  ).toEqual([
    "TWILIO_ACCOUNT_SID",
    "TWILIO_FROM",
  ]);
});

Deno.test("ice: STUN and TURN URLs, and an optional coturn secret", () => {
  const ice = {
    ICE_SERVERS:
      "stun:stun.example.com:3478, turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349",
    TURN_SECRET: "a-long-shared-secret",
  };
  expect(loadConfig(ice).ice).toEqual({
    urls: [
      "stun:stun.example.com:3478",
      "turn:turn.example.com:3478?transport=udp",
      "turns:turn.example.com:5349",
    ],
    turnSecret: "a-long-shared-secret",
  });
  expect(problems({ ICE_SERVERS: "turn:ok.example.com, http://x" })).toEqual([
    'ICE_SERVERS: "http://x" is not a stun:, turn: or turns: URL (e.g. turn:turn.example.com:3478?transport=udp).',
  ]);
  expect(problems({ TURN_SECRET: "a-long-shared-secret" })).toHaveLength(1);
  expect(problems({ ...ice, TURN_SECRET: "short" })).toHaveLength(1);
});

Deno.test("encryption: ENCRYPTION_KEY is 32 bytes in base64", () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = btoa(String.fromCharCode(...bytes));
  expect(loadConfig({ ENCRYPTION_KEY: key }).encryptionKey).toEqual(bytes);
  const short = btoa("too short");
  for (const bad of [short, "not base64!"]) {
    expect(problems({ ENCRYPTION_KEY: bad })).toEqual([
      "ENCRYPTION_KEY: Use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.",
    ]);
  }
});

Deno.test("social login: each provider's client id and secret together, issuer optional", () => {
  const google = { GOOGLE_CLIENT_ID: "id.apps", GOOGLE_CLIENT_SECRET: "shh" };
  expect(loadConfig(google).socialLogin).toEqual({
    google: { clientId: "id.apps", clientSecret: "shh", issuer: undefined },
  });
  expect(
    loadConfig({
      LINKEDIN_CLIENT_ID: "li",
      LINKEDIN_CLIENT_SECRET: "secret",
      LINKEDIN_ISSUER: "http://127.0.0.1:9999",
    }).socialLogin,
  ).toEqual({
    linkedin: {
      clientId: "li",
      clientSecret: "secret",
      issuer: "http://127.0.0.1:9999",
    },
  });
  expect(problems({ GOOGLE_CLIENT_ID: "id.apps" })).toEqual([
    "GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET is required when GOOGLE_CLIENT_ID is set.",
  ]);
  expect(problems({ LINKEDIN_ISSUER: "http://127.0.0.1:9999" })).toHaveLength(
    2,
  );
  expect(problems({ ...google, GOOGLE_ISSUER: "ftp://x" })).toEqual([
    "GOOGLE_ISSUER: Use an http(s) URL.",
  ]);
});

Deno.test("sms: TWILIO_API_URL points the client at another origin, only with the rest of Twilio's settings", () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${"0123456789abcdef".repeat(2)}`,
    TWILIO_AUTH_TOKEN: "token",
    TWILIO_FROM: "+14155550100",
    TWILIO_API_URL: "http://127.0.0.1:4010",
  };
  expect(loadConfig(twilio).sms?.apiUrl).toBe("http://127.0.0.1:4010");
  expect(problems({ TWILIO_API_URL: "http://127.0.0.1:4010" })).toHaveLength(
    3,
  );
  expect(problems({ ...twilio, TWILIO_API_URL: "ftp://example.com" }))
    .toEqual(["TWILIO_API_URL: Use an http(s) URL."]);
});
