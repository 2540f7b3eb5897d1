import { define } from "@/web/define.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
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
}

export const handler = define.handlers<OfferingsData>({
  async GET(_req, ctx) {
    return ctx.render({
      offerings: await listOfferings(ctx.state.kv, requireUser(ctx.state).id),
      failure: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const result = await runOfferingAction(kv, user.id, await readForm(req));
    if (result.ok) return seeOther(`/expert/offerings?done=${result.done}`);
    return ctx.render({
      offerings: await listOfferings(kv, user.id),
      failure: result,
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
      <Card title="What learners can book" id="offerings">
        <OfferingsManager
          offerings={data.offerings}
          action="/expert/offerings"
          failure={data.failure}
        />
      </Card>
    </>
  );
});
