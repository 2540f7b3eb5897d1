import { define } from "@/web/define.ts";
import { type PublicUser, signup } from "@/services/auth/mod.ts";
import { roleHome } from "@/auth/policy.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { setSessionCookie } from "@/auth/cookies.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import {
  PasswordField,
  RadioCards,
  TextField,
} from "@/components/form/inputs.tsx";
import { TimeZoneField } from "@/components/form/TimeZoneField.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { SocialButtons } from "@/components/account/SocialLogins.tsx";
import { getSocialLoginClients } from "@/services/social_login/mod.ts";
import { acceptPolicy } from "@/services/privacy/mod.ts";

const FIELDS = [
  "role",
  "name",
  "email",
  "password",
  "timeZone",
  "acceptTerms",
] as const;
type SignupField = typeof FIELDS[number];

interface SignupData {
  values: Record<Exclude<SignupField, "password">, string>;
  errors: Partial<Record<SignupField, string>>;
  /** A problem with the form as a whole (e.g. too many signups). */
  message: string | null;
  /** On the first visit the browser's own time zone is preselected. */
  detectTimeZone: boolean;
}

const ROLE_OPTIONS = [
  {
    value: "learner",
    label: "I want to learn",
    description: "Book one-to-one sessions with experts.",
  },
  {
    value: "expert",
    label: "I want to teach",
    description: "Apply to offer sessions and get paid.",
  },
] as const;

/** Names the role on the page; anything else leaves the choice to the visitor. */
function roleFromQuery(url: URL): string {
  const role = url.searchParams.get("role");
  return role === "expert" || role === "learner" ? role : "learner";
}

/**
 * Where a new account goes first: a learner starts with onboarding (part of
 * the learner home), so recommendations fit from the first visit.
 */
function landingAfterSignup(user: PublicUser): string {
  return user.role === "learner" ? "/dashboard/onboarding" : roleHome(user);
}

export const handler = define.handlers<SignupData>({
  GET(_req, ctx) {
    return ctx.render({
      values: {
        role: roleFromQuery(ctx.url),
        name: "",
        email: "",
        timeZone: "UTC",
        acceptTerms: "",
      },
      errors: {},
      message: null,
      detectTimeZone: true,
    });
  },

  async POST(req, ctx) {
    const fields = readFields(await readForm(req), FIELDS);
    const { password, ...values } = fields;
    if (fields.role !== "learner" && fields.role !== "expert") {
      return ctx.render({
        values,
        errors: { role: "Choose whether you want to learn or to teach." },
        message: null,
        detectTimeZone: false,
      }, { status: 400 });
    }
    try {
      const { user, sessionToken } = await signup(ctx.state.kv, {
        role: fields.role,
        name: fields.name,
        email: fields.email,
        password,
        timeZone: fields.timeZone || undefined,
        // The checkbox; anything but "yes" is refused with its message.
        acceptTerms: (fields.acceptTerms === "yes") as true,
      }, requestMeta(ctx));
      await acceptPolicy(ctx.state.kv, user.id);
      const headers = new Headers();
      setSessionCookie(headers, sessionToken, req, ctx.state.config.trustProxy);
      return seeOther(landingAfterSignup(user), headers);
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        {
          values,
          errors: failure.errors,
          message: failure.message,
          detectTimeZone: false,
        },
        failureInit(failure),
      );
    }
  },
});

export default define.page<typeof handler>(function SignupPage(
  { data, state, url },
) {
  const { values, errors, message, detectTimeZone } = data;
  return (
    <>
      <Seo
        title="Sign up"
        description="Create your TapTime account to book sessions with vetted experts, or to teach."
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <PageHeader
        eyebrow="Sign up"
        title="Create your account"
        intro="One account to book sessions, or to apply as an expert."
      />
      <Container width="narrow" class="py-10">
        <div class="space-y-6">
          {message && (
            <Notice tone="error" title="Sign-up failed">{message}</Notice>
          )}
          <FormErrorSummary errors={errors} />
          <FormCard action="/signup" labelledBy="signup-heading">
            <h2
              id="signup-heading"
              class="text-lg font-semibold text-slate-900"
            >
              Your details
            </h2>
            <RadioCards
              name="role"
              legend="What brings you to TapTime?"
              value={values.role}
              options={ROLE_OPTIONS}
              error={errors.role}
            />
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
            <PasswordField
              name="password"
              label="Password"
              autocomplete="new-password"
              hint="At least 10 characters, and not a common password. A short phrase of a few words works well."
              error={errors.password}
            />
            <TimeZoneField
              name="timeZone"
              label="Time zone"
              value={values.timeZone}
              detect={detectTimeZone}
              hint="Session times are shown in this zone. We picked the one your browser reports."
              error={errors.timeZone}
            />
            <div>
              <div class="flex items-start gap-2 py-1 text-slate-900">
                <input
                  id="acceptTerms"
                  type="checkbox"
                  name="acceptTerms"
                  value="yes"
                  checked={values.acceptTerms === "yes"}
                  required
                  aria-invalid={errors.acceptTerms ? "true" : undefined}
                  aria-describedby={errors.acceptTerms
                    ? "acceptTerms-error acceptTerms-hint"
                    : "acceptTerms-hint"}
                  class="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                />
                <label for="acceptTerms">
                  I accept the terms and the privacy policy.
                </label>
              </div>
              <p id="acceptTerms-hint" class="text-sm text-slate-700">
                Read the{" "}
                <a href="/terms" class="font-semibold text-brand-800 underline">
                  terms
                </a>{" "}
                and the{" "}
                <a
                  href="/privacy"
                  class="font-semibold text-brand-800 underline"
                >
                  privacy policy
                </a>.
              </p>
              {errors.acceptTerms && (
                <p
                  id="acceptTerms-error"
                  class="mt-1 text-sm font-medium text-red-800"
                >
                  {errors.acceptTerms}
                </p>
              )}
            </div>
            <Button size="lg">Create account</Button>
            <p class="text-sm text-slate-700">
              Already have an account?{" "}
              <a href="/login" class="font-semibold text-brand-800 underline">
                Log in
              </a>
            </p>
          </FormCard>
          <SocialButtons
            providers={getSocialLoginClients(state.kv).providers}
            mode="signup"
          />
        </div>
      </Container>
    </>
  );
});
