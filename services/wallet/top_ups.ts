/**
 * Starting a top-up: the learner picks a pack or an amount, the limits are
 * checked, a pending top-up is recorded, and the processor opens a checkout.
 * Credits are granted only when the processor reports the payment (see
 * events.ts), never by the return from checkout.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import {
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import {
  type Currency,
  formatMoney,
  minorUnitExponent,
  toUsdMinor,
} from "@/services/platform/money.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import type { PaymentProvider } from "@/services/payments/mod.ts";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import {
  type TopUp,
  topUpDescription,
  TopUpLimitError,
  type TopUpRequest,
  topUpRequestSchema,
} from "./model.ts";
import { getCreditPack } from "./packs.ts";
import {
  BY_LEARNER,
  BY_STATUS,
  DISPUTED,
  GUARD,
  readTopUp,
  topUpKey,
  writeTopUp,
} from "./store.ts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface StartTopUp {
  learner: { id: string; email: string };
  request: TopUpRequest;
  /** The site's origin; checkout returns the learner to the wallet page there. */
  baseUrl: string;
  meta: Pick<RequestMeta, "ip" | "userAgent">;
  /** Where to send the learner after paying (a path on the site); default the wallet page. */
  returnPath?: string;
}

async function resolveAmount(
  kv: Deno.Kv,
  request: TopUpRequest,
  settings: Settings,
): Promise<
  {
    currency: Currency;
    amountMinor: number;
    bonusMinor: number;
    packId: string | null;
  }
> {
  if ("packId" in request) {
    const pack = await getCreditPack(kv, request.packId);
    if (!pack || !pack.active) {
      throw new ValidationError("Choose one of the credit packs on offer.", {
        packId: ["That credit pack is not on offer."],
      });
    }
    return {
      currency: pack.currency,
      amountMinor: pack.priceMinor,
      bonusMinor: pack.bonusMinor,
      packId: pack.id,
    };
  }
  const unit = 10 ** minorUnitExponent(request.currency);
  const min = settings.customTopUpMin * unit;
  const max = settings.customTopUpMax * unit;
  if (request.amountMinor < min || request.amountMinor > max) {
    const range = `${
      formatMoney({ amountMinor: min, currency: request.currency })
    } to ${formatMoney({ amountMinor: max, currency: request.currency })}`;
    throw new ValidationError(`Choose an amount from ${range}.`, {
      amountMinor: [`Choose an amount from ${range}.`],
    });
  }
  return {
    currency: request.currency,
    amountMinor: request.amountMinor,
    bonusMinor: 0,
    packId: null,
  };
}

/** The learner's top-ups of the last day, newest first. */
async function recentTopUps(kv: Deno.Kv, learnerId: string): Promise<TopUp[]> {
  const since = now().getTime() - DAY_MS;
  const found: TopUp[] = [];
  for await (
    const entry of kv.list<string>({ prefix: [BY_LEARNER, learnerId] }, {
      reverse: true,
    })
  ) {
    const topUp = (await readTopUp(kv, entry.value)).value;
    if (!topUp) continue;
    if (new Date(topUp.createdAt).getTime() < since) break;
    found.push(topUp);
  }
  return found;
}

function checkLimits(
  recent: TopUp[],
  next: { currency: Currency; amountMinor: number },
  settings: Settings,
): { message: string; retryAfterSeconds: number | null; limit: string } | null {
  const hourAgo = now().getTime() - HOUR_MS;
  const lastHour = recent.filter((t) =>
    new Date(t.createdAt).getTime() >= hourAgo
  );
  if (lastHour.length >= settings.topUpsPerHour) {
    const oldest = lastHour[lastHour.length - 1];
    const retryAfter = Math.ceil(
      (new Date(oldest.createdAt).getTime() + HOUR_MS - now().getTime()) / 1000,
    );
    return {
      limit: "per_hour",
      message:
        `You can start at most ${settings.topUpsPerHour} top-ups an hour. Try again in ${
          Math.max(1, Math.ceil(retryAfter / 60))
        } minutes.`,
      retryAfterSeconds: Math.max(1, retryAfter),
    };
  }
  const spentUsd = recent
    .filter((t) => t.status === "pending" || t.status === "paid")
    .reduce(
      (sum, t) =>
        sum + toUsdMinor({ amountMinor: t.amountMinor, currency: t.currency }),
      0,
    );
  const ceiling = settings.dailyTopUpLimitUsd * 100;
  if (spentUsd + toUsdMinor(next) > ceiling) {
    return {
      limit: "daily_amount",
      message: `Top-ups are limited to about ${
        formatMoney({ amountMinor: ceiling, currency: "USD" })
      } a day. Choose a smaller amount or try again tomorrow.`,
      retryAfterSeconds: null,
    };
  }
  return null;
}

/**
 * Starts a top-up and opens the processor's checkout. Over the limits it
 * throws TopUpLimitError (and records that in the audit log); a processor
 * failure marks the top-up failed and rethrows.
 */
export async function startTopUp(
  kv: Deno.Kv,
  provider: PaymentProvider,
  input: StartTopUp,
): Promise<{ topUp: TopUp; checkoutUrl: string }> {
  const request = parseInput(
    topUpRequestSchema,
    input.request,
    "The top-up is invalid.",
  );
  const settings = await getSettings(kv);
  const amount = await resolveAmount(kv, request, settings);

  const topUp = await withLockRetry(async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const guard = await kv.get<string>([GUARD, input.learner.id]);
      const problem = checkLimits(
        await recentTopUps(kv, input.learner.id),
        amount,
        settings,
      );
      if (problem) {
        const op = kv.atomic();
        addSecurityEvent(op, {
          type: "top_up_limit_exceeded",
          actorId: input.learner.id,
          userId: input.learner.id,
          details: {
            limit: problem.limit,
            amount: formatMoney({
              amountMinor: amount.amountMinor,
              currency: amount.currency,
            }),
          },
        }, input.meta);
        await op.commit();
        throw new TopUpLimitError(problem.message, problem.retryAfterSeconds);
      }
      const created: TopUp = {
        id: newId(),
        learnerId: input.learner.id,
        ...amount,
        status: "pending",
        provider: provider.name,
        checkoutId: null,
        paymentRef: null,
        taxMinor: 0,
        createdAt: now().toISOString(),
        paidAt: null,
        failureReason: null,
        refund: null,
        disputed: false,
      };
      const op = kv.atomic()
        .check(guard)
        .set([GUARD, input.learner.id], created.createdAt);
      writeTopUp(op, created, null);
      if ((await op.commit()).ok) return created;
    }
    throw new ValidationError("Another top-up is starting; try again.", {});
  });

  const base = input.baseUrl.replace(/\/+$/, "");
  const returnPath = input.returnPath ?? "/dashboard/wallet";
  const separator = returnPath.includes("?") ? "&" : "?";
  let checkout;
  try {
    checkout = await provider.createCheckout({
      topUpId: topUp.id,
      learnerId: topUp.learnerId,
      email: input.learner.email,
      currency: topUp.currency,
      amountMinor: topUp.amountMinor,
      description: topUpDescription(topUp),
      successUrl: `${base}${returnPath}${separator}topUp=${topUp.id}`,
      cancelUrl:
        `${base}${returnPath}${separator}topUp=${topUp.id}&cancelled=1`,
      automaticTax: false,
    });
  } catch (error) {
    await markFailed(
      kv,
      topUp.id,
      "The payment service could not start the checkout.",
    );
    throw error;
  }
  const saved = await withLockRetry(async () => {
    for (;;) {
      const entry = await readTopUp(kv, topUp.id);
      const current = entry.value!;
      // An event may already have moved it on; keep what it says.
      const next = { ...current, checkoutId: checkout.id };
      const op = kv.atomic().check(entry);
      writeTopUp(op, next, current);
      if ((await op.commit()).ok) return next;
    }
  });
  return { topUp: saved, checkoutUrl: checkout.url };
}

async function markFailed(kv: Deno.Kv, id: string, reason: string) {
  await withLockRetry(async () => {
    for (;;) {
      const entry = await readTopUp(kv, id);
      const current = entry.value;
      if (!current || current.status !== "pending") return;
      const next: TopUp = {
        ...current,
        status: "failed",
        failureReason: reason,
      };
      const op = kv.atomic().check(entry);
      writeTopUp(op, next, current);
      if ((await op.commit()).ok) return;
    }
  });
}

/** One of the learner's own top-ups; anyone else's is "not found". */
export async function getOwnTopUp(
  kv: Deno.Kv,
  learnerId: string,
  id: string,
): Promise<TopUp> {
  const topUp = id.length <= 64
    ? (await kv.get<TopUp>(topUpKey(id))).value
    : null;
  if (!topUp || topUp.learnerId !== learnerId) {
    throw new NotFoundError("There is no such top-up.");
  }
  return topUp;
}

/** A learner's top-ups, newest first. */
export function listOwnTopUps(
  kv: Deno.Kv,
  learnerId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<TopUp>> {
  return listNewestFirst<string, TopUp>(
    kv,
    [BY_LEARNER, learnerId],
    opts,
    async (entry) => (await readTopUp(kv, entry.value)).value,
  );
}

/** Top-ups in one status, or the disputed ones (admins), newest first. */
export function listTopUpsByStatus(
  kv: Deno.Kv,
  status: TopUp["status"] | "disputed",
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<TopUp>> {
  return listNewestFirst<string, TopUp>(
    kv,
    status === "disputed" ? [DISPUTED] : [BY_STATUS, status],
    opts,
    async (entry) => (await readTopUp(kv, entry.value)).value,
  );
}
