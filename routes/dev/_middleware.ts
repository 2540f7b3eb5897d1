import type { FreshContext } from "../../framework/types.ts";
import type { AppState } from "../../state.ts";

/**
 * Whether development tools (the email outbox viewer) may be served: never
 * in production, which is `TAPTIME_ENV=production` or any Deno Deploy
 * deployment (`DENO_DEPLOYMENT_ID` set).
 */
export function devToolsEnabled(): boolean {
  return Deno.env.get("TAPTIME_ENV") !== "production" &&
    !Deno.env.get("DENO_DEPLOYMENT_ID");
}

/** Everything under /dev answers 404 in production, as if it did not exist. */
export function handler(
  _req: Request,
  ctx: FreshContext<AppState>,
): Promise<Response> {
  return devToolsEnabled() ? ctx.next() : ctx.renderNotFound();
}
