/**
 * Mounts the JSON API (api/app.ts) at /api. The root middleware has already
 * applied the body limit and put the app's KV handle on `ctx.state`.
 */
import { createApi } from "../../api/app.ts";
import type { FreshContext } from "../../framework/types.ts";

const api = createApi();

export const handler = (req: Request, ctx: FreshContext<{ kv: Deno.Kv }>) =>
  api.fetch(req, { kv: ctx.state.kv });
