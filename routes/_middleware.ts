import type { FreshContext } from "../framework/types.ts";
import type { AppState } from "../state.ts";
import {
  limitRequestBody,
  PayloadTooLargeError,
} from "../middleware/body_limit.ts";

/** Forms and JSON bodies are small; uploads will get their own routes and limits. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Runs first for every request: refuses oversized bodies with 413. (Security
 * headers are added in `app.ts`, around error pages too.)
 */
export async function handler(
  req: Request,
  ctx: FreshContext<AppState>,
): Promise<Response> {
  const limited = limitRequestBody(req, MAX_BODY_BYTES);
  if (limited === "too-large") {
    return payloadTooLarge(ctx.url);
  }
  // Handlers read the body from `ctx.req`; a chunked body over the limit
  // errors while they read it, and becomes a 413 here.
  ctx.req = limited;
  try {
    return await ctx.next();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return payloadTooLarge(ctx.url);
    }
    throw error;
  }
}

function payloadTooLarge(url: URL): Response {
  const message = `The request body is larger than ${
    MAX_BODY_BYTES / 1024
  } KiB. Shorten it and try again.`;
  if (url.pathname.startsWith("/api/")) {
    return Response.json({ error: "payload_too_large", message }, {
      status: 413,
    });
  }
  return new Response(message, {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
