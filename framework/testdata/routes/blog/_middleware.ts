import type { FreshContext } from "../../../types.ts";

export function handler(_req: Request, ctx: FreshContext) {
  ctx.state.trail = [...(ctx.state.trail as string[]), "blog"];
  return ctx.next();
}
