/**
 * The admin's application lists: names (the seeded demo experts have no
 * account, so their profile's), and a heading that says each list's order.
 */
import { expect } from "expect";
import { getExpert } from "@/services/experts/mod.ts";
import { seedDemoData } from "@/services/seed/mod.ts";
import { createAuthTestApp, signInAdmin } from "@/tests/support/auth.ts";
import { page } from "@/tests/pages/page_helpers.ts";

Deno.test("the approved list names the seeded experts and says its own order", async () => {
  await using app = await createAuthTestApp();
  await seedDemoData(app.kv);
  const admin = await signInAdmin(app, { twoFactor: true });
  const approved = await page(admin, "/admin/applications?status=approved");
  expect(approved.status).toBe(200);
  const table = approved.text.match(/<table[\s\S]*?<\/table>/)![0];
  const rows = [
    ...table.matchAll(/href="\/admin\/applications\/([^"]+)"[^>]*>([^<]*)</g),
  ];
  expect(rows.length).toBeGreaterThan(0);
  for (const [, id, shown] of rows) {
    const expert = await getExpert(app.kv, decodeURIComponent(id));
    expect(shown).toBe(expert!.name);
    expect(shown).not.toBe(id);
  }
  expect(approved.text).toContain(
    "Approved applications, approved longest ago first",
  );
  expect(approved.text).not.toContain("longest waiting first");

  const pending = await page(admin, "/admin/applications");
  expect(pending.text).toContain("Longest waiting first.");
});
