import type { FreshContext } from "../../types.ts";

/** Records its visit in `state.trail`, can short-circuit, and tags responses. */
export async function handler(req: Request, ctx: FreshContext) {
  ctx.state.trail = [...(ctx.state.trail as string[] ?? []), "root"];
  if (new URL(req.url).searchParams.has("short-circuit")) {
    return new Response("stopped by root middleware", { status: 418 });
  }
  const response = await ctx.next();
  response.headers.set("x-root-middleware", "seen");
  return response;
}
