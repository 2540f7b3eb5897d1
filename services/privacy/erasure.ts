/**
 * Erasing an account once its grace period is over.
 *
 * What goes: the personal fields of the account (services/auth's
 * `eraseAccountIdentity`: name → "Former member", email → a tombstone,
 * password, 2FA, sessions), uploaded files (photos in every size, credential
 * documents, exports), onboarding answers,
 * notifications and their settings, the phone number, linked sign-ins, the
 * payout account, linked calendars; the expert profile is unpublished and
 * blanked; reviews they wrote show "Former member".
 *
 * What stays, for accounting, under the account's id (which names nobody
 * once the account is erased): bookings, ledger entries, top-ups, packages,
 * withdrawals. Their messages stay visible to the other party until
 * `deletedAccountMessageRetentionDays` have passed
 * (`purgeDeletedAccountMessages`, run by the retention cron).
 *
 * Other features add their own steps with `registerErasureStep` (recordings,
 * for example); each step must be idempotent, since a run that fails midway
 * is retried from the start.
 */
import { z } from "zod";
import {
  eraseAccountIdentity,
  FORMER_MEMBER_NAME,
  getUser,
} from "@/services/auth/mod.ts";
import { getExpert, updateExpert } from "@/services/experts/mod.ts";
import { deleteImage } from "@/services/images/mod.ts";
import { now } from "@/services/platform/clock.ts";
import { sha256Hex } from "@/services/platform/crypto.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { idSchema } from "@/services/platform/model.ts";
import { anonymiseReviewsBy } from "@/services/reviews/mod.ts";
import { forgetShareCard } from "@/services/share_cards/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { currentDeletion, deletionBlockers } from "./deletion.ts";
import { readPrefix, uploadedFiles } from "./holdings.ts";
import {
  deletionDueKey,
  DELETIONS,
  DELETIONS_DUE,
  ERASED,
  ERASED_MESSAGES,
  EXPORT_RUNNING,
  EXPORTS,
} from "./store.ts";

/** One feature's part of erasing an account. */
export interface ErasureStep {
  /** Names the step in logs, e.g. "recordings". */
  name: string;
  run(kv: Deno.Kv, userId: string): Promise<void>;
}

const steps: ErasureStep[] = [];

/**
 * Adds a feature's erasure step (call at module load, from the feature's
 * mod.ts or runtime.ts); every erasure runs it after the built-in ones.
 */
export function registerErasureStep(step: ErasureStep): void {
  if (steps.some((known) => known.name === step.name)) return;
  steps.push(step);
}

/** The steps registered so far (for tests and the admin). */
export function erasureSteps(): readonly ErasureStep[] {
  return steps;
}

/** Deletes each key and every key under it. */
async function deletePrefixes(
  kv: Deno.Kv,
  prefixes: Deno.KvKey[],
): Promise<void> {
  for (const prefix of prefixes) {
    // A prefix list leaves out the key equal to the prefix: that goes too.
    await withLockRetry(() => kv.delete(prefix));
    for await (const entry of kv.list({ prefix })) {
      await withLockRetry(() => kv.delete(entry.key));
    }
  }
}

/** The pseudonym that replaces the account's email: stable, meaningless. */
async function pseudonymOf(userId: string): Promise<string> {
  return `former-${(await sha256Hex(`erased:${userId}`)).slice(0, 16)}`;
}

/** Removes the files the user uploaded and their exports. */
async function deleteFiles(kv: Deno.Kv, userId: string): Promise<void> {
  const store = getFileStore(kv);
  for (const file of await uploadedFiles(kv, userId)) {
    // Attachments stay with their messages until the retention purge.
    if (file.path.startsWith("files/attachments/")) continue;
    if (file.path.startsWith("files/photos/")) {
      await deleteImage(store, file.fileKey);
    } else {
      await store.delete(file.fileKey);
    }
  }
  for (
    const record of await readPrefix<{ fileKey: string | null }>(kv, [
      EXPORTS,
      userId,
    ])
  ) {
    if (record.fileKey) await store.delete(record.fileKey);
  }
}

/**
 * Blanks and unpublishes the expert profile (bookings still name its id),
 * then deletes its link-preview card, which showed the name and headline
 * (after, so a card drawn meanwhile is not left behind: an unpublished
 * profile gets none).
 */
async function retireExpertProfile(kv: Deno.Kv, userId: string) {
  await retireProfileRecord(kv, userId);
  await forgetShareCard(kv, "expert", userId);
}

async function retireProfileRecord(kv: Deno.Kv, userId: string) {
  const profile = await getExpert(kv, userId);
  if (!profile) return;
  await updateExpert(kv, userId, {
    published: false,
    name: FORMER_MEMBER_NAME,
    headline: FORMER_MEMBER_NAME,
    bio: "This member has left TapTime.",
    location: "Not given",
    photoUrl: null,
    photoFileKey: null,
    linkedinOrWebsite: null,
  });
}

/** Removes what the feature's own records and other personal records hold. */
async function deletePersonalRecords(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  // Each prefix is one feature's per-user record (see its store module).
  const application = (await kv.get<
    { status: string; statusEntryId: string | null }
  >(["applications", userId])).value;
  if (application?.statusEntryId) {
    await kv.delete([
      "applications_by_status",
      application.status,
      application.statusEntryId,
    ]);
  }
  const identities = await readPrefix<{ provider: string; subject: string }>(
    kv,
    ["social_identities_by_user", userId],
  );
  for (const identity of identities) {
    await kv.delete(["social_identities", identity.provider, identity.subject]);
  }
  const payout = (await kv.get<{ stripeAccountId?: string | null }>([
    "payout_accounts",
    userId,
  ])).value;
  if (payout?.stripeAccountId) {
    await kv.delete(["payout_accounts_by_stripe", payout.stripeAccountId]);
  }
  for await (
    const entry of kv.list<null>({ prefix: ["calendars_by_expert", userId] })
  ) {
    const calendarId = entry.key[2] as string;
    await kv.delete(["calendars", calendarId]);
    await kv.delete(["calendar_busy", calendarId]);
  }
  await deletePrefixes(kv, [
    ["applications", userId],
    ["learner_profiles", userId],
    ["learner_onboarding_drafts", userId],
    ["learner_milestones", userId],
    ["saved_experts", userId],
    ["notifications", userId],
    ["notifications_unread", userId],
    ["notification_unread_count", userId],
    ["notification_group", userId],
    ["notification_prefs", userId],
    ["notification_digest", userId],
    ["notification_digest_sent", userId],
    ["phones", userId],
    ["phone_pending", userId],
    ["social_identities_by_user", userId],
    ["payout_accounts", userId],
    ["calendars_by_expert", userId],
    ["calendars_version", userId],
    ["availability", userId],
    [EXPORTS, userId],
    [EXPORT_RUNNING, userId],
  ]);
}

/**
 * Replaces the erased person's email, name and phone wherever a copy of
 * them was kept outside their own records: the details of security events
 * about them, and the development outbox (it stands for mail already sent).
 */
async function scrubCopies(
  kv: Deno.Kv,
  userId: string,
  values: string[],
): Promise<void> {
  const needles = values.filter((value) => value.length >= 3).map((value) =>
    value.toLowerCase()
  );
  if (needles.length === 0) return;
  const mentions = (text: string) =>
    needles.some((needle) => text.toLowerCase().includes(needle));
  // services/platform/audit.ts: ["security_events_by_user", userId, id] → id
  for await (
    const index of kv.list<string>({
      prefix: ["security_events_by_user", userId],
    })
  ) {
    const entry = await kv.get<{ details: Record<string, unknown> }>([
      "security_events",
      index.value,
    ]);
    if (!entry.value || !mentions(JSON.stringify(entry.value.details))) {
      continue;
    }
    const details = Object.fromEntries(
      Object.entries(entry.value.details).map(([key, value]) => [
        key,
        typeof value === "string" && mentions(value) ? "(erased)" : value,
      ]),
    );
    await kv.set(entry.key, { ...entry.value, details });
  }
  // The development outboxes stand for mail and texts already sent:
  // services/platform/email ["outbox", id], services/platform/sms.ts ["sms_outbox", id].
  for (const prefix of ["outbox", "sms_outbox"]) {
    for await (const entry of kv.list<{ to: string }>({ prefix: [prefix] })) {
      if (mentions(String(entry.value.to))) await kv.delete(entry.key);
    }
  }
  // Rate-limit counters keyed by the address or number
  // (services/auth/rate_limits.ts: ["rate_limits", bucket, key, window]).
  for await (const entry of kv.list({ prefix: ["rate_limits"] })) {
    if (mentions(String(entry.key[2]))) await kv.delete(entry.key);
  }
}

/**
 * Erases `userId`'s account now (the grace period is the caller's rule).
 * Idempotent: each step finds its work done on a second run.
 */
export async function eraseAccount(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  const user = await getUser(kv, userId);
  if (!user) return;
  const phone = (await kv.get<{ number: string }>(["phones", userId])).value;
  const pending = (await kv.get<{ number: string }>(["phone_pending", userId]))
    .value;
  await deleteFiles(kv, userId);
  await retireExpertProfile(kv, userId);
  await anonymiseReviewsBy(kv, userId, FORMER_MEMBER_NAME);
  await deletePersonalRecords(kv, userId);
  for (const step of steps) await step.run(kv, userId);
  const erased = await eraseAccountIdentity(
    kv,
    userId,
    await pseudonymOf(userId),
  );
  const identity = erased ??
    { email: user.email, pendingEmail: null, name: user.name };
  await scrubCopies(kv, userId, [
    identity.email,
    identity.pendingEmail ?? "",
    identity.name === FORMER_MEMBER_NAME ? "" : identity.name,
    phone?.number ?? "",
    pending?.number ?? "",
  ]);
  const erasedAt = now();
  const request =
    (await kv.get<{ eraseAt: string; userId: string; requestedAt: string }>([
      DELETIONS,
      userId,
    ])).value;
  const op = kv.atomic()
    .set([ERASED, userId], { erasedAt: erasedAt.toISOString() })
    .set([ERASED_MESSAGES, erasedAt.getTime(), userId], userId)
    .delete([DELETIONS, userId]);
  if (request) op.delete(deletionDueKey(request));
  await withLockRetry(() => op.commit());
}

/** Erases one account whose grace period is over; idempotent. */
export const accountErasureJob = defineJob({
  name: "privacy.erase",
  payload: z.object({ userId: idSchema }),
  async handler({ userId }, { kv }) {
    if ((await kv.get([ERASED, userId])).versionstamp !== null) return;
    const request = await currentDeletion(kv, userId);
    if (!request || Date.parse(request.eraseAt) > now().getTime()) return;
    const blockers = await deletionBlockers(kv, userId);
    if (blockers.length > 0) {
      // Something came up during the grace period (a session booked with
      // the expert before the profile went away): tried again next run.
      console.warn(
        `Account ${userId} is due for erasure but still has: ${
          blockers.map((blocker) => blocker.message).join(" ")
        }`,
      );
      return;
    }
    await eraseAccount(kv, userId);
  },
});

/**
 * Queues the erasure of every account whose grace period is over, and
 * looks at every pending one so a sign-in since the request cancels it.
 * Returns how many erasures were queued.
 */
export async function queueDueErasures(kv: Deno.Kv): Promise<number> {
  let queued = 0;
  for await (const entry of kv.list<string>({ prefix: [DELETIONS_DUE] })) {
    const request = await currentDeletion(kv, entry.value);
    if (request && Date.parse(request.eraseAt) <= now().getTime()) {
      await enqueue(kv, accountErasureJob, { userId: entry.value });
      queued++;
    }
  }
  return queued;
}

/** Hourly: cancels deletions the owner signed in on, queues those due. */
export const accountErasureCron = defineCron({
  name: "privacy account erasure",
  schedule: "41 * * * *",
  run: async (kv) => {
    await queueDueErasures(kv);
  },
});
