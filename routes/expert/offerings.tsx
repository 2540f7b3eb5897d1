/**
 * The expert's offerings: session types, and the package options each
 * is sold in (a form per session type).
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
import {
  packageFormId,
  PackageOptionsForm,
} from "@/components/packages/PackageOptionsForm.tsx";
import { readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import { Notice } from "@/components/Notice.tsx";
import {
  type OfferingFailure,
  OfferingsManager,
} from "@/components/expert/OfferingsManager.tsx";
import { offeringDoneNotice, runOfferingAction } from "@/web/offering_form.ts";
import { getExpert } from "@/services/experts/mod.ts";

interface OfferingsData {
  offerings: LoadedOffering[];
  failure: OfferingFailure | null;
  packageFailure: PackageOptionsFailure | null;
  /** Why the offerings can't be changed now (an application in review). */
  frozen: string | null;
  /** Whether learners can see the expert's profile (and so its offerings). */
  published: boolean;
}

async function isPublished(kv: Deno.Kv, expertId: string): Promise<boolean> {
  return (await getExpert(kv, expertId))?.published ?? false;
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
      published: await isPublished(kv, userId),
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
        published: await isPublished(kv, user.id),
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
      published: await isPublished(kv, user.id),
    }, { status: result.status });
  },
});

/**
 * The expert's session types and the packages they sell. Once approved,
 * changes show on the public profile at once (its hourly rate follows the offerings).
 */
export default define.page<typeof handler>(function ExpertOfferings(
  { data, url },
) {
  const doneKey = url.searchParams.get("done") ?? "";
  const done = doneKey === "packages"
    ? "Saved: learners see these packages when they book."
    : offeringDoneNotice(doneKey, data.published);
  const packageFailure = data.packageFailure;
  // A refusal about an offering that is not on the page (removed in another
  // tab, or an id that never was) has no form to show beside: say it here.
  const failure = data.failure;
  const orphaned = failure && failure.formId !== "new" &&
      !data.offerings.some((o) => o.id === failure.formId)
    ? failure.message ?? "That offering could not be changed."
    : null;
  // The package forms sit far down the page: the refusal is announced at
  // the top too, with a link to the form that holds the marked fields.
  const refusedPackages = packageFailure && data.frozen === null
    ? data.offerings.find((o) => o.id === packageFailure.offeringId)
    : undefined;
  return (
    <>
      {done && <Notice tone="success">{done}</Notice>}
      {orphaned && <Notice tone="error">{orphaned}</Notice>}
      {refusedPackages && (
        <Notice tone="error" title="The packages were not saved">
          <a
            href={`#${packageFormId(refusedPackages.id)}`}
            class="font-medium underline"
          >
            Fix the packages of “{refusedPackages.title}”
          </a>{" "}
          and save them again.
        </Notice>
      )}
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
      {data.offerings.length > 0 && (
        <Card title="Sell sessions in packages" id="packages">
          <p class="text-sm text-slate-700">
            Let learners buy several sessions of a kind at once, for less: up to
            three sizes per session type, 2 to 20 sessions each, at no more than
            booking them one by one. Leave a row empty for no package. Changes
            apply to new purchases; packages already bought keep their terms.
          </p>
          {data.offerings.map((offering) => (
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
