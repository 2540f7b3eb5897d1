import { define } from "@/web/define.ts";
import {
  getOutboxMessage,
  type OutboxMessage,
} from "@/services/platform/email/mod.ts";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { formatInstant } from "@/web/format.ts";
import { Linkified } from "@/components/Linkified.tsx";

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
          {`${data.from ? `From ${data.from} · ` : ""}To ${data.to} · ${
            formatInstant(data.createdAt)
          }`}
        </p>
      </PageHeader>
      <Container width="narrow" class="py-10">
        {data.html && (
          <p class="mb-6">
            {/* Its own document under a strict policy (see ./[id]/html.ts). */}
            <a
              href={`/dev/mail/${encodeURIComponent(data.id)}/html`}
              class="font-semibold text-brand-800 underline"
            >
              See the HTML version
            </a>
          </p>
        )}
        <h2 class="mb-2 font-semibold text-slate-900">As text</h2>
        <div class="rounded-xl border border-slate-200 bg-white p-6 whitespace-pre-wrap break-words">
          <Linkified text={data.text} />
        </div>
        {data.attachments?.length
          ? (
            <section class="mt-6" aria-labelledby="attachments">
              <h2 id="attachments" class="font-semibold text-slate-900">
                Attachments
              </h2>
              <ul class="mt-2 space-y-2">
                {data.attachments.map((file, i) => (
                  <li key={i}>
                    <details class="rounded-xl border border-slate-200 bg-white p-4">
                      <summary class="cursor-pointer font-semibold text-brand-800">
                        {`${file.filename} (${file.contentType})`}
                      </summary>
                      <pre class="mt-3 overflow-x-auto text-xs text-slate-800">{file.content}</pre>
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          )
          : null}
        <p class="mt-6">
          <a href="/dev/mail" class="font-semibold text-brand-800 underline">
            Back to the outbox
          </a>
        </p>
      </Container>
    </>
  );
});
