/**
 * The expert's CSV downloads, shared by the two export routes
 * (routes/expert/export/*): read the period, build the file, and answer it
 * as a private attachment. A period that cannot be read goes back to the
 * form on the expert's home, which says why.
 */
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { requireUser } from "@/web/user.ts";
import { seeOther } from "@/web/navigation.ts";
import {
  earningsCsv,
  exportFileName,
  exportPeriod,
  sessionsCsv,
} from "@/services/expert_stats/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";

/** A CSV file as a download that no cache keeps. */
export function csvAttachment(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export async function csvDownload(
  ctx: FreshContext<AppState>,
  what: "sessions" | "earnings",
): Promise<Response> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const query = {
    from: ctx.url.searchParams.get("from") || undefined,
    to: ctx.url.searchParams.get("to") || undefined,
  };
  let period;
  try {
    period = exportPeriod(query, user.timeZone, clockFor(kv).now());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const back = new URLSearchParams(
      Object.entries(query).filter(([, v]) => v !== undefined) as [
        string,
        string,
      ][],
    );
    return seeOther(`/expert?${back}#export`);
  }
  const build = what === "sessions" ? sessionsCsv : earningsCsv;
  const body = await build(kv, user.id, period, user.timeZone);
  return csvAttachment(body, exportFileName(what, period));
}
