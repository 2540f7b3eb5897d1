/**
 * Where an expert's withdrawals are paid. With the simulated processor the
 * expert enters bank details (holder and IBAN, checked by its checksum),
 * stored sealed with the app's encryption key and shown masked. With Stripe
 * the expert onboards a Connect Express account at Stripe; whether it can
 * receive payouts comes from Stripe's `account.updated` events.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import type { SecretBox } from "@/services/platform/secrets.ts";
import type { PaymentEvent } from "@/services/payments/mod.ts";
import type { StripeProvider } from "@/services/payments/mod.ts";
import {
  type BankDetails,
  bankDetailsSchema,
  type PayoutAccount,
  type PayoutAccountRecord,
} from "./model.ts";
import { maskIban } from "./iban.ts";
import { accountKey, ACCOUNTS_BY_STRIPE, readAccount } from "./store.ts";

const IBAN_PURPOSE = "payout-iban";

function toView(record: PayoutAccountRecord): PayoutAccount {
  return {
    method: record.method,
    holderName: record.holderName,
    ibanMasked: record.ibanMasked,
    stripeAccountId: record.stripeAccountId,
    payoutsEnabled: record.payoutsEnabled,
    updatedAt: record.updatedAt,
  };
}

/** The expert's payout account as shown (never the full IBAN), or null. */
export async function getPayoutAccount(
  kv: Deno.Kv,
  expertId: string,
): Promise<PayoutAccount | null> {
  const record = (await readAccount(kv, expertId)).value;
  return record ? toView(record) : null;
}

/** The full IBAN, for paying it out: only the payout step calls this. */
export async function revealIban(
  kv: Deno.Kv,
  box: SecretBox,
  expertId: string,
): Promise<string | null> {
  const record = (await readAccount(kv, expertId)).value;
  if (!record?.ibanSealed) return null;
  return await box.open(record.ibanSealed, `${IBAN_PURPOSE}:${expertId}`);
}

/** Saves bank details (simulated processor), sealed, and audits the change. */
export async function setBankAccount(
  kv: Deno.Kv,
  box: SecretBox,
  expertId: string,
  input: BankDetails,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<PayoutAccount> {
  const details = parseInput(
    bankDetailsSchema,
    input,
    "Check the bank details.",
  );
  const record: PayoutAccountRecord = {
    expertId,
    method: "bank",
    holderName: details.holderName,
    // Bound to this expert: a sealed IBAN copied to another record won't open.
    ibanSealed: await box.seal(details.iban, `${IBAN_PURPOSE}:${expertId}`),
    ibanMasked: maskIban(details.iban),
    stripeAccountId: null,
    payoutsEnabled: true,
    updatedAt: now().toISOString(),
  };
  const op = kv.atomic().set(accountKey(expertId), record);
  addSecurityEvent(op, {
    type: "payout_account_changed",
    actorId: expertId,
    userId: expertId,
    details: { method: "bank", account: record.ibanMasked! },
  }, meta);
  await withLockRetry(() => op.commit());
  return toView(record);
}

/**
 * Creates the expert's Stripe Connect account on first use and returns a
 * link where they finish onboarding at Stripe.
 */
export async function startStripeOnboarding(
  kv: Deno.Kv,
  stripe: StripeProvider,
  expert: { id: string; email: string },
  urls: { returnUrl: string; refreshUrl: string },
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<{ account: PayoutAccount; onboardingUrl: string }> {
  let record = (await readAccount(kv, expert.id)).value;
  if (!record?.stripeAccountId) {
    const accountId = await stripe.createPayoutAccount(expert.email);
    record = {
      expertId: expert.id,
      method: "stripe",
      holderName: null,
      ibanSealed: null,
      ibanMasked: null,
      stripeAccountId: accountId,
      payoutsEnabled: false,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic()
      .set(accountKey(expert.id), record)
      .set([ACCOUNTS_BY_STRIPE, accountId], expert.id);
    addSecurityEvent(op, {
      type: "payout_account_changed",
      actorId: expert.id,
      userId: expert.id,
      details: { method: "stripe", account: accountId },
    }, meta);
    await withLockRetry(() => op.commit());
  }
  const link = await stripe.createOnboardingLink(record.stripeAccountId!, urls);
  return { account: toView(record), onboardingUrl: link.url };
}

/** Applies Stripe's `account.updated`: payouts become possible (or stop). */
export async function applyPayoutAccountEvent(
  kv: Deno.Kv,
  event: PaymentEvent,
): Promise<"applied" | "ignored"> {
  if (event.type !== "payout_account_updated" || !event.accountId) {
    throw new ValidationError("Not a payout account event.", {});
  }
  const expertId =
    (await kv.get<string>([ACCOUNTS_BY_STRIPE, event.accountId])).value;
  if (!expertId) return "ignored";
  return await withLockRetry(async () => {
    for (;;) {
      const entry = await readAccount(kv, expertId);
      const record = entry.value;
      if (!record || record.stripeAccountId !== event.accountId) {
        return "ignored";
      }
      const enabled = event.payoutsEnabled ?? false;
      if (record.payoutsEnabled === enabled) return "ignored";
      const next = {
        ...record,
        payoutsEnabled: enabled,
        updatedAt: now().toISOString(),
      };
      const ok = await kv.atomic().check(entry).set(accountKey(expertId), next)
        .commit();
      if (ok.ok) return "applied";
    }
  });
}
