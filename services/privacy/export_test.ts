/**
 * Data exports through the real flows: an export holds the user's data and
 * nobody else's; its link is the owner's only, for 24 hours; 3 a day.
 */
import { expect } from "expect";
import { strFromU8, unzipSync } from "fflate";
import { processDueWork } from "@/services/bookings/mod.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { notify } from "@/services/notifications/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
} from "@/tests/support/bookings.ts";
import {
  dataExportJob,
  ExportExpiredError,
  ExportRefusedError,
  openExport,
  requestExport,
} from "./mod.ts";
import { account, book, DAY, HOUR, META, NOW, type Person } from "./testing.ts";

/** One expert, two learners with a completed, reviewed session and a conversation each. */
async function twoLearners(
  kv: Deno.Kv,
  clock: { set(date: Date): void },
) {
  const { offering, expertId } = await bookableExpert(kv);
  const expert = await account(kv, expertId, "Esme Expert", "expert");
  const ada = await account(kv, newId(), "Ada Lovelace", "learner");
  const bob = await account(kv, newId(), "Bob Builder", "learner");
  const sessions = [
    await book(kv, ada.id, offering, daysAhead(NOW, 1, 10)),
    await book(kv, bob.id, offering, daysAhead(NOW, 1, 12)),
  ];
  for (const booking of sessions) await attendCall(kv, clock, booking);
  clock.set(new Date(Date.parse(sessions[1].end) + HOUR));
  await processDueWork(kv);
  const pairs: [Person, string][] = [[ada, "ada-secret"], [bob, "bob-secret"]];
  for (const [person, words] of pairs) {
    const conversation = await openConversation(
      kv,
      { id: person.id, role: "learner" },
      expert.id,
    );
    await sendMessage(kv, person.id, conversation.id, {
      text: `Hello from ${words}`,
    });
    await sendMessage(kv, expert.id, conversation.id, {
      text: `Reply to ${words}`,
    });
    await notify(kv, person.id, {
      type: "booking_confirmed",
      title: `Note for ${words}`,
      body: "Your session is booked.",
      link: "/bookings",
    });
  }
  await writeReview(kv, ada.id, sessions[0].id, {
    rating: 5,
    text: "Wonderful session, ada-secret review",
  });
  await writeReview(kv, bob.id, sessions[1].id, {
    rating: 4,
    text: "Good session, bob-secret review",
  });
  return { expert, ada, bob, sessions };
}

/** Runs the export job for the newest request and returns the ZIP's files and the link. */
async function runExport(kv: Deno.Kv, userId: string, exportId: string) {
  await dataExportJob.handler({ userId, exportId, baseUrl: META.baseUrl }, {
    kv,
    id: "test",
  });
  const [email] = await listOutbox(kv, { limit: 1 });
  const link = new URL(email.text.match(/http\S+/)![0]);
  const file = await openExport(
    kv,
    userId,
    exportId,
    link.searchParams.get("token")!,
  );
  const zip = new Uint8Array(await new Response(file.body).arrayBuffer());
  return { files: unzipSync(zip), link, email };
}

Deno.test("an export holds the user's data and no one else's", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { expert, ada, bob } = await twoLearners(kv, clock);

  const asked = await requestExport(kv, ada.id, META);
  await expect(requestExport(kv, ada.id, META)).rejects.toMatchObject({
    status: 409,
  });
  const { files, link, email } = await runExport(kv, ada.id, asked.id);
  expect(email.to).toBe(ada.email);
  expect(link.pathname).toBe(`/account/privacy/exports/${asked.id}`);

  const text = Object.fromEntries(
    Object.entries(files).map(([path, bytes]) => [path, strFromU8(bytes)]),
  );
  expect(Object.keys(text)).toEqual(expect.arrayContaining([
    "README.txt",
    "account.json",
    "bookings.json",
    "reviews.json",
    "notifications.json",
    "ledger.json",
    "security_events.json",
  ]));
  const everything = Object.values(text).join("\n");
  // Ada's own data…
  expect(JSON.parse(text["account.json"]).email).toBe(ada.email);
  expect(everything).toContain("Hello from ada-secret");
  expect(everything).toContain("Reply to ada-secret");
  expect(everything).toContain("ada-secret review");
  expect(everything).toContain("Note for ada-secret");
  expect(JSON.parse(text["bookings.json"]).asLearner).toHaveLength(1);
  expect(JSON.parse(text["ledger.json"])[0].account).toBe(`wallet:${ada.id}`);
  // …the other party as Ada sees them (a name), nothing of Bob's.
  expect(everything).toContain(expert.name);
  for (const foreign of [expert.email, bob.email, bob.name, "bob-secret"]) {
    expect({ foreign, found: everything.includes(foreign) }).toEqual({
      foreign,
      found: false,
    });
  }
});

Deno.test("an export link is the owner's only and lasts 24 hours; 3 exports a day", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const ada = await account(kv, newId(), "Ada Lovelace", "learner");
  const bob = await account(kv, newId(), "Bob Builder", "learner");
  const first = await requestExport(kv, ada.id, META);
  const { link } = await runExport(kv, ada.id, first.id);
  const token = link.searchParams.get("token")!;
  await expect(openExport(kv, bob.id, first.id, token)).rejects.toThrow(
    /no export at this address/,
  );
  await expect(openExport(kv, ada.id, first.id, "wrong")).rejects.toThrow(
    /no export at this address/,
  );
  clock.set(new Date(NOW.getTime() + DAY + 1));
  await expect(openExport(kv, ada.id, first.id, token)).rejects
    .toBeInstanceOf(ExportExpiredError);
  expect(
    await getFileStore(kv).head(`privacy/exports/${ada.id}/${first.id}.zip`),
  )
    .toBeNull();

  for (let i = 0; i < 3; i++) {
    const next = await requestExport(kv, ada.id, META);
    await runExport(kv, ada.id, next.id);
  }
  const refused = await requestExport(kv, ada.id, META).catch((e) => e);
  expect(refused).toBeInstanceOf(ExportRefusedError);
  expect(refused.status).toBe(429);
});
