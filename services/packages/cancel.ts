/**
 * Cancelling a package: in one atomic commit the package becomes
 * `cancelled` and what its unused credits are worth (`valueLeftMinor`, the
 * package escrow's balance: the price pro rata, to the minor unit) goes
 * back to the learner's wallet. Credits already spent on upcoming bookings
 * are not touched: their value sits in those bookings' escrows and settles
 * with them (completed, or cancelled per the policy, a full refund then
 * going to the wallet since the package can take no credit back).
 */
import { clockFor } from "@/services/platform/clock.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { preparePostings } from "@/services/ledger/mod.ts";
import type { Package } from "./model.ts";
import { refundPosting } from "./postings.ts";
import { getPackageEntry, writePackage } from "./store.ts";

/**
 * Cancels `learnerId`'s package `packageId`. NotFoundError when it is not
 * theirs; ConflictError when already cancelled or nothing is left unused.
 */
export async function cancelPackage(
  kv: Deno.Kv,
  learnerId: string,
  packageId: string,
): Promise<{ package: Package; refundMinor: number }> {
  return await untilCommitted(async () => {
    const found = await getPackageEntry(kv, packageId);
    if (!found || found.pkg.learnerId !== learnerId) {
      throw new NotFoundError("You have no package with this id.");
    }
    const { pkg, entry } = found;
    if (pkg.status === "cancelled") {
      throw new ConflictError("This package is already cancelled.");
    }
    if (pkg.creditsLeft === 0) {
      throw new ConflictError(
        "Every session of this package is used or booked, so there is nothing to refund. Cancel a booked session instead if you need to.",
      );
    }
    const refundMinor = pkg.valueLeftMinor;
    const prepared = await preparePostings(
      kv,
      refundMinor > 0 ? [refundPosting(pkg, refundMinor)] : [],
    );
    const at = clockFor(kv).now().toISOString();
    const next: Package = {
      ...pkg,
      status: "cancelled",
      creditsLeft: 0,
      valueLeftMinor: 0,
      cancelledAt: at,
      refundMinor,
      updatedAt: at,
    };
    const op = kv.atomic().check(entry);
    writePackage(op, next, false);
    prepared.addTo(op);
    return (await op.commit()).ok ? { package: next, refundMinor } : RETRY;
  }, {
    conflictMessage:
      "The package changed while you were cancelling it; reload and try again.",
  });
}
