/**
 * Who is asking, for the audit log and the session list: the client's IP,
 * its user agent, and the app's public origin (for links in emails).
 *
 * Behind a reverse proxy every request seems to come from the proxy. Set
 * `TRUST_PROXY=true` only when a proxy you control sits in front: then the
 * last address in `X-Forwarded-For` (the one our proxy appended) and
 * `X-Forwarded-Proto` are believed. Without it those headers are ignored,
 * because any client can send them.
 *
 * The setting comes from the configuration (env.ts), never the environment:
 * `requestMeta(ctx)` reads it from the app state, and the functions below
 * take it as a parameter. Its default is the value the app was built with
 * (`createTapTime` records it), for callers that only hold the request.
 */
import type { FreshContext } from "@/framework/types.ts";
import type { RequestMeta } from "@/services/auth/mod.ts";
import type { AppState } from "@/state.ts";

const MAX_USER_AGENT_LENGTH = 512;

/** The client's IP: the socket's peer, or the proxy's word when trusted; "unknown" when neither. */
export function clientIp(
  req: Request,
  remoteAddr: Deno.Addr | undefined,
  trusted: boolean,
): string {
  if (trusted) {
    const forwarded = req.headers.get("x-forwarded-for");
    const last = forwarded?.split(",").map((part) => part.trim()).filter(
      Boolean,
    ).pop();
    if (last) return last.slice(0, 64);
  }
  if (
    remoteAddr &&
    (remoteAddr.transport === "tcp" || remoteAddr.transport === "udp")
  ) {
    return remoteAddr.hostname;
  }
  return "unknown";
}

/** Whether the client reached us over https (directly, or through a trusted proxy). */
export function isHttpsRequest(
  req: Request,
  trusted: boolean,
): boolean {
  if (new URL(req.url).protocol === "https:") return true;
  return trusted &&
    req.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";
}

/** Builds the RequestMeta every auth flow takes. */
export function buildRequestMeta(
  req: Request,
  remoteAddr: Deno.Addr | undefined,
  baseUrl: string,
  trusted: boolean,
): RequestMeta {
  return {
    ip: clientIp(req, remoteAddr, trusted),
    userAgent: (req.headers.get("user-agent") ?? "").slice(
      0,
      MAX_USER_AGENT_LENGTH,
    ),
    baseUrl,
  };
}

/** RequestMeta for a page handler or middleware: `requestMeta(ctx)`. */
export function requestMeta(ctx: FreshContext<AppState>): RequestMeta {
  return buildRequestMeta(
    ctx.req,
    ctx.remoteAddr,
    ctx.state.siteUrl,
    ctx.state.config.trustProxy,
  );
}
