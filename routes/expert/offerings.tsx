import { define } from "@/web/define.ts";
import {
  listOfferings,
  type Offering,
  offeringsFrozenReason,
} from "@/services/offerings/mod.ts";
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
  offerings: Offering[];
  failure: OfferingFailure | null;
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
      frozen: await offeringsFrozenReason(kv, userId),
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const result = await runOfferingAction(kv, user.id, await readForm(req));
    if (result.ok) return seeOther(`/expert/offerings?done=${result.done}`);
    const frozen = await offeringsFrozenReason(kv, user.id);
    return ctx.render({
      offerings: await listOfferings(kv, user.id),
      // The frozen notice already says why; no second copy on a form.
      failure: frozen ? null : result,
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
  const done = OFFERING_DONE[url.searchParams.get("done") ?? ""];
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
    </>
  );
});
