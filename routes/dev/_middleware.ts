import { define } from "@/web/define.ts";

/** Headers a reverse proxy adds when it passes a request on. */
const PROXY_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "via",
];

/**
 * True for requests from this machine. The outbox holds password-reset
 * links, so a development server reachable from a network must not show it
 * to anyone else. No address means an in-process call (tests). A request a
 * proxy forwarded comes from loopback too when the proxy runs here, but from
 * anyone beyond it: any proxy header closes the outbox, whatever it says.
 */
export function isLocalRequest(
  remoteAddr: Deno.Addr | undefined,
  req?: Request,
): boolean {
  if (req && PROXY_HEADERS.some((name) => req.headers.has(name))) {
    return false;
  }
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
  !ctx.state.config.production && isLocalRequest(ctx.remoteAddr, ctx.req)
    ? ctx.next()
    : ctx.renderNotFound()
);
