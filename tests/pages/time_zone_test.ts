/**
 * The time-zone picker on signup and the account page: a server-rendered
 * list of canonical IANA names (never the runtime's older spellings), and on
 * signup only a static script that preselects the browser's zone, reading the
 * older spellings it may report from a small data block rather than the list.
 */
import { expect } from "expect";
import { timeZoneNames } from "@/services/platform/model.ts";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { page } from "./page_helpers.ts";

/** The `<select name="timeZone">` element's HTML. */
function zoneSelect(html: string): string {
  const select = html.match(/<select[^>]*name="timeZone"[\s\S]*?<\/select>/);
  if (!select) throw new Error("no time-zone select on the page");
  return select[0];
}

function optionValues(select: string): string[] {
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
}

Deno.test("signup lists canonical zones and detects the browser's with a static script, no island", async () => {
  await using app = await createAuthTestApp();
  const { status, text } = await page(app.client(), "/signup");
  expect(status).toBe(200);
  const values = optionValues(zoneSelect(text));
  expect(values).toEqual(timeZoneNames());
  expect(values).toContain("Asia/Kolkata");
  expect(values).toContain("Europe/Kyiv");
  expect(values).not.toContain("Asia/Calcutta");
  expect(values).not.toContain("Europe/Kiev");
  expect(zoneSelect(text)).toContain('<option value="UTC" selected');

  // Nothing hydrates: a static module reads a data block that carries the
  // older spellings (to map what a browser reports), not the list.
  expect(text).not.toContain("data-island=");
  expect(text).not.toContain("__FRSH_STATE");
  expect(text).toMatch(
    /<script type="module" src="\/_fresh\/js\/time-zone-detect-[A-Z0-9]+\.js"><\/script>/,
  );
  const data = text.match(
    /<script type="application\/json" id="time-zone-detect">([\s\S]*?)<\/script>/,
  )?.[1] ?? "";
  const parsed = JSON.parse(data);
  expect(parsed.selectId).toBe("timeZone");
  expect(parsed.initial).toBe("UTC");
  expect(parsed.aliases["Asia/Calcutta"]).toBe("Asia/Kolkata");
  expect(data).not.toContain("America/Argentina/Salta");
  expect(data.length).toBeLessThan(8000);
});

Deno.test("the account page shows the saved zone, with no time zone island", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const { text } = await page(learner, "/account");
  expect(zoneSelect(text)).toContain('<option value="Europe/Paris" selected');
  expect(text).not.toContain('data-island="TimeZoneDetect"');
});
