/**
 * Spending and giving back a package's credits, as parts of a booking's
 * own atomic commit (services/bookings): the booking claims its time and,
 * in the same commit, takes one credit (checked on the package's
 * versionstamp, so two bookings racing for the last credit cannot both
 * have it) and moves the credit's value into the booking's escrow. From
 * there the booking settles like any other: completion pays the expert
 * that value less commission; the cancellation policy applies to it.
 *
 * A booking cancelled with a full refund (in time, or by the expert) gives
 * its credit back to the package, value and all, while the package is
 * active; once the package is cancelled, the refund goes to the wallet as
 * for any booking (the caller's ordinary path).
 */
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import type { PostingInput } from "@/services/ledger/mod.ts";
import { nextCreditValue, type Package } from "./model.ts";
import { creditReturnPosting, creditUsePosting } from "./postings.ts";
import { getPackageEntry, writePackage } from "./store.ts";

/** What one credit adds to a booking's commit. */
export interface PackageStep {
  pkg: Package;
  /** The credit's value: the booking's price. */
  valueMinor: number;
  posting: PostingInput;
  /** Adds the package's check and its new state to `op`. */
  addTo(op: Deno.AtomicOperation): Deno.AtomicOperation;
}

function stepOf(
  entry: Deno.KvEntry<unknown>,
  next: Package,
  valueMinor: number,
  posting: PostingInput,
): PackageStep {
  return {
    pkg: next,
    valueMinor,
    posting,
    addTo: (op) => writePackage(op.check(entry), next, false),
  };
}

/**
 * The package `packageId` of `learnerId` for `offeringId`, checked for
 * booking with a credit: ValidationError (field packageId) when it is not
 * theirs or not for this session type, ConflictError when it is cancelled
 * or has no credit left.
 */
export async function bookablePackage(
  kv: Deno.Kv,
  learnerId: string,
  packageId: string,
  offeringId: string,
): Promise<{ pkg: Package; entry: Deno.KvEntry<unknown> }> {
  const found = await getPackageEntry(kv, packageId);
  if (!found || found.pkg.learnerId !== learnerId) {
    throw new ValidationError("The booking is invalid.", {
      packageId: ["You have no package with this id."],
    });
  }
  const { pkg } = found;
  if (pkg.offeringId !== offeringId) {
    throw new ValidationError("The booking is invalid.", {
      packageId: [
        `This package is for "${pkg.offeringTitle}"; book that session with it.`,
      ],
    });
  }
  if (pkg.status !== "active") {
    throw new ConflictError(
      "This package was cancelled, so its credits can't be used; pay from your wallet instead.",
    );
  }
  if (pkg.creditsLeft === 0) {
    throw new ConflictError(
      `All ${pkg.sessions} sessions of this package are used or booked. Pay from your wallet, or buy another package.`,
    );
  }
  return found;
}

/** One credit of the package for booking `bookingId` (see bookablePackage's refusals). */
export async function prepareCreditUse(
  kv: Deno.Kv,
  request: {
    learnerId: string;
    packageId: string;
    offeringId: string;
    bookingId: string;
    at: string;
  },
): Promise<PackageStep> {
  const { pkg, entry } = await bookablePackage(
    kv,
    request.learnerId,
    request.packageId,
    request.offeringId,
  );
  const valueMinor = nextCreditValue(pkg);
  return stepOf(
    entry,
    {
      ...pkg,
      creditsLeft: pkg.creditsLeft - 1,
      valueLeftMinor: pkg.valueLeftMinor - valueMinor,
      updatedAt: request.at,
    },
    valueMinor,
    creditUsePosting(pkg, request.bookingId, valueMinor),
  );
}

/**
 * Giving a cancelled booking's credit back to its package: null when the
 * package is no longer active (the booking's refund then goes to the
 * wallet).
 */
export async function prepareCreditReturn(
  kv: Deno.Kv,
  booking: { id: string; packageId: string; priceMinor: number; at: string },
): Promise<PackageStep | null> {
  const found = await getPackageEntry(kv, booking.packageId);
  if (!found || found.pkg.status !== "active") return null;
  const { pkg, entry } = found;
  return stepOf(
    entry,
    {
      ...pkg,
      creditsLeft: pkg.creditsLeft + 1,
      valueLeftMinor: pkg.valueLeftMinor + booking.priceMinor,
      updatedAt: booking.at,
    },
    booking.priceMinor,
    creditReturnPosting(pkg, booking.id, booking.priceMinor),
  );
}
