import { define } from "@/web/define.ts";
import { calendarFeedFor } from "@/services/bookings/mod.ts";

/**
 * A person's private calendar feed, `/calendar/<token>.ics`, for calendar
 * apps to subscribe to. The secret address is the credential (apps send no
 * cookies), so an unknown or revoked one is a plain 404, and nothing is
 * cached by anyone in between.
 */
export const handler = define.handlers({
  async GET(_req, ctx) {
    const match = /^(.+)\.ics$/.exec(ctx.params.feed);
    const ics = match &&
      await calendarFeedFor(ctx.state.kv, match[1], {
        baseUrl: ctx.state.siteUrl,
      });
    if (!ics) {
      return new Response("There is no calendar at this address.", {
        status: 404,
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
        },
      });
    }
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": 'inline; filename="taptime.ics"',
        "cache-control": "private, no-store",
        "x-robots-tag": "noindex",
        "referrer-policy": "no-referrer",
      },
    });
  },
});
