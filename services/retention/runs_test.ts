import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  addSecurityEvent,
  listSecurityEvents,
} from "@/services/platform/audit.ts";
import {
  feedbackSummary,
  listContactMessages,
  listFeedback,
  saveContactMessage,
  saveFeedback,
} from "@/services/content/mod.ts";
import { updateSettings } from "@/services/settings/mod.ts";
import { retentionReport, runRetention } from "./mod.ts";

const DAY = 86_400_000;
const NOW = new Date("2031-06-01T03:41:00Z");
const META = { ip: "192.0.2.1", userAgent: "test" };

async function audit(kv: Deno.Kv, userId: string) {
  const op = kv.atomic();
  addSecurityEvent(op, {
    type: "login_succeeded",
    actorId: userId,
    userId,
  }, META);
  await op.commit();
}

async function contact(kv: Deno.Kv, subject: string) {
  await saveContactMessage(kv, {
    name: "Ann",
    email: "ann@example.com",
    subject,
    message: "Hello there, a question.",
  });
}

Deno.test("each policy deletes what is older than its period, indexes and summaries included", async () => {
  using clock = useFakeClock(new Date(NOW.getTime() - 800 * DAY));
  using kv = await openTestKv();
  await audit(kv, "old-user");
  await contact(kv, "old");
  await saveFeedback(kv, { rating: 1 });
  clock.set(new Date(NOW.getTime() - 10 * DAY));
  await audit(kv, "new-user");
  await contact(kv, "new");
  await saveFeedback(kv, { rating: 5 });
  clock.set(NOW);

  const runs = await runRetention(kv);
  expect(runs.map((run) => [run.policy, run.purged, run.error])).toEqual([
    ["audit-events", 1, null],
    ["contact-feedback", 2, null],
    ["analytics-events", 0, null],
    ["deleted-account-messages", 0, null],
    ["recordings", 0, null],
  ]);
  expect(runs[0].cutoff).toBe(
    new Date(NOW.getTime() - 730 * DAY).toISOString(),
  );
  expect((await listSecurityEvents(kv)).events.map((e) => e.userId))
    .toEqual(["new-user"]);
  expect((await listSecurityEvents(kv, { userId: "old-user" })).events)
    .toEqual([]);
  const left: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: ["security_events_by_user"] })) {
    left.push(entry.key);
  }
  expect(left.map((key) => key[1])).toEqual(["new-user"]);
  expect((await listContactMessages(kv)).messages.map((m) => m.subject))
    .toEqual(["new"]);
  expect((await listFeedback(kv)).feedback.map((f) => f.rating)).toEqual([5]);
  expect(await feedbackSummary(kv)).toEqual({ count: 1, average: 5 });

  // Another process's run the same day does nothing.
  expect(await runRetention(kv)).toEqual([]);
  const report = await retentionReport(kv);
  expect(report.map((line) => [line.name, line.days, line.lastRun?.purged]))
    .toEqual([
      ["audit-events", 730, 1],
      ["contact-feedback", 365, 2],
      ["analytics-events", 400, 0],
      ["deleted-account-messages", 30, 0],
      ["recordings", 90, 0],
    ]);
});

Deno.test("with the retention switch off nothing is deleted and the run says so; a failing purge is recorded", async () => {
  using clock = useFakeClock(new Date(NOW.getTime() - 800 * DAY));
  using kv = await openTestKv();
  await contact(kv, "old");
  clock.set(NOW);
  await updateSettings(kv, "admin1", { retentionJobs: false }, META);
  const [, skipped] = await runRetention(kv);
  expect(skipped).toMatchObject({ skipped: true, purged: 0 });
  expect((await listContactMessages(kv)).messages).toHaveLength(1);

  clock.set(new Date(NOW.getTime() + DAY));
  await updateSettings(kv, "admin1", { retentionJobs: true }, META);
  const failing = [{
    name: "broken",
    label: "Broken",
    setting: "analyticsRetentionDays" as const,
    purge: () => Promise.reject(new Error("disk on fire")),
  }];
  const [run] = await runRetention(kv, failing);
  expect(run).toMatchObject({ error: "disk on fire", days: 400 });
  expect((await retentionReport(kv, failing))[0].lastRun?.error).toBe(
    "disk on fire",
  );
});
