import type { Handlers, PageProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { readForm } from "@/components/forms.ts";
import { Card, HomeShell } from "@/components/account/HomeShell.tsx";
import { seeOther } from "@/components/account/navigation.ts";
import { Notice } from "@/components/Notice.tsx";
import {
  type OfferingFailure,
  OfferingsManager,
} from "@/components/expert/OfferingsManager.tsx";
import {
  OFFERING_DONE,
  runOfferingAction,
} from "@/components/expert/offering_form.ts";

interface OfferingsData {
  offerings: Offering[];
  failure: OfferingFailure | null;
}

export const handler: Handlers<OfferingsData, AppState> = {
  async GET(_req, ctx) {
    return ctx.render({
      offerings: await listOfferings(ctx.state.kv, ctx.state.user!.id),
      failure: null,
    });
  },

  async POST(req, ctx) {
    const { kv, user } = ctx.state;
    const result = await runOfferingAction(kv, user!.id, await readForm(req));
    if (result.ok) return seeOther(`/expert/offerings?done=${result.done}`);
    return ctx.render({
      offerings: await listOfferings(kv, user!.id),
      failure: result,
    }, { status: result.status });
  },
};

/**
 * The expert's session types and packages. Once approved, changes show on
 * the public profile at once (its hourly rate follows the offerings).
 */
export default function ExpertOfferings(
  { data, state, url }: PageProps<OfferingsData, AppState>,
) {
  const done = OFFERING_DONE[url.searchParams.get("done") ?? ""];
  return (
    <HomeShell
      user={state.user!}
      pathname={url.pathname}
      title="Offerings"
      siteUrl={state.siteUrl}
    >
      {done && <Notice tone="success">{done}</Notice>}
      <Card title="What learners can book" id="offerings">
        <OfferingsManager
          offerings={data.offerings}
          action="/expert/offerings"
          failure={data.failure}
        />
      </Card>
    </HomeShell>
  );
}
