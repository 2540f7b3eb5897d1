import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import type {
  PublicUser,
  SecurityEvent,
  SessionInfo,
} from "@/services/auth/mod.ts";
import {
  changeEmail,
  changePassword,
  disableTwoFactor,
  enableTwoFactor,
  listSessions,
  revokeSession,
  startTwoFactorSetup,
} from "@/services/auth/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { otpauthUrl, qrSvg } from "@/services/auth/mod.ts";
import { InvalidCredentialsError } from "@/services/auth/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { setSessionCookie } from "@/auth/cookies.ts";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { EventTable } from "@/components/account/EventList.tsx";
import {
  ChangeEmailCard,
  ChangePasswordCard,
  SessionsCard,
  TwoFactorCard,
  type TwoFactorState,
} from "@/components/account/SecuritySections.tsx";
import {
  failureInit,
  type FormFailure,
  formFailure,
} from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { SocialLogins } from "@/components/account/SocialLogins.tsx";

interface SecurityData {
  user: PublicUser;
  sessions: SessionInfo[];
  events: SecurityEvent[];
  twoFactor: TwoFactorState;
  errors: Record<string, string>;
  newEmail: string;
  notice: { tone: "success" | "error" | "info"; text: string } | null;
}

const FIELDS = [
  "action",
  "currentPassword",
  "newPassword",
  "newEmail",
  "emailPassword",
  "code",
  "disablePassword",
  "disableCode",
  "sessionId",
  "setupSecret",
] as const;
type Fields = Record<typeof FIELDS[number], string>;

/** Messages for `?done=` after a successful action, and `?notice=`. */
const DONE: Record<string, string> = {
  password: "Your password is changed. Other devices have been logged out.",
  email:
    "Check the new inbox for a confirmation link: your email changes once you open it. Other devices have been logged out.",
  "2fa-off": "Two-factor authentication is off.",
  session: "That device has been signed out.",
};
const ADMIN_2FA_NOTICE =
  "Admins must turn on two-factor authentication before using admin tools.";

/**
 * The service's field names, per form, mapped to this page's (each field
 * name is unique on the page because it is also the element id).
 */
const FIELD_NAMES: Record<string, Record<string, string>> = {
  "change-password": {},
  "change-email": { currentPassword: "emailPassword", email: "newEmail" },
  "2fa-enable": {},
  "2fa-disable": { password: "disablePassword", code: "disableCode" },
};
/** Which field a wrong current password belongs to, per form. */
const PASSWORD_FIELD: Record<string, string> = {
  "change-password": "currentPassword",
  "change-email": "emailPassword",
  "2fa-disable": "disablePassword",
};

async function pageData(
  ctx: { state: AppState },
  overrides: Partial<SecurityData> = {},
  // A step that rotated the session passes the new token: the request's
  // cookie names the old one, and "This device" must follow the new one.
  sessionToken = ctx.state.sessionToken,
): Promise<SecurityData> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const [sessions, { events }] = await Promise.all([
    listSessions(kv, user.id, sessionToken ?? undefined),
    listSecurityEvents(kv, { userId: user.id, limit: 20 }),
  ]);
  return {
    user,
    sessions,
    events,
    twoFactor: { step: user.twoFactorEnabled ? "on" : "off" },
    errors: {},
    newEmail: "",
    notice: null,
    ...overrides,
  };
}

/** The setup step again for a key already shown, or the start if none. */
function setupState(secret: string, email: string): TwoFactorState {
  if (!/^[A-Z2-7]{16,64}$/.test(secret)) return { step: "off" };
  const url = otpauthUrl(secret, email);
  return { step: "setup", secret, otpauthUrl: url, qrSvg: qrSvg(url) };
}

/** A failure's field errors under this page's names, for one form. */
function pageErrors(
  action: string,
  failure: FormFailure,
  error: unknown,
): { errors: Record<string, string>; message: string | null } {
  const names = FIELD_NAMES[action] ?? {};
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(failure.errors)) {
    errors[names[field] ?? field] = message;
  }
  if (error instanceof InvalidCredentialsError && PASSWORD_FIELD[action]) {
    errors[PASSWORD_FIELD[action]] = "Your current password is incorrect.";
    return { errors, message: null };
  }
  return { errors, message: failure.message };
}

export const handler = define.handlers<SecurityData>({
  async GET(_req, ctx) {
    const query = ctx.url.searchParams;
    const done = DONE[query.get("done") ?? ""];
    const notice = done
      ? { tone: "success" as const, text: done }
      : query.get("notice") === "admin-2fa"
      ? { tone: "info" as const, text: ADMIN_2FA_NOTICE }
      : null;
    return ctx.render(await pageData(ctx, { notice }));
  },

  async POST(req, ctx) {
    const fields = readFields(await readForm(req), FIELDS) as Fields;
    const { kv, sessionToken } = ctx.state;
    const user = requireUser(ctx.state);
    const meta = requestMeta(ctx);
    const { action } = fields;
    try {
      switch (action) {
        case "change-password": {
          // A new password is a privilege change: this device gets a new
          // session id, every other session ends.
          const { sessionToken: rotated } = await changePassword(
            kv,
            user.id,
            {
              currentPassword: fields.currentPassword,
              newPassword: fields.newPassword,
            },
            sessionToken,
            meta,
          );
          const headers = new Headers();
          setSessionCookie(headers, rotated, req, ctx.state.config.trustProxy);
          return seeOther("/account/security?done=password", headers);
        }
        case "change-email":
          await changeEmail(
            kv,
            user.id,
            {
              currentPassword: fields.emailPassword,
              newEmail: fields.newEmail,
            },
            sessionToken,
            meta,
          );
          return seeOther("/account/security?done=email");
        case "2fa-setup": {
          const setup = await startTwoFactorSetup(kv, user.id);
          return ctx.render(
            await pageData(ctx, { twoFactor: { step: "setup", ...setup } }),
          );
        }
        case "2fa-enable": {
          const result = await enableTwoFactor(
            kv,
            user.id,
            { code: fields.code },
            meta,
            sessionToken,
          );
          // Turning 2FA on is a privilege change: the session gets a new id,
          // which replaces the cookie.
          const headers = new Headers();
          if (result.sessionToken) {
            setSessionCookie(
              headers,
              result.sessionToken,
              req,
              ctx.state.config.trustProxy,
            );
          }
          const response = await ctx.render(
            await pageData(ctx, {
              user: { ...user, twoFactorEnabled: true },
              twoFactor: {
                step: "recovery-codes",
                codes: result.recoveryCodes,
              },
            }, result.sessionToken ?? sessionToken),
          );
          for (const cookie of headers.getSetCookie()) {
            response.headers.append("set-cookie", cookie);
          }
          response.headers.set("cache-control", "no-store");
          return response;
        }
        case "2fa-disable":
          await disableTwoFactor(kv, user.id, {
            password: fields.disablePassword,
            code: fields.disableCode,
          }, meta);
          return seeOther("/account/security?done=2fa-off");
        case "revoke-session":
          await revokeSession(kv, user.id, fields.sessionId, meta);
          return seeOther("/account/security?done=session");
        default:
          return ctx.render(
            await pageData(ctx, {
              notice: { tone: "error", text: "That action isn't available." },
            }),
            { status: 400 },
          );
      }
    } catch (error) {
      if (error instanceof NotFoundError && action === "revoke-session") {
        return ctx.render(
          await pageData(ctx, {
            notice: {
              tone: "error",
              text: "That session has already ended.",
            },
          }),
          { status: 404 },
        );
      }
      const failure = formFailure(error);
      const { errors, message } = pageErrors(action, failure, error);
      // A wrong confirmation code keeps the person on the setup step with
      // the key they already scanned (the form carries it back; the flow
      // checks the code against the key it stored, so this is display only).
      const twoFactor: TwoFactorState | undefined =
        action === "2fa-enable" && !user.twoFactorEnabled
          ? setupState(fields.setupSecret, user.email)
          : undefined;
      return ctx.render(
        await pageData(ctx, {
          errors,
          newEmail: action === "change-email" ? fields.newEmail : "",
          notice: message ? { tone: "error", text: message } : null,
          ...(twoFactor ? { twoFactor } : {}),
        }),
        failureInit(failure),
      );
    }
  },
});

export default define.page<typeof handler>(function SecurityPage(
  { data, state, url },
) {
  const { user, sessions, events, twoFactor, errors, newEmail, notice } = data;
  return (
    <>
      <Seo
        title="Security"
        description="Password, email, two-factor authentication and sessions."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Security">
        <p class="mt-4">
          <a href="/account" class="font-semibold text-brand-800 underline">
            Back to your account
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        {Object.keys(errors).length > 0 && (
          <Notice tone="error" title="Please check the form">
            Some fields need your attention; see the notes next to them.
          </Notice>
        )}
        <TwoFactorCard state={twoFactor} errors={errors} />
        <ChangePasswordCard errors={errors} />
        <SocialLogins kv={state.kv} />
        <ChangeEmailCard user={user} errors={errors} newEmail={newEmail} />
        <SessionsCard sessions={sessions} />
        <Card title="Recent security events" id="events">
          <EventTable events={events} caption="Recent security events" />
        </Card>
      </Container>
    </>
  );
});
