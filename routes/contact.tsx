import { define } from "@/web/define.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { enforceRateLimit, RATE_LIMITS } from "@/services/auth/mod.ts";
import {
  contactInputSchema,
  saveContactMessage,
} from "@/services/content/mod.ts";
import { getPublishedExpert } from "@/services/experts/mod.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextAreaField, TextField } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import {
  type FormPageData,
  readForm,
  submitForm,
  wasSent,
} from "@/web/forms.ts";

const FIELDS = ["name", "email", "subject", "message"] as const;
type ContactField = typeof FIELDS[number];

const MESSAGES: Record<ContactField, string> = {
  name: "Please enter your name (up to 100 characters).",
  email: "Please enter a valid email address, like name@example.com.",
  subject: "Please add a subject (up to 150 characters).",
  message: "Please write a message of 10 to 5,000 characters.",
};

const MESSAGE_MAX_LENGTH = 5000;

interface ExpertRef {
  id: string;
  name: string;
}

interface ContactData extends FormPageData<ContactField> {
  /** The expert the visitor came from, when they asked about a session. */
  expert: ExpertRef | null;
}

async function findExpert(
  kv: Deno.Kv,
  id: string | null,
): Promise<ExpertRef | null> {
  if (!id) return null;
  const expert = await getPublishedExpert(kv, id);
  return expert ? { id: expert.id, name: expert.name } : null;
}

export const handler = define.handlers<ContactData>({
  async GET(_req, ctx) {
    const query = ctx.url.searchParams;
    const expert = await findExpert(ctx.state.kv, query.get("expert"));
    const subject = query.get("subject")?.slice(0, 150) ??
      (expert ? `Session with ${expert.name}` : "");
    return ctx.render({
      sent: wasSent(ctx.url),
      values: { name: "", email: "", subject, message: "" },
      errors: {},
      expert,
    });
  },

  async POST(req, ctx) {
    const form = await readForm(req);
    const expertId = form.get("expert");
    const expert = await findExpert(
      ctx.state.kv,
      typeof expertId === "string" ? expertId : null,
    );
    return submitForm(ctx, form, {
      fields: FIELDS,
      schema: contactInputSchema,
      messages: MESSAGES,
      extra: { expert },
      async save(input) {
        await enforceRateLimit(
          ctx.state.kv,
          RATE_LIMITS.contactPerIp,
          requestMeta(ctx).ip,
        );
        if (expert) input.message = withExpertReference(input.message, expert);
        return saveContactMessage(ctx.state.kv, input);
      },
    });
  },
});

/** Adds which profile the message came from, so our team can follow up. */
function withExpertReference(message: string, expert: ExpertRef): string {
  const note = `\n\n— Sent from the profile of ${expert.name} (/experts/${
    encodeURIComponent(expert.id)
  })`;
  return message.length + note.length <= MESSAGE_MAX_LENGTH
    ? message + note
    : message;
}

export default define.page<typeof handler>(function ContactPage(
  { data, state },
) {
  const { sent, values, errors, expert } = data;
  return (
    <>
      <Seo
        title={sent ? "Message sent" : "Contact us"}
        description="Questions about TapTime, a session with an expert, or applying to teach? Send us a message and we'll get back to you."
        siteUrl={state.siteUrl}
        path="/contact"
        noindex={sent}
      />
      <PageHeader
        eyebrow="Contact"
        title={sent ? "Thanks, your message is on its way" : "Contact us"}
        intro={sent
          ? undefined
          : "Ask about a session, applying as an expert, or anything else. We read every message and reply by email."}
      />
      <Container width="narrow" class="py-10">
        {sent
          ? (
            <div class="space-y-6">
              <Notice tone="success" title="Message sent">
                We've received your message and will reply by email to the
                address you gave us.
              </Notice>
              <div class="flex flex-wrap gap-3">
                <ButtonLink href="/experts">Browse experts</ButtonLink>
                <ButtonLink href="/" variant="secondary">
                  Back to the home page
                </ButtonLink>
              </div>
            </div>
          )
          : (
            <div class="space-y-6">
              <FormErrorSummary errors={errors} refusal={data.refusal} />
              {expert && (
                <Notice tone="info">
                  You're asking about a session with{" "}
                  <a
                    href={`/experts/${encodeURIComponent(expert.id)}`}
                    class="font-semibold underline"
                  >
                    {expert.name}
                  </a>. Tell us what you'd like to work on and the times that
                  suit you; we'll include a link to their profile with your
                  message.
                </Notice>
              )}
              <FormCard action="/contact" labelledBy="contact-form-heading">
                <h2
                  id="contact-form-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  Send us a message
                </h2>
                {expert && (
                  <input type="hidden" name="expert" value={expert.id} />
                )}
                <div class="grid gap-6 sm:grid-cols-2">
                  <TextField
                    name="name"
                    label="Your name"
                    value={values.name}
                    error={errors.name}
                    autocomplete="name"
                    maxLength={100}
                    required
                  />
                  <TextField
                    name="email"
                    type="email"
                    label="Email address"
                    value={values.email}
                    error={errors.email}
                    autocomplete="email"
                    required
                  />
                </div>
                <TextField
                  name="subject"
                  label="Subject"
                  value={values.subject}
                  error={errors.subject}
                  maxLength={150}
                  required
                />
                <TextAreaField
                  name="message"
                  label="Message"
                  hint="At least 10 characters."
                  value={values.message}
                  error={errors.message}
                  rows={7}
                  maxLength={MESSAGE_MAX_LENGTH}
                  required
                />
                <Button size="lg">Send message</Button>
              </FormCard>
            </div>
          )}
      </Container>
    </>
  );
});
