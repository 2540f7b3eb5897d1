/**
 * The expert's offerings: session types and packages, and the package
 * options each session type is sold in (a form per session type).
 */
import { define } from "@/web/define.ts";
import {
  listOfferings,
  type LoadedOffering,
  offeringsFrozenReason,
} from "@/services/offerings/mod.ts";
import {
  type PackageOptionsFailure,
  packageRows,
  savePackageOptions,
} from "@/web/package_options_form.ts";
import { PackageOptionsForm } from "@/components/packages/PackageOptionsForm.tsx";
import { readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import { Notice } from "@/components/Notice.tsx";
import {
  type OfferingFailure,
  OfferingsManager,
} from "@/components/expert/OfferingsManager.tsx";
import { OFFERING_DONE, runOfferingAction } from "@/web/offering_form.ts";

interface OfferingsData {
  offerings: LoadedOffering[];
  failure: OfferingFailure | null;
  packageFailure: PackageOptionsFailure | null;
  /** Why the offerings can't be changed now (an application in review). */
  frozen: string | null;
}

export const handler = define.handlers<OfferingsData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const userId = requireUser(ctx.state).id;
    return ctx.render({
      offerings: await listOfferings(kv, userId),
      failure: null,
      packageFailure: null,
      frozen: await offeringsFrozenReason(kv, userId),
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    if (form.get("action") === "packages") {
      const failure = await savePackageOptions(kv, user.id, form);
      if (!failure) return seeOther("/expert/offerings?done=packages#packages");
      const frozen = await offeringsFrozenReason(kv, user.id);
      return ctx.render({
        offerings: await listOfferings(kv, user.id),
        failure: null,
        packageFailure: frozen ? null : failure,
        frozen,
      }, { status: failure.status });
    }
    const result = await runOfferingAction(kv, user.id, form);
    if (result.ok) return seeOther(`/expert/offerings?done=${result.done}`);
    const frozen = await offeringsFrozenReason(kv, user.id);
    return ctx.render({
      offerings: await listOfferings(kv, user.id),
      // The frozen notice already says why; no second copy on a form.
      failure: frozen ? null : result,
      packageFailure: null,
      frozen,
    }, { status: result.status });
  },
});

/**
 * The expert's session types and packages. Once approved, changes show on
 * the public profile at once (its hourly rate follows the offerings).
 */
export default define.page<typeof handler>(function ExpertOfferings(
  { data, url },
) {
  const doneKey = url.searchParams.get("done") ?? "";
  const done = doneKey === "packages"
    ? "Saved: learners see these packages when they book."
    : OFFERING_DONE[doneKey];
  const sessions = data.offerings.filter((o) => o.kind === "session");
  const packageFailure = data.packageFailure;
  return (
    <>
      {done && <Notice tone="success">{done}</Notice>}
      {data.frozen && (
        <Notice tone="info" title="Your offerings are locked for now">
          {data.frozen}
        </Notice>
      )}
      <Card title="What learners can book" id="offerings">
        <OfferingsManager
          offerings={data.offerings}
          action="/expert/offerings"
          failure={data.failure}
          editable={data.frozen === null}
        />
      </Card>
      {sessions.length > 0 && (
        <Card title="Sell sessions in packages" id="packages">
          <p class="text-sm text-slate-700">
            Let learners buy several sessions of a kind at once, for less: up to
            three sizes per session type, 2 to 20 sessions each, at no more than
            booking them one by one. Leave a row empty for no package. Changes
            apply to new purchases; packages already bought keep their terms.
          </p>
          {sessions.map((offering) => (
            <PackageOptionsForm
              key={offering.id}
              offering={offering}
              rows={packageFailure?.offeringId === offering.id
                ? packageFailure.rows
                : packageRows(offering)}
              failure={packageFailure?.offeringId === offering.id
                ? packageFailure
                : null}
              action="/expert/offerings"
              editable={data.frozen === null}
            />
          ))}
        </Card>
      )}
    </>
  );
});
