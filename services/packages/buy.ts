/**
 * Buying a package: one of a session type's package options, paid whole
 * from the wallet. One atomic commit writes the package with its N credits
 * and moves the price into the package's escrow (the ledger's balance
 * check refuses a short wallet), so a package exists exactly when it is
 * paid for. The offering must be one the learner could book now (the
 * offerings feature's `loadBookable`).
 */
import { clockFor } from "@/services/platform/clock.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import { type Currency, formatMoney } from "@/services/platform/money.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  InsufficientFundsError,
  preparePostings,
} from "@/services/ledger/mod.ts";
import { loadBookable, packageOptionsOf } from "@/services/offerings/mod.ts";
import {
  type BuyPackageRequest,
  buyPackageRequestSchema,
  type Package,
} from "./model.ts";
import { buyPosting } from "./postings.ts";
import { getPackageEntry, packageKey, writePackage } from "./store.ts";

const INVALID = "The purchase is invalid.";

/**
 * The wallet lacks `shortMinor` for the package; nothing changed. The API
 * answers it as a booking's short wallet: 402 insufficient_funds.
 */
export class PackageFundsError extends Error {
  constructor(readonly shortMinor: number, readonly currency: Currency) {
    super(
      `Your wallet is ${
        formatMoney({ amountMinor: shortMinor, currency })
      } short for this package. Top up your credits and buy it again.`,
    );
    this.name = "PackageFundsError";
  }
}

/**
 * Buys `request.optionId` of `request.offeringId` for `learnerId`. Throws
 * ValidationError (bad input, an offering that cannot be booked, an option
 * it does not have) or PackageFundsError.
 */
export async function buyPackage(
  kv: Deno.Kv,
  learnerId: string,
  request: BuyPackageRequest,
): Promise<Package> {
  const input = parseInput(buyPackageRequestSchema, request, INVALID);
  const { offering } = await loadBookable(
    kv,
    learnerId,
    input.offeringId,
    input.expertId,
  );
  const option = packageOptionsOf(offering).find((o) =>
    o.id === input.optionId
  );
  if (!option) {
    throw new ValidationError(INVALID, {
      optionId: [
        "This session type has no such package (any more); choose one of those on offer.",
      ],
    });
  }
  const at = clockFor(kv).now().toISOString();
  const pkg: Package = {
    id: newId(),
    learnerId,
    expertId: offering.expertId,
    offeringId: offering.id,
    optionId: option.id,
    offeringTitle: offering.title,
    durationMinutes: offering.durationMinutes,
    sessions: option.sessions,
    priceMinor: option.priceMinor,
    currency: option.currency,
    creditsLeft: option.sessions,
    valueLeftMinor: option.priceMinor,
    status: "active",
    createdAt: at,
    updatedAt: at,
    cancelledAt: null,
    refundMinor: null,
  };
  try {
    return await untilCommitted(async () => {
      const prepared = await preparePostings(kv, [buyPosting(pkg)]);
      if (prepared.recorded) {
        // An earlier attempt committed after all (its answer was lost).
        const found = await getPackageEntry(kv, pkg.id);
        if (found) return found.pkg;
      }
      const op = kv.atomic().check({
        key: packageKey(pkg.id),
        versionstamp: null,
      });
      writePackage(op, pkg, true);
      prepared.addTo(op);
      return (await op.commit()).ok ? pkg : RETRY;
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      throw new PackageFundsError(error.shortMinor, pkg.currency);
    }
    throw error;
  }
}
