/**
 * TapTime's configuration: every environment variable the app reads is read
 * and checked here, once, at start (`loadConfig`), and handed down as one
 * typed object grouped by concern. No other module reads the environment.
 *
 * A misconfigured deployment fails fast with every problem listed. Empty
 * variables count as unset (as docker-compose and .env files produce them).
 * Settings that only work together (S3, Stripe, LiveKit, Twilio, ICE/TURN, the
 * bootstrap admin) are checked together; an unconfigured group is
 * `undefined`, and the app uses its built-in default for it.
 */
import { z } from "zod";
import {
  DEV_EMAIL_FROM,
  type EmailSettings,
} from "./services/platform/email/mod.ts";
import type { StorageSettings } from "./services/storage/mod.ts";
import type { SocialLoginSettings } from "./services/social_login/mod.ts";
import { type IceServer, parseIceServers } from "./services/calls/mod.ts";

const text = z.string().trim().min(1);
const flag = (fallback: "true" | "false") =>
  z.enum(["true", "false"], { error: "Use true or false." }).default(fallback)
    .transform((value) => value === "true");
const ADDRESS = String.raw`[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+`;

/** Each variable, parsed on its own so every bad one is reported. */
const VARIABLES = {
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** Deno KV database file; `:memory:` for a throwaway database. */
  KV_PATH: text.default("./data/taptime.kv"),
  /** Public origin used for canonical URLs, the sitemap and email links. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })
    .transform((url) => url.replace(/\/+$/, "")).optional(),
  /** `false` skips the first-run demo data. */
  SEED_DEMO_DATA: flag("true"),
  /** `production` hides development tools such as the /dev/mail outbox. */
  TAPTIME_ENV: z.enum(["development", "production"]).default("development"),
  /** With ADMIN_PASSWORD: the admin account created at start if missing. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** `true` only behind a proxy you control: X-Forwarded-* are then believed. */
  TRUST_PROXY: flag("false"),
  /** Memory for signed-out pages shared between visitors, in MiB; 0 turns it off. */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  /** Set by Deno Deploy on every deployment; its presence means production. */
  DENO_DEPLOYMENT_ID: text.optional(),

  SMTP_URL: z.url({
    protocol: /^smtps?$/,
    error: "Use smtp://user:pass@host:587 (or smtps:// for TLS).",
  }).optional(),
  EMAIL_FROM: z.string().trim().regex(
    new RegExp(`^(${ADDRESS}|[^<>]*<${ADDRESS}>)$`),
    'Use an address, or a name and an address: "TapTime <hello@example.com>".',
  ).default(DEV_EMAIL_FROM),

  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })
    .optional(),
  S3_BUCKET: text.optional(),
  S3_ACCESS_KEY_ID: text.optional(),
  S3_SECRET_ACCESS_KEY: text.optional(),
  S3_REGION: text.optional(),

  STRIPE_SECRET_KEY: z.string().regex(
    /^(sk|rk)_(test|live)_\w+$/,
    "Use a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…).",
  ).optional(),
  /** Another Stripe API origin: a local server speaking Stripe's API (tests, stripe-mock). */
  STRIPE_API_BASE: z.url().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(
    /^whsec_\w+$/,
    "Use the webhook endpoint's signing secret (whsec_…).",
  ).optional(),
  /** Stripe Tax on checkouts. */
  STRIPE_TAX: z.enum(["true", "false"], { error: "Use true or false." })
    .optional(),

  LIVEKIT_URL: z.url({
    protocol: /^(wss?|https?)$/,
    error: "Use the LiveKit server's wss:// (or https://) URL.",
  }).optional(),
  LIVEKIT_API_KEY: text.optional(),
  LIVEKIT_API_SECRET: text.optional(),

  TWILIO_ACCOUNT_SID: z.string().regex(
    /^AC[0-9a-fA-F]{32}$/,
    "Use the account SID from the Twilio console (AC and 32 hex digits).",
  ).optional(),
  TWILIO_AUTH_TOKEN: text.optional(),
  TWILIO_FROM: z.string().regex(
    /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/,
    "Use a phone number in E.164 form (+14155550100) or a Messaging Service SID (MG…).",
  ).optional(),
  /** Another Twilio API origin: a local server speaking Twilio's Messages API (tests). */
  TWILIO_API_URL: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })
    .optional(),

  /**
   * STUN/TURN servers offered to browsers for calls: comma-separated
   * `stun:`/`turn:`/`turns:` URLs, or a JSON array of RTCIceServer objects.
   */
  ICE_SERVERS: z.string().transform((text, context) => {
    const parsed = parseIceServers(text);
    if (!("problems" in parsed)) return parsed;
    for (const message of parsed.problems) {
      context.addIssue({ code: "custom", message });
    }
    return z.NEVER;
  }).optional(),
  /** The shared secret of a coturn server (`static-auth-secret`): TURN credentials are issued per call. */
  TURN_SECRET: z.string().min(16, "Use at least 16 characters.").optional(),

  /** Sign in with Google: the OAuth client of the Google Cloud project. */
  GOOGLE_CLIENT_ID: text.optional(),
  GOOGLE_CLIENT_SECRET: text.optional(),
  /** Another OpenID issuer than Google's own (a local provider in tests). */
  GOOGLE_ISSUER: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })
    .optional(),
  /** Sign in with LinkedIn: the app's client, with "Sign In with LinkedIn using OpenID Connect". */
  LINKEDIN_CLIENT_ID: text.optional(),
  LINKEDIN_CLIENT_SECRET: text.optional(),
  LINKEDIN_ISSUER: z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })
    .optional(),

  /** 32 random bytes in base64 (`openssl rand -base64 32`). */
  ENCRYPTION_KEY: z.string().transform((value, context) => {
    const key = decodeBase64(value);
    if (key?.length !== 32) {
      context.addIssue({
        code: "custom",
        message:
          "Use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.",
      });
      return z.NEVER;
    }
    return key;
  }).optional(),
};

type Name = keyof typeof VARIABLES;
type Values = { [K in Name]: z.output<typeof VARIABLES[K]> };

/** Settings that only mean something together: all required ones, or none. */
const GROUPS: { required: Name[]; optional?: Name[] }[] = [
  { required: ["ADMIN_EMAIL", "ADMIN_PASSWORD"] },
  {
    required: [
      "S3_ENDPOINT",
      "S3_BUCKET",
      "S3_ACCESS_KEY_ID",
      "S3_SECRET_ACCESS_KEY",
    ],
    optional: ["S3_REGION"],
  },
  {
    required: ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"],
    optional: ["STRIPE_TAX", "STRIPE_API_BASE"],
  },
  { required: ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] },
  {
    required: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"],
    optional: ["TWILIO_API_URL"],
  },
  { required: ["ICE_SERVERS"], optional: ["TURN_SECRET"] },
  {
    required: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    optional: ["GOOGLE_ISSUER"],
  },
  {
    required: ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"],
    optional: ["LINKEDIN_ISSUER"],
  },
];

/** Stripe: checkout, refunds and Connect payouts. */
export interface PaymentsConfig {
  secretKey: string;
  webhookSecret: string;
  /** Stripe Tax computes tax on checkouts. */
  tax: boolean;
  /** Where Stripe's API is, when not at Stripe (tests). */
  apiBase: string | undefined;
}

/** LiveKit: video rooms, in-call chat, recordings. */
export interface VideoConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** Twilio: text messages. */
export interface SmsConfig {
  accountSid: string;
  authToken: string;
  /** A sending number (E.164) or a Messaging Service SID. */
  from: string;
  /** Where Twilio's API is, when not at Twilio (tests). */
  apiUrl?: string;
}

/** STUN/TURN servers offered to browsers for peer-to-peer calls. */
export interface IceConfig {
  urls: string[];
  /** The servers themselves when ICE_SERVERS was JSON (with any static credentials). */
  servers?: IceServer[];
  /** coturn's REST secret: time-limited TURN credentials are derived from it. */
  turnSecret: string | undefined;
}

/** Everything configurable, grouped; `undefined` groups are not configured. */
export interface Config {
  port: number;
  kv: {
    /** The database file (or `:memory:`). */
    path: string;
    /** On Deno Deploy: the project's managed database, not a file. */
    managed: boolean;
  };
  /** Public origin, no trailing slash; the request's origin when absent. */
  publicUrl: string | undefined;
  /** TAPTIME_ENV=production or a Deno Deploy deployment (see isProduction). */
  production: boolean;
  seedDemoData: boolean;
  /** Believe X-Forwarded-For/-Proto (only behind a proxy you control). */
  trustProxy: boolean;
  /** Bytes of rendered signed-out pages kept in memory (0: none kept). */
  pageCacheBytes: number;
  /** The admin account ensured at start. */
  admin: { email: string; password: string } | undefined;
  /** S3-compatible file storage; KV chunks when undefined. */
  storage: StorageSettings;
  email: EmailSettings;
  payments: PaymentsConfig | undefined;
  video: VideoConfig | undefined;
  sms: SmsConfig | undefined;
  ice: IceConfig | undefined;
  /** Sign in with Google or LinkedIn; a provider left out shows no button. */
  socialLogin: SocialLoginSettings;
  /** The key for encrypting secrets at rest. */
  encryptionKey: Uint8Array | undefined;
}

/**
 * Production is `TAPTIME_ENV=production` or any Deno Deploy deployment: no
 * demo accounts, no development tools, and PUBLIC_URL required. (Without an
 * argument it reads the environment, for callers not yet given the config.)
 */
export function isProduction(
  env: { TAPTIME_ENV?: string; DENO_DEPLOYMENT_ID?: string },
): boolean {
  return env.TAPTIME_ENV === "production" || Boolean(env.DENO_DEPLOYMENT_ID);
}

/**
 * Reads and checks the configuration from `source` (the process environment
 * by default). Throws one Error listing every problem.
 */
export function loadConfig(
  source: Record<string, string | undefined> = Deno.env.toObject(),
): Config {
  const problems: string[] = [];
  const present = new Set<Name>();
  const values: Partial<Record<Name, unknown>> = {};
  for (const name of Object.keys(VARIABLES) as Name[]) {
    const raw = source[name]?.trim() ? source[name] : undefined;
    if (raw !== undefined) present.add(name);
    const result = VARIABLES[name].safeParse(raw);
    if (result.success) values[name] = result.data;
    else {
      for (const issue of result.error.issues) {
        problems.push(`${name}: ${issue.message}`);
      }
    }
  }
  for (const { required, optional = [] } of GROUPS) {
    const set = [...required, ...optional].filter((name) => present.has(name));
    if (set.length === 0) continue;
    for (const name of required) {
      if (!present.has(name)) {
        problems.push(
          `${name}: ${name} is required when ${set.join(", ")} ${
            set.length === 1 ? "is" : "are"
          } set.`,
        );
      }
    }
  }
  const env = values as Values;
  const production = isProduction(env);
  if (production && !present.has("PUBLIC_URL")) {
    // Email links (password resets!) must never be built from a Host header.
    problems.push("PUBLIC_URL: PUBLIC_URL is required in production.");
  }
  if (production && !present.has("STRIPE_SECRET_KEY")) {
    // The simulated checkout hands out credits for test card numbers.
    problems.push(
      "STRIPE_SECRET_KEY: production takes real payments: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.",
    );
  }
  if (production && present.has("SMTP_URL") && !present.has("EMAIL_FROM")) {
    // Mail from a made-up sender fails SPF/DKIM/DMARC and lands in spam.
    problems.push(
      'EMAIL_FROM: production mail needs a sender on a domain you send from (SPF/DKIM): "TapTime <hello@example.com>".',
    );
  }
  if (production && !present.has("ENCRYPTION_KEY")) {
    problems.push(
      "ENCRYPTION_KEY: production needs its own key for stored bank details: `openssl rand -base64 32`.",
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
  return toConfig(env, production);
}

/** The grouped config from checked values (groups are complete or absent). */
function toConfig(env: Values, production: boolean): Config {
  return {
    port: env.PORT,
    kv: { path: env.KV_PATH, managed: Boolean(env.DENO_DEPLOYMENT_ID) },
    publicUrl: env.PUBLIC_URL,
    production,
    seedDemoData: env.SEED_DEMO_DATA,
    trustProxy: env.TRUST_PROXY,
    pageCacheBytes: Math.round(env.PAGE_CACHE_MB * 1024 * 1024),
    admin: env.ADMIN_EMAIL
      ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD! }
      : undefined,
    storage: env.S3_ENDPOINT
      ? {
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET!,
        accessKeyId: env.S3_ACCESS_KEY_ID!,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        region: env.S3_REGION ?? "us-east-1",
      }
      : undefined,
    email: env.SMTP_URL
      ? { from: env.EMAIL_FROM, smtpUrl: env.SMTP_URL }
      : { from: env.EMAIL_FROM },
    payments: env.STRIPE_SECRET_KEY
      ? {
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
        tax: env.STRIPE_TAX === "true",
        apiBase: env.STRIPE_API_BASE,
      }
      : undefined,
    video: env.LIVEKIT_URL
      ? {
        url: env.LIVEKIT_URL,
        apiKey: env.LIVEKIT_API_KEY!,
        apiSecret: env.LIVEKIT_API_SECRET!,
      }
      : undefined,
    sms: env.TWILIO_ACCOUNT_SID
      ? {
        accountSid: env.TWILIO_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN!,
        from: env.TWILIO_FROM!,
        ...env.TWILIO_API_URL && { apiUrl: env.TWILIO_API_URL },
      }
      : undefined,
    ice: env.ICE_SERVERS
      ? { ...env.ICE_SERVERS, turnSecret: env.TURN_SECRET }
      : undefined,
    socialLogin: {
      ...env.GOOGLE_CLIENT_ID && {
        google: {
          clientId: env.GOOGLE_CLIENT_ID,
          clientSecret: env.GOOGLE_CLIENT_SECRET!,
          issuer: env.GOOGLE_ISSUER,
        },
      },
      ...env.LINKEDIN_CLIENT_ID && {
        linkedin: {
          clientId: env.LINKEDIN_CLIENT_ID,
          clientSecret: env.LINKEDIN_CLIENT_SECRET!,
          issuer: env.LINKEDIN_ISSUER,
        },
      },
    },
    encryptionKey: env.ENCRYPTION_KEY,
  };
}

function decodeBase64(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  try {
    return Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
