import { define } from "@/web/define.ts";
import {
  getOutboxMessage,
  type OutboxMessage,
} from "@/services/platform/email/mod.ts";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { formatInstant } from "@/web/format.ts";
import { Linkified } from "@/components/account/Linkified.tsx";

/** Development only (see ../_middleware.ts): one email, links clickable. */
export const handler = define.handlers<OutboxMessage>({
  async GET(_req, ctx) {
    const message = await getOutboxMessage(ctx.state.kv, ctx.params.id);
    return message ? ctx.render(message) : ctx.renderNotFound();
  },
});

export default define.page<typeof handler>(function OutboxMessagePage(
  { data, state, url },
) {
  return (
    <>
      <Seo
        title={data.subject}
        description="An email sent in development."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Development · Email" title={data.subject}>
        <p class="mt-4 text-slate-700">
          {`To ${data.to} · ${formatInstant(data.createdAt)}`}
        </p>
      </PageHeader>
      <Container width="narrow" class="py-10">
        <div class="rounded-xl border border-slate-200 bg-white p-6 whitespace-pre-wrap break-words">
          <Linkified text={data.text} />
        </div>
        <p class="mt-6">
          <a href="/dev/mail" class="font-semibold text-brand-800 underline">
            Back to the outbox
          </a>
        </p>
      </Container>
    </>
  );
});
