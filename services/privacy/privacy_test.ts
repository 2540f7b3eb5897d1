/**
 * The privacy rules, through the real flows: an export holds the user's data
 * and nobody else's; deletion is refused while something is owed, waits its
 * grace period (a sign-in cancels it), then leaves the ledger balanced and
 * no personal data behind.
 */
import { expect } from "expect";
import { strFromU8, unzipSync } from "fflate";
import {
  ensureAccount,
  getUser,
  login,
  reauthRequirements,
} from "@/services/auth/mod.ts";
import {
  type Booking,
  bookSession,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { checkLedger } from "@/services/ledger/mod.ts";
import {
  listMessages,
  openConversation,
  sendMessage,
} from "@/services/messaging/mod.ts";
import { notify } from "@/services/notifications/mod.ts";
import { requestPhoneCode, verifyPhoneCode } from "@/services/phones/mod.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import {
  accountErasureJob,
  currentDeletion,
  dataExportJob,
  DeletionBlockedError,
  ExportExpiredError,
  ExportRefusedError,
  openExport,
  purgeDeletedAccountMessages,
  queueDueErasures,
  registerErasureStep,
  requestDeletion,
  requestExport,
} from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PASSWORD = "lighthouse keeper 42";
const META = {
  ip: "127.0.0.1",
  userAgent: "test",
  baseUrl: "http://localhost:8000",
};

interface Person {
  id: string;
  email: string;
  name: string;
}

async function account(
  kv: Deno.Kv,
  id: string,
  name: string,
  role: "learner" | "expert",
): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`;
  await ensureAccount(kv, {
    id,
    email,
    password: PASSWORD,
    name,
    role,
    timeZone: "UTC",
    source: "test",
  });
  return { id, email, name };
}

/** A session of `learnerId` with the expert, paid exactly from the wallet. */
async function book(
  kv: Deno.Kv,
  learnerId: string,
  offering: { id: string; priceMinor: number },
  start: string,
): Promise<Booking> {
  await fundLearner(kv, learnerId, offering.priceMinor);
  const outcome = await bookSession(kv, { id: learnerId, timeZone: "UTC" }, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking;
}

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

/**
 * What other people were already told stays theirs: their notifications,
 * live events and digests, and mail sent to them (the expert's booking email
 * names the learner). Everything else is scanned.
 */
const INBOXES = ["notifications", "live_events", "notification_digest"];

function someoneElses(key: Deno.KvKey, value: unknown, person: Person) {
  if (INBOXES.includes(String(key[0]))) return key[1] !== person.id;
  if (key[0] === "outbox") {
    return !String((value as { to: string }).to).includes(person.email);
  }
  return false;
}

/** Every KV entry (key and value) that mentions one of `needles`. */
async function mentionsOf(
  kv: Deno.Kv,
  needles: string[],
  person: Person,
): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of kv.list({ prefix: [] })) {
    if (someoneElses(entry.key, entry.value, person)) continue;
    const text = JSON.stringify(
      [entry.key, entry.value],
      (_, value) => typeof value === "bigint" ? String(value) : value,
    ).toLowerCase();
    for (const needle of needles) {
      if (text.includes(needle.toLowerCase())) {
        found.push(`${JSON.stringify(entry.key)} mentions ${needle}`);
      }
    }
  }
  return found;
}

Deno.test("deletion waits for what is owed, then erases personal data and keeps the books balanced", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { offering, expertId } = await bookableExpert(kv);
  const expert = await account(kv, expertId, "Esme Expert", "expert");
  const lou = await account(kv, newId(), "Lou Leaver", "learner");
  const booking = await book(kv, lou.id, offering, daysAhead(NOW, 1, 10));
  const conversation = await openConversation(
    kv,
    { id: lou.id, role: "learner" },
    expert.id,
  );
  await sendMessage(kv, lou.id, conversation.id, { text: "See you soon" });
  await requestPhoneCode(kv, { id: lou.id, timeZone: "UTC" }, {
    number: "+447911123456",
  }, META);
  const [text] = await listSmsOutbox(kv, { to: "+447911123456" });
  await verifyPhoneCode(kv, lou.id, {
    code: text.body.match(/^(\d{6})/)![1],
  }, META);
  const erasedBySteps: string[] = [];
  registerErasureStep({
    name: "privacy test",
    run: (_kv, userId) => {
      erasedBySteps.push(userId);
      return Promise.resolve();
    },
  });

  // A session still to come: refused, saying so.
  expect(await reauthRequirements(kv, lou.id)).toEqual({
    password: true,
    code: false,
  });
  const blocked = await requestDeletion(
    kv,
    lou.id,
    { password: PASSWORD },
    META,
  )
    .catch((e) => e);
  expect(blocked).toBeInstanceOf(DeletionBlockedError);
  expect(blocked.blockers.map((b: { kind: string }) => b.kind)).toEqual([
    "booking",
  ]);
  await expect(
    requestDeletion(kv, lou.id, { password: "not the password" }, META),
  ).rejects.toThrow();
  await expect(requestDeletion(kv, lou.id, {}, META)).rejects.toMatchObject({
    fieldErrors: { password: ["Enter your password."] },
  });

  // The session happens; the expert's earnings now block the expert.
  await attendCall(kv, clock, booking);
  clock.set(new Date(Date.parse(booking.end) + HOUR));
  await processDueWork(kv);
  await writeReview(kv, lou.id, booking.id, { rating: 5, text: "Great" });
  const expertBlocked = await requestDeletion(kv, expert.id, {
    password: PASSWORD,
  }, META).catch((e) => e);
  if (!(expertBlocked instanceof DeletionBlockedError)) throw expertBlocked;
  expect(expertBlocked.blockers[0].kind).toBe("balance");

  const request = await requestDeletion(
    kv,
    lou.id,
    { password: PASSWORD },
    META,
  );
  expect(Date.parse(request.eraseAt) - now().getTime()).toBe(14 * DAY);
  // Not yet: nothing is queued before the date.
  expect(await queueDueErasures(kv)).toBe(0);
  clock.set(new Date(Date.parse(request.eraseAt) + 1));
  expect(await queueDueErasures(kv)).toBe(1);
  await accountErasureJob.handler({ userId: lou.id }, { kv, id: "test" });

  expect(erasedBySteps).toEqual([lou.id]);
  expect(await getUser(kv, lou.id)).toMatchObject({
    name: "Former member",
    status: "suspended",
  });
  const check = await checkLedger(kv);
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
  // The booking and the ledger lines stay under the (now meaningless) id.
  expect((await kv.get(["bookings", booking.id])).value).toMatchObject({
    learnerId: lou.id,
  });
  // The expert still sees the message, and the review says "Former member".
  const seen = await listMessages(kv, expert.id, conversation.id);
  expect(JSON.stringify(seen)).toContain("See you soon");
  const review = (await kv.get<{ authorName: string }>([
    "reviews",
    (await kv.get<string>(["reviews_by_booking", booking.id])).value!,
  ])).value;
  expect(review?.authorName).toBe("Former member");
  expect(
    await mentionsOf(
      kv,
      [lou.email, lou.name, "+447911123456", "7911123456"],
      lou,
    ),
  ).toEqual([]);

  // After the retention period the messages go too.
  expect(await purgeDeletedAccountMessages(kv, new Date(now().getTime() + 1)))
    .toBe(1);
  expect(JSON.stringify(await listMessages(kv, expert.id, conversation.id))).not
    .toContain("See you soon");
  expect(await purgeDeletedAccountMessages(kv, new Date(now().getTime() + 1)))
    .toBe(0);
});

Deno.test("signing in during the grace period cancels the deletion", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const mia = await account(kv, newId(), "Mia Minded", "learner");
  await requestDeletion(kv, mia.id, { password: PASSWORD }, META);
  expect(await currentDeletion(kv, mia.id)).not.toBeNull();
  clock.set(new Date(NOW.getTime() + 3 * DAY));
  await login(kv, { email: mia.email, password: PASSWORD }, META);
  expect(await currentDeletion(kv, mia.id)).toBeNull();
  clock.set(new Date(NOW.getTime() + 15 * DAY));
  expect(await queueDueErasures(kv)).toBe(0);
  expect((await getUser(kv, mia.id))?.name).toBe("Mia Minded");
});
