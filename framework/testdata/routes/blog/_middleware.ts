import { define } from "../../define.ts";

export const handler = define.middleware((_req, ctx) => {
  ctx.state.trail = [...ctx.state.trail, "blog"];
  return ctx.next();
});
