/**
 * Account deletion through the real flows: refused while something is owed,
 * a grace period that a sign-in cancels, then an erasure that keeps the
 * ledger balanced and leaves no personal data behind.
 */
import { expect } from "expect";
import {
  createAccountWithIdentity,
  getUser,
  login,
  reauthRequirements,
} from "@/services/auth/mod.ts";
import { processDueWork } from "@/services/bookings/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { checkLedger } from "@/services/ledger/mod.ts";
import {
  listMessages,
  openConversation,
  sendMessage,
} from "@/services/messaging/mod.ts";
import { requestPhoneCode, verifyPhoneCode } from "@/services/phones/mod.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { shareCardHash, shareCardImage } from "@/services/share_cards/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  attendCall,
  bookableExpert,
  daysAhead,
} from "@/tests/support/bookings.ts";
import {
  accountErasureJob,
  cancelDeletion,
  currentDeletion,
  DeletionBlockedError,
  eraseAccount,
  purgeDeletedAccountMessages,
  queueDueErasures,
  registerErasureStep,
  requestDeletion,
} from "./mod.ts";
import {
  account,
  book,
  DAY,
  HOUR,
  META,
  NOW,
  PASSWORD,
  type Person,
} from "./testing.ts";

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

Deno.test("a leaving expert's profile is hidden during the grace period, and back on cancelling", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { expertId } = await bookableExpert(kv);
  await account(kv, expertId, "Esme Expert", "expert");
  expect((await getExpert(kv, expertId))?.published).toBe(true);
  await requestDeletion(kv, expertId, { password: PASSWORD }, META);
  expect((await getExpert(kv, expertId))?.published).toBe(false);
  expect(await cancelDeletion(kv, expertId, META)).toBe(true);
  expect((await getExpert(kv, expertId))?.published).toBe(true);
});

Deno.test("an account without password or 2FA proves itself by a recent sign-in", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { user } = await createAccountWithIdentity(
    kv,
    {
      email: "gus@example.com",
      name: "Gus Google",
      role: "learner",
    },
    "google",
    META,
  );
  expect(await reauthRequirements(kv, user.id)).toEqual({
    password: false,
    code: false,
  });
  const signedInAt = NOW.toISOString();
  clock.set(new Date(NOW.getTime() + HOUR));
  await expect(requestDeletion(kv, user.id, {}, META, signedInAt)).rejects
    .toMatchObject({ code: "reauthentication_required", status: 401 });
  const request = await requestDeletion(
    kv,
    user.id,
    {},
    META,
    new Date(NOW.getTime() + HOUR - 60_000).toISOString(),
  );
  expect(request.userId).toBe(user.id);
});

Deno.test("erasing an expert deletes their link-preview card, which shows their name", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { expertId } = await bookableExpert(kv);
  await account(kv, expertId, "Esme Expert", "expert");
  const card = {
    kind: "expert" as const,
    eyebrow: "Expert",
    title: "Esme Expert",
    facts: [],
  };
  await shareCardImage(kv, card, expertId);
  const file = `share-cards/${shareCardHash(card)}.png`;
  expect(await getFileStore(kv).head(file)).not.toBeNull();
  await eraseAccount(kv, expertId);
  expect(await getFileStore(kv).head(file)).toBeNull();
});
