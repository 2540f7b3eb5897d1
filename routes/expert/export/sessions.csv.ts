/**
 * The expert's sessions between two dates as a CSV download
 * (`?from=2026-01-01&to=2026-03-31`, the expert's clock, both included).
 * Dates that cannot be read send the expert back to the form with the
 * reason.
 */
import { define } from "@/web/define.ts";
import { csvDownload } from "@/web/expert_exports.ts";

export const handler = define.handlers({
  GET(_req, ctx) {
    return csvDownload(ctx, "sessions");
  },
});
