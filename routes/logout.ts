import { define } from "@/web/define.ts";
import { logout } from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { clearSessionCookie } from "@/auth/cookies.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";

/**
 * POST /logout: ends the session on the server, clears the cookie and goes
 * home (or to a same-site `next`, e.g. /login to switch accounts). Only
 * POST: a GET link could log people out from another site.
 */
export const handler = define.handlers({
  async POST(req, ctx) {
    const { next } = readFields(await readForm(req), ["next"]);
    if (ctx.state.sessionToken) {
      await logout(ctx.state.kv, ctx.state.sessionToken, requestMeta(ctx));
    }
    const headers = new Headers();
    clearSessionCookie(headers, req, ctx.state.config.trustProxy);
    return seeOther(safeNextPath(next) ?? "/", headers);
  },
});
