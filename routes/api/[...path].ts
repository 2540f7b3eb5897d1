/**
 * Mounts the JSON API (api/app.ts) at /api. The root middleware has already
 * applied the body limit and the CSRF check, and put the KV handle and the
 * signed-in user on `ctx.state`.
 */
import { createApi } from "@/api/app.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

const api = createApi();

export const handler = (req: Request, ctx: FreshContext<AppState>) =>
  api.fetch(req, {
    kv: ctx.state.kv,
    state: ctx.state,
    meta: requestMeta(ctx),
  });
