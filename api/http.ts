/**
 * What every API route module shares: the Hono env (KV, the request state the
 * root middleware filled, and the request's meta for the audit log), and
 * helpers to read bodies and queries through zod.
 */
import type { Context } from "hono";
import type { z } from "zod";
import type { PublicUser, RequestMeta } from "@/services/auth/mod.ts";
import { parseInput } from "@/services/platform/errors.ts";
import type { AppState } from "@/state.ts";
import { ApiError } from "./errors.ts";

/** Per-request values, passed as `api.fetch(request, bindings)`. */
export type ApiBindings = {
  kv: Deno.Kv;
  /** `ctx.state` from the page layer: who is signed in. */
  state: AppState;
  meta: RequestMeta;
};

export type ApiEnv = { Bindings: ApiBindings };
export type ApiContext = Context<ApiEnv>;

/** Reads the body as JSON, turning an empty or malformed body into a 400. */
export async function readJson(c: ApiContext): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is empty. Send a JSON object.",
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is not valid JSON.",
    );
  }
}

/** Reads and validates a JSON body; bad input is a 400 with field errors. */
export async function readBody<Schema extends z.ZodType>(
  c: ApiContext,
  schema: Schema,
): Promise<z.output<Schema>> {
  return parseInput(schema, await readJson(c), "The request body is invalid.");
}

/** Validates the query string; bad input is a 400 with field errors. */
export function readQuery<Schema extends z.ZodType>(
  c: ApiContext,
  schema: Schema,
): z.output<Schema> {
  return parseInput(schema, c.req.query(), "The query is invalid.");
}

/**
 * The signed-in user. The access middleware has already refused anonymous
 * callers of routes that use this; the check keeps a wrong table from
 * turning into a crash.
 */
export function currentUser(c: ApiContext): PublicUser {
  const user = c.env.state.user;
  if (!user) {
    throw new ApiError(401, "unauthenticated", "Sign in to use this endpoint.");
  }
  return user;
}

/** A JSON response whose headers (cookies) are set by `withHeaders`. */
export function jsonResponse(
  body: unknown,
  status: number,
  withHeaders?: (headers: Headers) => void,
): Response {
  const headers = new Headers({ "content-type": "application/json" });
  withHeaders?.(headers);
  return new Response(JSON.stringify(body), { status, headers });
}

/** An empty response (204 by default) with headers set by `withHeaders`. */
export function emptyResponse(
  withHeaders?: (headers: Headers) => void,
  status = 204,
): Response {
  const headers = new Headers();
  withHeaders?.(headers);
  return new Response(null, { status, headers });
}
