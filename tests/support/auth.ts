/**
 * Helpers for HTTP tests of accounts and access: an app on its own
 * `:memory:` KV, and a `Client` that behaves like one browser (a cookie jar,
 * its own IP address, and an `Origin` header on unsafe requests as browsers
 * send it). Users are created through the real flows: signup over HTTP, and
 * `ensureAdmin` plus 2FA enrolment for admins.
 */
import { createTapTime } from "@/app.ts";
import { ensureAdmin } from "@/services/auth/mod.ts";
import { totpCode } from "@/services/auth/mod.ts";
import type { PublicUser, Role } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { startTestRuntime } from "./runtime.ts";

export const TEST_ORIGIN = "http://localhost:8000";
export const TEST_PASSWORD = "correct horse battery staple";

export interface AuthTestApp {
  kv: Deno.Kv;
  /** Sends `req` as if it came from `ip`. */
  fetch(req: Request, ip?: string): Promise<Response>;
  /** A new browser with no cookies and an IP address of its own (or `ip`). */
  client(options?: { ip?: string }): Client;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * An app on a fresh `:memory:` KV (no demo data: accounts need none), wired
 * as main.ts wires it; `env` adds environment variables to its config.
 */
export async function createAuthTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<AuthTestApp> {
  const runtime = await startTestRuntime({
    PUBLIC_URL: TEST_ORIGIN,
    ...options.env,
  });
  const { kv } = runtime;
  const app = createTapTime(runtime);
  let clients = 0;
  const testApp: AuthTestApp = {
    kv,
    fetch: (req, ip = "192.0.2.1") =>
      app.fetch(req, {
        remoteAddr: { transport: "tcp", hostname: ip, port: 40000 },
        completed: Promise.resolve(),
      }),
    client: (options) => {
      clients++;
      return new Client(
        testApp,
        options?.ip ?? `10.0.${clients >> 8}.${clients & 255}`,
      );
    },
    [Symbol.asyncDispose]: () => runtime[Symbol.asyncDispose](),
  };
  return testApp;
}

/** A JSON API answer, its body parsed. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Bodies are inspected field by field in tests.
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** One browser: keeps cookies between requests like a real one. */
export class Client {
  readonly cookies = new Map<string, string>();
  user: PublicUser | null = null;

  constructor(readonly app: AuthTestApp, readonly ip: string) {}

  /**
   * Sends a request with this client's cookies. Unsafe methods get
   * `Origin: <the app's origin>` unless `init.headers` says otherwise.
   */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && !headers.has("origin")) {
      headers.set("origin", TEST_ORIGIN);
    }
    if (this.cookies.size > 0 && !headers.has("cookie")) {
      headers.set(
        "cookie",
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      );
    }
    const response = await this.app.fetch(
      new Request(TEST_ORIGIN + path, { ...init, headers, redirect: "manual" }),
      this.ip,
    );
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === "" || /max-age=0(;|$)/i.test(cookie)) {
        this.cookies.delete(name);
      } else this.cookies.set(name, value);
    }
    return response;
  }

  /** Calls the JSON API; `body` is sent as JSON. */
  async api(
    method: string,
    path: string,
    body?: unknown,
    headers: HeadersInit = {},
  ): Promise<ApiAnswer> {
    const init: RequestInit = { method, headers: new Headers(headers) };
    if (body !== undefined) {
      (init.headers as Headers).set("content-type", "application/json");
      init.body = JSON.stringify(body);
    }
    const response = await this.request(path, init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: response.headers.get("content-type")?.includes("json")
        ? JSON.parse(text)
        : text,
    };
  }
}

let accounts = 0;

/** A unique email address for a test account. */
export function uniqueEmail(label = "user"): string {
  return `${label}${++accounts}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

/** Signs up a learner or expert over the API; the client holds the session. */
export async function signUp(
  app: AuthTestApp,
  role: "learner" | "expert",
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<Client> {
  const client = app.client();
  const answer = await client.api("POST", "/api/auth/signup", {
    acceptTerms: true,
    email: overrides.email ?? uniqueEmail(role),
    password: overrides.password ?? TEST_PASSWORD,
    name: overrides.name ?? `Test ${role}`,
    role,
    timeZone: "Europe/Paris",
  });
  if (answer.status !== 201) {
    throw new Error(
      `signup failed: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  client.user = answer.body.user;
  return client;
}

/** An admin signed in, created by `ensureAdmin`; with `twoFactor`, 2FA is on. */
export async function signInAdmin(
  app: AuthTestApp,
  options: { twoFactor: boolean; email?: string },
): Promise<Client & { totpSecret?: string; recoveryCodes?: string[] }> {
  const email = options.email ?? uniqueEmail("admin");
  await ensureAdmin(app.kv, { email, password: TEST_PASSWORD });
  const client: Client & { totpSecret?: string; recoveryCodes?: string[] } = app
    .client();
  const login = await client.api("POST", "/api/auth/login", {
    email,
    password: TEST_PASSWORD,
  });
  if (login.status !== 200 || !login.body.user) {
    throw new Error(`admin login failed: ${JSON.stringify(login.body)}`);
  }
  client.user = login.body.user;
  if (options.twoFactor) {
    const { secret, recoveryCodes } = await enrolTwoFactor(client);
    client.totpSecret = secret;
    client.recoveryCodes = recoveryCodes;
  }
  return client;
}

/** Turns 2FA on for the client's user with a computed code. */
export async function enrolTwoFactor(
  client: Client,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await client.api("POST", "/api/auth/2fa/setup");
  if (setup.status !== 200) {
    throw new Error(`2FA setup failed: ${JSON.stringify(setup.body)}`);
  }
  const secret: string = setup.body.secret;
  const enable = await client.api("POST", "/api/auth/2fa/enable", {
    code: await totpCode(secret),
  });
  if (enable.status !== 200) {
    throw new Error(`2FA enable failed: ${JSON.stringify(enable.body)}`);
  }
  client.user = (await client.api("GET", "/api/me")).body.user;
  return { secret, recoveryCodes: enable.body.recoveryCodes };
}

/** Signs a client in (without 2FA) with email and password. */
export async function logIn(
  app: AuthTestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const client = app.client();
  const answer = await client.api("POST", "/api/auth/login", {
    email,
    password,
  });
  if (answer.status !== 200 || !answer.body.user) {
    throw new Error(
      `login failed: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  client.user = answer.body.user;
  return client;
}

/** The first link to `path` in the newest email to `to`, as a path with query. */
export async function linkFromOutbox(
  kv: Deno.Kv,
  to: string,
  path: string,
): Promise<string> {
  for (const message of await listOutbox(kv, { to })) {
    const match = message.text.match(/https?:\/\/[^\s)>"]+/g)?.find((url) =>
      new URL(url).pathname === path
    );
    if (match) {
      const url = new URL(match);
      return url.pathname + url.search;
    }
  }
  throw new Error(`No email to ${to} links to ${path}`);
}

/** The role a test identity stands for. */
export type Identity = "anonymous" | Role | "adminWithout2fa";
