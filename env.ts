import { z } from "zod";

/** The environment variables TapTime reads, with their defaults (see README). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** Deno KV database file; `:memory:` for a throwaway database. */
  KV_PATH: z.string().min(1).default("./data/taptime.kv"),
  /** Public origin used for canonical URLs and the sitemap; defaults to the request's origin. */
  PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, "")).optional(),
  /** `false` skips the first-run demo data. */
  SEED_DEMO_DATA: z.enum(["true", "false"]).default("true").transform((v) =>
    v === "true"
  ),
  /** `production` hides development tools such as the /dev/mail outbox viewer. */
  TAPTIME_ENV: z.enum(["development", "production"]).default("development"),
  /** With ADMIN_PASSWORD: the admin account created at start if none has this email. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** `true` only behind a proxy you control: X-Forwarded-For/-Proto are then believed. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** `smtp://user:pass@host:587` (or `smtps://`); the KV outbox is used when absent. */
  SMTP_URL: z.url().optional(),
  /** Set by Deno Deploy on every deployment; its presence means production. */
  DENO_DEPLOYMENT_ID: z.string().optional(),
}).refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
  message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
  path: ["ADMIN_PASSWORD"],
}).refine((env) => !isProduction(env) || env.PUBLIC_URL !== undefined, {
  // Email links (password resets!) must never be built from a Host header.
  message: "PUBLIC_URL is required in production",
  path: ["PUBLIC_URL"],
});

export type Env = z.infer<typeof envSchema>;

/**
 * Production is `TAPTIME_ENV=production` or any Deno Deploy deployment: no
 * demo accounts, no development tools, and PUBLIC_URL required.
 */
export function isProduction(
  env: { TAPTIME_ENV?: string; DENO_DEPLOYMENT_ID?: string } = {
    TAPTIME_ENV: Deno.env.get("TAPTIME_ENV"),
    DENO_DEPLOYMENT_ID: Deno.env.get("DENO_DEPLOYMENT_ID"),
  },
): boolean {
  return env.TAPTIME_ENV === "production" || Boolean(env.DENO_DEPLOYMENT_ID);
}

/**
 * Parses the process environment, failing fast with every problem listed so a
 * misconfigured deployment never starts half-working.
 */
export function loadEnv(
  source: Record<string, string | undefined> = Deno.env.toObject(),
): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      `  ${issue.path.join(".")}: ${issue.message}`
    );
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}
