/**
 * The receipt of one of the learner's top-ups, printable on its own.
 * Someone else's top-up, or one not paid yet, is "not found".
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { Seo } from "@/components/Seo.tsx";
import { Receipt } from "@/components/money/Receipt.tsx";
import { getOwnTopUp, type TopUp } from "@/services/wallet/mod.ts";

interface ReceiptData {
  topUp: TopUp;
}

export const handler = define.handlers<ReceiptData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const topUp = await getOwnTopUp(ctx.state.kv, user.id, ctx.params.id)
      .catch(() => null);
    if (!topUp?.paidAt) return ctx.renderNotFound();
    return ctx.render({ topUp });
  },
});

export default define.page<typeof handler>(function ReceiptPage(
  { data, state, url },
) {
  const user = requireUser(state);
  return (
    <>
      <Seo
        title="Receipt"
        description="A TapTime credits receipt."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <div class="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <a
          href="/dashboard/wallet#top-ups"
          class="font-medium text-brand-800 underline"
        >
          <span aria-hidden="true">←</span> Back to your wallet
        </a>
        <p class="text-sm text-slate-700">
          To print or save it as a PDF, use your browser's Print command.
        </p>
      </div>
      <Receipt topUp={data.topUp} learner={user} />
    </>
  );
});
