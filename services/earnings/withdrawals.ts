/**
 * Withdrawals: an expert asks for some of their available earnings, an
 * admin approves (the payout is sent) or rejects with a note. The money is
 * moved to "payout in flight" when requested, so it cannot be asked for
 * twice, and leaves the ledger only when the payout succeeds; a rejection or
 * a failed payout returns it to available earnings.
 *
 * Approval first claims the request (status `approved`) and only then calls
 * the processor, with the withdrawal's id as the idempotency key: two admins
 * approving at once, or an approval retried after a crash, send one payout.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import { formatMoney, minorUnitExponent } from "@/services/platform/money.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import {
  availableEarningsAccount,
  backOff,
  getBalance,
  InsufficientFundsError,
  payoutInFlightAccount,
  PAYOUTS,
  type PostingInput,
  preparePostings,
} from "@/services/ledger/mod.ts";
import type { PaymentProvider } from "@/services/payments/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import {
  decisionNoteSchema,
  type Withdrawal,
  type WithdrawalRequest,
  withdrawalRequestSchema,
  type WithdrawalStatus,
} from "./model.ts";
import {
  BY_EXPERT,
  BY_STATUS,
  openKey,
  readAccount,
  readWithdrawal,
  writeWithdrawal,
} from "./store.ts";
import { sendWithdrawalEmail } from "./emails.ts";

type Meta = Pick<RequestMeta, "ip" | "userAgent">;

function moveBack(withdrawal: Withdrawal, step: string): PostingInput {
  return {
    idempotencyKey: `withdrawal:${withdrawal.id}:${step}`,
    currency: withdrawal.currency,
    kind: "withdrawal_returned",
    lines: [
      {
        account: payoutInFlightAccount(withdrawal.expertId),
        amountMinor: -withdrawal.amountMinor,
      },
      {
        account: availableEarningsAccount(withdrawal.expertId),
        amountMinor: withdrawal.amountMinor,
      },
    ],
    refs: { withdrawalId: withdrawal.id, userId: withdrawal.expertId },
  };
}

/**
 * Commits a withdrawal's change from `from` statuses to what `change`
 * returns, with its ledger postings and audit event, retrying from fresh
 * reads when something else wrote in between.
 */
interface Change {
  next: Withdrawal;
  postings: PostingInput[];
  audit?: Parameters<typeof addSecurityEvent>[1];
  meta: Meta;
}

async function transition(
  kv: Deno.Kv,
  id: string,
  from: WithdrawalStatus[],
  change: (current: Withdrawal) => Change,
): Promise<Withdrawal> {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const result = await withLockRetry(async () => {
      const entry = id.length <= 64 ? await readWithdrawal(kv, id) : null;
      const current = entry?.value;
      if (!entry || !current) {
        throw new NotFoundError("There is no such withdrawal.");
      }
      if (!from.includes(current.status)) {
        throw new ConflictError(
          `This withdrawal is already ${current.status}.`,
        );
      }
      const { next, postings, audit, meta } = change(current);
      const prepared = await preparePostings(kv, postings);
      const op = kv.atomic().check(entry);
      writeWithdrawal(op, next, current);
      prepared.addTo(op);
      if (audit) addSecurityEvent(op, audit, meta);
      return (await op.commit()).ok ? next : null;
    });
    if (result) return result;
    await backOff(attempt);
  }
  throw new ConflictError("This withdrawal is busy; try again in a moment.");
}

/** An expert asks to withdraw available earnings. */
export async function requestWithdrawal(
  kv: Deno.Kv,
  expertId: string,
  input: WithdrawalRequest,
  meta: Meta,
): Promise<Withdrawal> {
  const request = parseInput(
    withdrawalRequestSchema,
    input,
    "The withdrawal is invalid.",
  );
  const settings = await getSettings(kv);
  const minimum = settings.minimumWithdrawal *
    10 ** minorUnitExponent(request.currency);
  if (request.amountMinor < minimum) {
    const message = `The smallest withdrawal is ${
      formatMoney({ amountMinor: minimum, currency: request.currency })
    }.`;
    throw new ValidationError(message, { amountMinor: [message] });
  }
  const account = (await readAccount(kv, expertId)).value;
  if (!account || !account.payoutsEnabled) {
    const message = account
      ? "Finish setting up your payout account before withdrawing."
      : "Add the bank account to pay you before withdrawing.";
    throw new ValidationError(message, { payoutAccount: [message] });
  }

  for (let attempt = 1; attempt <= 30; attempt++) {
    const created = await withLockRetry(async () => {
      const open = await kv.get<string>(openKey(expertId, request.currency));
      if (open.value !== null) {
        throw new ConflictError(
          `You already have a ${request.currency} withdrawal waiting; you can ask again once it is decided.`,
        );
      }
      const withdrawal: Withdrawal = {
        id: newId(),
        expertId,
        currency: request.currency,
        amountMinor: request.amountMinor,
        status: "requested",
        method: account.method,
        destination: account.ibanMasked ??
          `Stripe account ${account.stripeAccountId}`,
        requestedAt: now().toISOString(),
        decidedAt: null,
        decidedBy: null,
        note: null,
        transferId: null,
        failureReason: null,
      };
      let prepared;
      try {
        prepared = await preparePostings(kv, [{
          idempotencyKey: `withdrawal:${withdrawal.id}:request`,
          currency: withdrawal.currency,
          kind: "withdrawal_requested",
          lines: [
            {
              account: availableEarningsAccount(expertId),
              amountMinor: -withdrawal.amountMinor,
            },
            {
              account: payoutInFlightAccount(expertId),
              amountMinor: withdrawal.amountMinor,
            },
          ],
          refs: { withdrawalId: withdrawal.id, userId: expertId },
        }]);
      } catch (error) {
        if (!(error instanceof InsufficientFundsError)) throw error;
        const available = await getBalance(
          kv,
          availableEarningsAccount(expertId),
          request.currency,
        );
        const message = `You can withdraw at most ${
          formatMoney({ amountMinor: available, currency: request.currency })
        } now.`;
        throw new ValidationError(message, { amountMinor: [message] });
      }
      const op = kv.atomic().check(open);
      writeWithdrawal(op, withdrawal, null);
      prepared.addTo(op);
      addSecurityEvent(op, {
        type: "withdrawal_requested",
        actorId: expertId,
        userId: expertId,
        details: {
          withdrawalId: withdrawal.id,
          amount: formatMoney(withdrawal),
        },
      }, meta);
      return (await op.commit()).ok ? withdrawal : null;
    });
    if (created) {
      await sendWithdrawalEmail(kv, created);
      return created;
    }
    await backOff(attempt);
  }
  throw new ConflictError("Your earnings are busy; try again in a moment.");
}

/**
 * An admin approves: the payout is sent through `provider`. Returns the
 * withdrawal, `paid` or (when the processor refused) `failed` with the money
 * back in available earnings.
 */
export async function approveWithdrawal(
  kv: Deno.Kv,
  provider: PaymentProvider,
  adminId: string,
  id: string,
  note: string | undefined,
  meta: Meta,
): Promise<Withdrawal> {
  const cleanNote = note?.trim() ? parseInput(decisionNoteSchema, note) : null;
  const claimed = await transition(
    kv,
    id,
    ["requested", "approved"],
    (current) => ({
      next: {
        ...current,
        status: "approved",
        decidedAt: now().toISOString(),
        decidedBy: adminId,
        note: cleanNote ?? current.note,
      },
      postings: [],
      meta,
    }),
  );
  const account = (await readAccount(kv, claimed.expertId)).value;
  let transferId: string | null = null;
  let failure: string | null = null;
  if (!account?.payoutsEnabled) {
    failure = "The expert has no payout account that can receive money.";
  } else if ((account.method === "stripe") !== (provider.name === "stripe")) {
    failure = "The payout account does not match the payment processor in use.";
  } else {
    try {
      transferId = await provider.transfer({
        withdrawalId: claimed.id,
        accountId: account.stripeAccountId ?? account.expertId,
        amountMinor: claimed.amountMinor,
        currency: claimed.currency,
        idempotencyKey: `withdrawal:${claimed.id}`,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : "The payout failed.";
    }
  }
  const settled = await transition(kv, id, ["approved"], (current): Change => {
    if (failure !== null) {
      return {
        next: { ...current, status: "failed", failureReason: failure },
        postings: [moveBack(current, "failed")],
        audit: {
          type: "withdrawal_failed",
          actorId: adminId,
          userId: current.expertId,
          details: { withdrawalId: current.id, reason: failure },
        },
        meta,
      };
    }
    return {
      next: { ...current, status: "paid", transferId },
      postings: [{
        idempotencyKey: `withdrawal:${current.id}:paid`,
        currency: current.currency,
        kind: "withdrawal_paid",
        lines: [
          {
            account: payoutInFlightAccount(current.expertId),
            amountMinor: -current.amountMinor,
          },
          { account: PAYOUTS, amountMinor: current.amountMinor },
        ],
        refs: { withdrawalId: current.id, userId: current.expertId },
      }],
      audit: {
        type: "withdrawal_approved",
        actorId: adminId,
        userId: current.expertId,
        details: { withdrawalId: current.id, amount: formatMoney(current) },
      },
      meta,
    };
  });
  await sendWithdrawalEmail(kv, settled);
  return settled;
}

/** An admin rejects with a note; the money goes back to available earnings. */
export async function rejectWithdrawal(
  kv: Deno.Kv,
  adminId: string,
  id: string,
  note: string,
  meta: Meta,
): Promise<Withdrawal> {
  const cleanNote = parseInput(
    decisionNoteSchema,
    note,
    "Write a note for the expert.",
  );
  const rejected = await transition(kv, id, ["requested"], (current) => ({
    next: {
      ...current,
      status: "rejected",
      decidedAt: now().toISOString(),
      decidedBy: adminId,
      note: cleanNote,
    },
    postings: [moveBack(current, "rejected")],
    audit: {
      type: "withdrawal_rejected",
      actorId: adminId,
      userId: current.expertId,
      details: { withdrawalId: current.id, note: cleanNote },
    },
    meta,
  }));
  await sendWithdrawalEmail(kv, rejected);
  return rejected;
}

async function load(kv: Deno.Kv, entry: Deno.KvEntry<string>) {
  return (await readWithdrawal(kv, entry.value)).value;
}

/** An expert's withdrawals, newest first. */
export function listOwnWithdrawals(
  kv: Deno.Kv,
  expertId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<Withdrawal>> {
  return listNewestFirst<string, Withdrawal>(
    kv,
    [BY_EXPERT, expertId],
    opts,
    (e) => load(kv, e),
  );
}

/** Withdrawals in one status (the admin queue), newest first. */
export function listWithdrawalsByStatus(
  kv: Deno.Kv,
  status: WithdrawalStatus,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<Withdrawal>> {
  return listNewestFirst<string, Withdrawal>(
    kv,
    [BY_STATUS, status],
    opts,
    (e) => load(kv, e),
  );
}
