/**
 * The account's mobile number and text reminders: enter a number, get a
 * code by text, type it back, then turn reminders on or off, or remove the
 * number. Plain forms (no JavaScript); each refusal stands beside its field.
 */
import { define } from "@/web/define.ts";
import { formatClock } from "@/web/format.ts";
import { requireUser } from "@/web/user.ts";
import {
  countryForTimeZone,
  countryName,
  formatPhoneNumber,
  getPhoneState,
  type PhoneState,
  removePhone,
  requestPhoneCode,
  setSmsReminders,
  verifyPhoneCode,
} from "@/services/phones/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Checkbox, CodeField } from "@/components/form/inputs.tsx";
import {
  controlAttributes,
  Field,
  Fieldset,
} from "@/components/form/Field.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

type FieldName = "number" | "code" | "smsReminders";

interface PhonePageData {
  phone: PhoneState;
  /** What was typed, shown again when the form comes back. */
  number: string;
  errors: Partial<Record<FieldName, string>>;
  notice: { tone: "success" | "error"; text: string } | null;
  /** The country a number without a country code is read in. */
  country: { code: string; name: string } | null;
  timeZone: string;
}

const DONE: Record<string, string> = {
  sent: "We've texted you a code. It works for 10 minutes.",
  verified: "Your number is verified.",
  "reminders-on": "Text reminders are on.",
  "reminders-off": "Text reminders are off.",
  removed: "Your number is removed. We won't text you.",
};

async function pageData(
  kv: Deno.Kv,
  user: { id: string; timeZone: string },
  extra: Partial<PhonePageData> = {},
): Promise<PhonePageData> {
  const country = countryForTimeZone(user.timeZone);
  return {
    phone: await getPhoneState(kv, user.id),
    number: "",
    errors: {},
    notice: null,
    country: country ? { code: country, name: countryName(country) } : null,
    timeZone: user.timeZone,
    ...extra,
  };
}

export const handler = define.handlers<PhonePageData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render(
      await pageData(ctx.state.kv, user, {
        notice: done ? { tone: "success", text: done } : null,
      }),
    );
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const form = await readForm(req);
    const { action, number, code, smsReminders } = readFields(form, [
      "action",
      "number",
      "code",
      "smsReminders",
    ]);
    try {
      switch (action) {
        case "send-code":
          await requestPhoneCode(kv, user, { number }, requestMeta(ctx));
          return seeOther("/account/phone?done=sent#code-card");
        case "resend": {
          const pending = (await getPhoneState(kv, user.id)).pending;
          await requestPhoneCode(
            kv,
            user,
            { number: pending?.number ?? number },
            requestMeta(ctx),
          );
          return seeOther("/account/phone?done=sent#code-card");
        }
        case "verify":
          await verifyPhoneCode(kv, user.id, { code }, requestMeta(ctx));
          return seeOther("/account/phone?done=verified");
        case "reminders": {
          const on = smsReminders === "on";
          await setSmsReminders(kv, user.id, { smsReminders: on });
          return seeOther(`/account/phone?done=reminders-${on ? "on" : "off"}`);
        }
        case "remove":
          await removePhone(kv, user.id, requestMeta(ctx));
          return seeOther("/account/phone?done=removed");
      }
      return ctx.render(
        await pageData(kv, user, {
          notice: { tone: "error", text: "That action isn't available here." },
        }),
        { status: 400 },
      );
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        await pageData(kv, user, {
          number,
          errors: failure.errors,
          notice: failure.message
            ? { tone: "error", text: failure.message }
            : null,
        }),
        failureInit(failure),
      );
    }
  },
});

/** The mobile number input (type tel, so phones show a number pad). */
function NumberField(
  { value, error, country, label }: {
    value: string;
    error?: string;
    country: PhonePageData["country"];
    label: string;
  },
) {
  const hint = country
    ? `Include the country code, like +44 7911 123456. Without one, we read it as a number in ${country.name} (from your time zone).`
    : "Include the country code, like +44 7911 123456.";
  const props = { name: "number", label, hint, error, required: true };
  return (
    <Field {...props}>
      <input
        {...controlAttributes(props)}
        type="tel"
        value={value}
        autocomplete="tel"
        maxLength={40}
      />
    </Field>
  );
}

export default define.page<typeof handler>(function PhonePage(
  { data, state, url },
) {
  const { phone, number, errors, notice, country, timeZone } = data;
  const pending = phone.pending;
  // An error whose field is not on the page (reminders without a number, a
  // code with none waiting) is shown as a message of its own.
  const onPage = (field: string) =>
    field === "number" || (field === "code" && pending !== null) ||
    (field === "smsReminders" && phone.number !== null);
  const fieldErrors = Object.fromEntries(
    Object.entries(errors).filter(([field]) => onPage(field)),
  );
  const stray = Object.entries(errors).filter(([field]) => !onPage(field));
  return (
    <>
      <Seo
        title="Phone and text reminders"
        description="Your mobile number and text reminders before sessions."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader
        eyebrow="Account"
        title="Phone and text reminders"
        intro="Add a mobile number to get a text 24 hours and 1 hour before each session. We only text you codes you ask for and reminders you turn on."
      >
        <p class="mt-4">
          <a href="/account" class="font-semibold text-brand-800 underline">
            Back to your account
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        {stray.map(([field, message]) => (
          <Notice key={field} tone="error">{message}</Notice>
        ))}
        <FormErrorSummary errors={fieldErrors} />

        {phone.number && (
          <Card title="Your mobile number" id="number-card">
            <p>
              <span class="font-semibold">
                {formatPhoneNumber(phone.number)}
              </span>{" "}
              <span class="text-emerald-800">(verified)</span>
            </p>
            <form method="post" action="/account/phone" class="space-y-4">
              <input type="hidden" name="action" value="reminders" />
              <Fieldset
                id="smsReminders"
                legend="Text reminders"
                error={errors.smsReminders}
              >
                <Checkbox
                  id="smsReminders-on"
                  name="smsReminders"
                  value="on"
                  checked={phone.smsReminders}
                  label="Text me 24 hours and 1 hour before each session"
                />
              </Fieldset>
              <Button>Save</Button>
            </form>
            <form method="post" action="/account/phone">
              <input type="hidden" name="action" value="remove" />
              <Button variant="secondary">Remove this number</Button>
            </form>
          </Card>
        )}

        {pending && (
          <Card title="Enter the code" id="code-card">
            {pending.expired
              ? (
                <p>
                  The code we texted to{" "}
                  <span class="font-semibold">
                    {formatPhoneNumber(pending.number)}
                  </span>{" "}
                  has expired. Ask for a new one.
                </p>
              )
              : (
                <p>
                  We texted a 6-digit code to{" "}
                  <span class="font-semibold">
                    {formatPhoneNumber(pending.number)}
                  </span>. It works until{" "}
                  {formatClock(pending.expiresAt, timeZone)}.
                </p>
              )}
            {(errors.code || (!pending.expired && pending.attemptsLeft > 0)) &&
              (
                <form
                  method="post"
                  action="/account/phone"
                  noValidate
                  class="space-y-4"
                >
                  <input type="hidden" name="action" value="verify" />
                  <CodeField label="Code from the text" error={errors.code} />
                  <Button>Verify number</Button>
                </form>
              )}
            <form method="post" action="/account/phone">
              <input type="hidden" name="action" value="resend" />
              <Button variant="secondary">Send a new code</Button>
            </form>
          </Card>
        )}

        <Card
          title={phone.number || pending
            ? "Use another number"
            : "Add a mobile number"}
          id="add-number"
        >
          {phone.number && (
            <p class="text-slate-700">
              We keep using your verified number until the new one is verified.
            </p>
          )}
          <form
            method="post"
            action="/account/phone"
            noValidate
            class="space-y-4"
          >
            <input type="hidden" name="action" value="send-code" />
            <NumberField
              value={number}
              error={errors.number}
              country={country}
              label="Mobile number"
            />
            <Button>Text me a code</Button>
          </form>
        </Card>
      </Container>
    </>
  );
});
