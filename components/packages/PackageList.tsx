/**
 * The learner's packages on the wallet page: what each is for, the credits
 * left, and for an active one with unused credits a cancel button that
 * says what it refunds (the unused credits' share of the price) before it
 * is pressed. Credits booked on upcoming sessions stay with those sessions.
 */
import { ConfirmAction } from "@/components/ConfirmAction.tsx";
import { ButtonLink } from "@/components/Button.tsx";
import { money } from "@/web/money_forms.ts";
import { formatDate, plural } from "@/web/format.ts";
import type { Package } from "@/services/packages/mod.ts";

function Status({ pkg }: { pkg: Package }) {
  if (pkg.status === "cancelled") {
    return (
      <span>
        Cancelled{pkg.cancelledAt && ` on ${formatDate(pkg.cancelledAt)}`}
        {pkg.refundMinor
          ? `; ${money(pkg.refundMinor, pkg.currency)} refunded`
          : ""}
      </span>
    );
  }
  return (
    <span>
      <strong class="text-slate-900">
        {pkg.creditsLeft} of {pkg.sessions}
      </strong>{" "}
      sessions left
    </span>
  );
}

export function PackageList(
  { packages, action }: { packages: Package[]; action: string },
) {
  if (packages.length === 0) {
    return (
      <p class="text-sm text-slate-700">
        You have no packages. Some experts sell their sessions in packages for
        less; you'll see them when you book.
      </p>
    );
  }
  return (
    <ul class="divide-y divide-slate-200">
      {packages.map((pkg) => (
        <li
          key={pkg.id}
          class="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between"
        >
          <div class="text-sm text-slate-700">
            <p class="font-semibold text-slate-900">
              {pkg.offeringTitle}: {plural(pkg.sessions, "session")}
            </p>
            <p>
              {money(pkg.priceMinor, pkg.currency)} · bought{" "}
              {formatDate(pkg.createdAt)} · <Status pkg={pkg} />
            </p>
          </div>
          {pkg.status === "active" && pkg.creditsLeft > 0 && (
            <div class="flex flex-wrap gap-2">
              <ButtonLink
                variant="secondary"
                href={`/book/${encodeURIComponent(pkg.expertId)}?offering=${
                  encodeURIComponent(pkg.offeringId)
                }`}
              >
                Book a session
              </ButtonLink>
              <ConfirmAction
                label={`Cancel and refund ${
                  money(pkg.valueLeftMinor, pkg.currency)
                } (${plural(pkg.creditsLeft, "unused session")})`}
                question={`The package ends now: its ${
                  plural(pkg.creditsLeft, "unused session")
                } can no longer be booked, and ${
                  money(pkg.valueLeftMinor, pkg.currency)
                } goes back to your wallet. Sessions already booked with it stay booked.`}
                confirmLabel="Yes, cancel the package"
                action={action}
                fields={{ action: "cancel-package", packageId: pkg.id }}
                size="md"
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
