/**
 * Self-serve account deletion: the owner confirms it is them (password or
 * second factor, as the account uses), nothing must still be owed either
 * way (future sessions, money held for them), and then the account waits
 * DELETION_GRACE_DAYS: every device is signed out, and signing in again
 * before the date cancels the deletion. After it, erasure.ts erases the
 * personal data.
 *
 * "Signing in cancels" needs no hook in the sign-in flow: a session created
 * after the request is the sign-in, and it is looked for whenever the
 * request is read (the privacy page, the daily erasure run), which happens
 * well within a session's 7-day idle life.
 */
import {
  AuthError,
  endAllSessions,
  getUser,
  listSessions,
  reauthenticate,
  type ReauthInput,
  reauthRequirements,
} from "@/services/auth/mod.ts";
import {
  availableEarningsAccount,
  frozenAccount,
  listBalances,
  payoutInFlightAccount,
  pendingEarningsAccount,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { getExpert, updateExpert } from "@/services/experts/mod.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { ConflictError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { formatMoney } from "@/services/platform/money.ts";
import type { Currency } from "@/services/platform/model.ts";
import {
  DELETION_GRACE_MS,
  type DeletionBlocker,
  type DeletionRequest,
  type DeletionStatus,
} from "./model.ts";
import { deletionDueKey, DELETIONS, getDeletion } from "./store.ts";

/** The account cannot be deleted yet; `blockers` say what must happen first. */
export class DeletionBlockedError extends ConflictError {
  constructor(readonly blockers: DeletionBlocker[]) {
    super(
      `Your account can't be deleted yet: ${
        blockers.map((blocker) => blocker.message).join(" ")
      }`,
    );
    this.name = "DeletionBlockedError";
  }
}

/** How recent a sign-in proves it is the owner, when nothing can be typed. */
const RECENT_SIGN_IN_MS = 15 * 60_000;

const SYSTEM_META = { ip: "system", userAgent: "TapTime" };

interface BookingLike {
  id: string;
  status: string;
  start: string;
  end: string;
  offeringTitle: string;
}

/** Sessions not over yet that are still on (booked, not cancelled). */
async function openBookings(
  kv: Deno.Kv,
  userId: string,
): Promise<BookingLike[]> {
  // services/bookings/store.ts: ["bookings_by_learner"|"bookings_by_expert", id, startMs, bookingId]
  const open: BookingLike[] = [];
  const since = now().getTime() - 24 * 3_600_000;
  for (const index of ["bookings_by_learner", "bookings_by_expert"]) {
    for await (
      const entry of kv.list<string>({
        start: [index, userId, since],
        end: [index, userId, Number.MAX_SAFE_INTEGER],
      })
    ) {
      const booking = (await kv.get<BookingLike>(["bookings", entry.value]))
        .value;
      if (
        booking?.status === "confirmed" &&
        Date.parse(booking.end) > now().getTime()
      ) {
        open.push(booking);
      }
    }
  }
  return open;
}

/** Each account that holds the user's money, and what empties it. */
function moneyAccounts(userId: string) {
  return [
    {
      account: walletAccount(userId),
      text: "Ask for a refund of your wallet balance",
      href: "/dashboard/wallet",
    },
    {
      account: frozenAccount(userId),
      text:
        "Money in your wallet is on hold while a payment is disputed; wait for the dispute to end",
      href: "/dashboard/wallet",
    },
    {
      account: pendingEarningsAccount(userId),
      text:
        "Earnings from recent sessions are still in their dispute window; wait until they become available and withdraw them",
      href: "/expert/earnings",
    },
    {
      account: availableEarningsAccount(userId),
      text: "Withdraw your available earnings",
      href: "/expert/earnings",
    },
    {
      account: payoutInFlightAccount(userId),
      text: "A withdrawal is on its way to your bank; wait until it is paid",
      href: "/expert/earnings",
    },
  ];
}

/** What must happen before `userId`'s account can be deleted; empty when nothing. */
export async function deletionBlockers(
  kv: Deno.Kv,
  userId: string,
): Promise<DeletionBlocker[]> {
  const blockers: DeletionBlocker[] = [];
  for (const booking of await openBookings(kv, userId)) {
    const when = `${
      new Date(booking.start).toLocaleString("en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "UTC",
      })
    } UTC`;
    blockers.push({
      kind: "booking",
      message:
        `Cancel or complete your session "${booking.offeringTitle}" on ${when}.`,
      href: `/bookings/${booking.id}`,
    });
  }
  for (const { account, text, href } of moneyAccounts(userId)) {
    for (const balance of await listBalances(kv, account)) {
      if (balance.balanceMinor === 0) continue;
      const amount = formatMoney({
        amountMinor: balance.balanceMinor,
        currency: balance.currency as Currency,
      });
      blockers.push({ kind: "balance", message: `${text} (${amount}).`, href });
    }
  }
  // services/packages/store.ts: ["packages_by_learner", learnerId, packageId]
  for await (
    const entry of kv.list<string>({ prefix: ["packages_by_learner", userId] })
  ) {
    const pack = (await kv.get<
      { status: string; creditsLeft: number; offeringTitle: string }
    >(["packages", entry.value])).value;
    if (pack?.status === "active" && pack.creditsLeft > 0) {
      blockers.push({
        kind: "package",
        message:
          `Use or cancel your package "${pack.offeringTitle}" (${pack.creditsLeft} sessions left); cancelling refunds the rest to your wallet.`,
        href: "/bookings",
      });
    }
  }
  return blockers;
}

/**
 * The pending request, cancelled first when the owner has signed in since
 * it was made (returns null then).
 */
export async function currentDeletion(
  kv: Deno.Kv,
  userId: string,
): Promise<DeletionRequest | null> {
  const entry = await getDeletion(kv, userId);
  if (!entry.value) return null;
  const requestedAt = Date.parse(entry.value.requestedAt);
  const sessions = await listSessions(kv, userId);
  const signedInSince = sessions.some((session) =>
    !session.twoFactorPending && Date.parse(session.createdAt) > requestedAt
  );
  if (!signedInSince) return entry.value;
  await cancelDeletion(kv, userId, SYSTEM_META);
  return null;
}

/** The privacy page's view: the pending deletion, what blocks one, how to confirm. */
export async function deletionStatus(
  kv: Deno.Kv,
  userId: string,
): Promise<DeletionStatus> {
  const pending = await currentDeletion(kv, userId);
  return {
    pending: pending
      ? { requestedAt: pending.requestedAt, eraseAt: pending.eraseAt }
      : null,
    blockers: await deletionBlockers(kv, userId),
    reauth: await reauthRequirements(kv, userId),
  };
}

/**
 * Schedules the account's erasure after the grace period: checks it is the
 * owner (`reauth`; for an account with neither password nor 2FA, a sign-in
 * in the last 15 minutes), refuses with DeletionBlockedError while anything is
 * owed, then records the request, signs every device out and emails the
 * date. Asking again while one is pending answers the pending request.
 */
export async function requestDeletion(
  kv: Deno.Kv,
  userId: string,
  reauth: ReauthInput,
  meta: { ip: string; userAgent: string },
  /** When the caller's session began (the proof for accounts without a password or 2FA). */
  signedInAt?: string,
): Promise<DeletionRequest> {
  await reauthenticate(kv, userId, reauth);
  const needs = await reauthRequirements(kv, userId);
  if (!needs.password && !needs.code) {
    // Nothing to type (signed in with Google or LinkedIn, no 2FA): the
    // proof is a sign-in that just happened.
    const signedIn = signedInAt ? Date.parse(signedInAt) : 0;
    if (now().getTime() - signedIn > RECENT_SIGN_IN_MS) {
      throw new AuthError(
        "reauthentication_required",
        401,
        "For your safety, sign out and sign in again, then delete your account within 15 minutes.",
      );
    }
  }
  const blockers = await deletionBlockers(kv, userId);
  if (blockers.length > 0) throw new DeletionBlockedError(blockers);
  const existing = await getDeletion(kv, userId);
  if (existing.value) return existing.value;
  const at = now();
  const profile = await getExpert(kv, userId);
  const request: DeletionRequest = {
    userId,
    requestedAt: at.toISOString(),
    eraseAt: new Date(at.getTime() + DELETION_GRACE_MS).toISOString(),
    hidProfile: profile?.published === true,
  };
  const committed = await withLockRetry(() => {
    const op = kv.atomic()
      .check(existing)
      .set([DELETIONS, userId], request)
      .set(deletionDueKey(request), userId);
    addSecurityEvent(op, {
      type: "account_deletion_requested",
      actorId: userId,
      userId,
      details: { eraseAt: request.eraseAt },
    }, meta);
    return op.commit();
  });
  if (!committed.ok) {
    return (await getDeletion(kv, userId)).value ?? request;
  }
  // Nobody books a leaving expert during the grace period.
  if (request.hidProfile) await updateExpert(kv, userId, { published: false });
  await endAllSessions(kv, userId);
  await sendDeletionScheduled(kv, request);
  return request;
}

/** Cancels a pending deletion; false when there was none. */
export async function cancelDeletion(
  kv: Deno.Kv,
  userId: string,
  meta: { ip: string; userAgent: string },
  actorId: string | null = userId,
): Promise<boolean> {
  const entry = await getDeletion(kv, userId);
  if (!entry.value) return false;
  const op = kv.atomic()
    .check(entry)
    .delete([DELETIONS, userId])
    .delete(deletionDueKey(entry.value));
  addSecurityEvent(op, {
    type: "account_deletion_cancelled",
    actorId,
    userId,
  }, meta);
  if (!(await withLockRetry(() => op.commit())).ok) return false;
  if (entry.value.hidProfile) {
    await updateExpert(kv, userId, { published: true });
  }
  return true;
}

async function sendDeletionScheduled(
  kv: Deno.Kv,
  request: DeletionRequest,
): Promise<void> {
  const user = await getUser(kv, request.userId);
  if (!user) return;
  const date = new Date(request.eraseAt).toLocaleString("en-GB", {
    timeZone: user.timeZone,
    dateStyle: "full",
    timeStyle: "short",
  });
  try {
    await getEmailProvider(kv).send({
      to: user.email,
      subject: "Your TapTime account will be deleted",
      text: [
        `Hi ${user.name},`,
        "",
        `As you asked, your TapTime account will be deleted on ${date} (${user.timeZone}).`,
        "We've signed you out on every device.",
        "",
        "Changed your mind? Sign in before then and the deletion is cancelled.",
        "",
        "— TapTime",
      ].join("\n"),
    });
  } catch (error) {
    console.error(`Could not email the deletion date to ${user.id}:`, error);
  }
}
