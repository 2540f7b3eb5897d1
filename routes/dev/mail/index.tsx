/**
 * The development outbox: the emails and text messages the app "sent",
 * newest first.
 */
import { define } from "@/web/define.ts";
import {
  listOutbox,
  type OutboxMessage,
} from "@/services/platform/email/mod.ts";
import {
  listSmsOutbox,
  type SmsOutboxMessage,
} from "@/services/platform/sms.ts";
import { Linkified } from "@/components/Linkified.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { formatInstant } from "@/web/format.ts";

/** How many of the newest messages a search looks through, and shows. */
const SCANNED = 200;
const SHOWN = 100;

interface OutboxData {
  messages: OutboxMessage[];
  texts: SmsOutboxMessage[];
  to: string;
}

/** Development only (see ../_middleware.ts): the emails the app "sent". */
export const handler = define.handlers<OutboxData>({
  async GET(_req, ctx) {
    const to = (ctx.url.searchParams.get("to") ?? "").trim().slice(0, 254);
    // Part of an address is enough ("nina"): the outbox filters exactly, so
    // the newest messages are matched here.
    const needle = to.toLowerCase();
    const messages = (await listOutbox(ctx.state.kv, { limit: SCANNED }))
      .filter((message) => message.to.toLowerCase().includes(needle))
      .slice(0, SHOWN);
    // Numbers are matched without their spaces ("+44 7911" finds +447911…).
    const digits = to.replace(/\s+/g, "");
    const texts = (await listSmsOutbox(ctx.state.kv, { limit: SCANNED }))
      .filter((text) => text.to.includes(digits))
      .slice(0, SHOWN);
    return ctx.render({ messages, texts, to });
  },
});

export default define.page<typeof handler>(function OutboxPage(
  { data, state, url },
) {
  const { messages, texts, to } = data;
  return (
    <>
      <Seo
        title="Outbox"
        description="Emails and text messages sent in development."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader
        eyebrow="Development"
        title="Outbox"
        intro="Emails and text messages the app has sent, newest first. This page does not exist in production."
      />
      <Container width="narrow" class="py-10">
        <form
          method="get"
          action="/dev/mail"
          class="mb-6 flex flex-wrap items-end gap-3"
        >
          <div class="grow">
            <label for="to" class="block text-sm font-semibold text-slate-900">
              Recipient, or part of the address or number
            </label>
            <input
              id="to"
              name="to"
              type="search"
              value={to}
              class="mt-1.5 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2.5"
            />
          </div>
          <button
            type="submit"
            class="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white"
          >
            Filter
          </button>
        </form>
        <h2 class="mb-3 text-lg font-semibold text-slate-900">Emails</h2>
        {messages.length === 0
          ? <p class="text-slate-700">No emails yet.</p>
          : (
            <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {messages.map((message) => (
                <li key={message.id}>
                  <a
                    href={`/dev/mail/${encodeURIComponent(message.id)}`}
                    class="block p-4 hover:bg-slate-50"
                  >
                    <span class="block font-semibold text-brand-800 underline">
                      {message.subject}
                    </span>
                    <span class="block text-sm text-slate-700">
                      {`To ${message.to} · ${formatInstant(message.createdAt)}`}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        <h2 id="texts" class="mt-10 mb-3 text-lg font-semibold text-slate-900">
          Text messages
        </h2>
        {texts.length === 0
          ? <p class="text-slate-700">No text messages yet.</p>
          : (
            <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {texts.map((text) => (
                <li key={text.id} class="p-4">
                  <span class="block text-sm text-slate-700">
                    {`To ${text.to} · ${formatInstant(text.createdAt)}`}
                  </span>
                  <p class="mt-1 whitespace-pre-wrap break-words text-slate-900">
                    <Linkified text={text.body} />
                  </p>
                </li>
              ))}
            </ul>
          )}
      </Container>
    </>
  );
});
