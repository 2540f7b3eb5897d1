import { define } from "@/web/define.ts";

/**
 * True for requests from this machine. The outbox holds password-reset
 * links, so a development server reachable from a network must not show it
 * to anyone else. No address means an in-process call (tests).
 */
export function isLocalRequest(remoteAddr: Deno.Addr | undefined): boolean {
  if (!remoteAddr || remoteAddr.transport !== "tcp") return true;
  const host = remoteAddr.hostname;
  return host === "::1" || host.startsWith("127.") ||
    host.startsWith("::ffff:127.");
}

/**
 * Everything under /dev (the email outbox viewer) answers 404 in production,
 * and to other machines, as if it did not exist.
 */
export const handler = define.middleware((_req, ctx) =>
  !ctx.state.config.production && isLocalRequest(ctx.remoteAddr)
    ? ctx.next()
    : ctx.renderNotFound()
);
