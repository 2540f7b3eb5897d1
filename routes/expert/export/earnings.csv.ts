/**
 * The movements of the expert's earnings between two dates as a CSV
 * download (`?from=&to=`, the expert's clock, both included): each
 * session's price, the commission and what the expert kept.
 */
import { define } from "@/web/define.ts";
import { csvDownload } from "@/web/expert_exports.ts";

export const handler = define.handlers({
  GET(_req, ctx) {
    return csvDownload(ctx, "earnings");
  },
});
