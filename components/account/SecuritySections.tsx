/**
 * The parts of /account/security. Each form posts to the page with a hidden
 * `action`; field names are unique across the page because each field's
 * name is also its element id.
 */
import type { PublicUser, SessionInfo } from "@/services/auth/mod.ts";
import { Button, buttonClasses } from "@/components/Button.tsx";
import RecoveryCodeActions from "@/islands/RecoveryCodeActions.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "./HomeShell.tsx";
import {
  CodeField,
  PasswordField,
  TextField,
} from "@/components/form/inputs.tsx";
import { formatInstant } from "@/web/format.ts";

type Errors = Record<string, string>;

/** The downloaded recovery codes' file name. */
const RECOVERY_CODES_FILE = "taptime-recovery-codes.txt";

/** What a saved copy of the recovery codes says, one code a line. */
export function recoveryCodesText(codes: string[]): string {
  return [
    "TapTime recovery codes",
    "Each code works once, in place of a code from your authenticator app.",
    "",
    ...codes,
    "",
  ].join("\n");
}

function ActionInput({ action }: { action: string }) {
  return <input type="hidden" name="action" value={action} />;
}

const FORM = "space-y-5";
const PASSWORD_RULES = "At least 10 characters, and not a common password.";

/** Change password: asks for the current one; other sessions end. */
export function ChangePasswordCard({ errors }: { errors: Errors }) {
  return (
    <Card title="Password" id="change-password">
      <form method="post" action="/account/security" noValidate class={FORM}>
        <ActionInput action="change-password" />
        <PasswordField
          name="currentPassword"
          label="Current password"
          autocomplete="current-password"
          error={errors.currentPassword}
        />
        <PasswordField
          name="newPassword"
          label="New password"
          autocomplete="new-password"
          hint={`${PASSWORD_RULES} You'll stay logged in here; every other device is logged out.`}
          error={errors.newPassword}
        />
        <Button>Change password</Button>
      </form>
    </Card>
  );
}

/** Change email: asks for the password; the new address must be verified. */
export function ChangeEmailCard(
  { user, errors, newEmail }: {
    user: PublicUser;
    errors: Errors;
    newEmail: string;
  },
) {
  return (
    <Card title="Email address" id="change-email">
      <p>
        Your email is <span class="font-semibold">{user.email}</span>.
      </p>
      <form method="post" action="/account/security" noValidate class={FORM}>
        <ActionInput action="change-email" />
        <TextField
          name="newEmail"
          type="email"
          label="New email address"
          value={newEmail}
          error={errors.newEmail}
          autocomplete="email"
          required
        />
        <PasswordField
          name="emailPassword"
          label="Current password"
          autocomplete="current-password"
          hint="We'll send a verification link to the new address and let the old one know. Other devices are logged out."
          error={errors.emailPassword}
        />
        <Button>Change email</Button>
      </form>
    </Card>
  );
}

/** What the two-factor card shows, depending on where the person is. */
export type TwoFactorState =
  | { step: "off" }
  | { step: "setup"; secret: string; qrSvg: string; otpauthUrl: string }
  | { step: "recovery-codes"; codes: string[] }
  | { step: "on" };

/** Turn on (QR, secret, confirm), recovery codes once, or turn off. */
export function TwoFactorCard(
  { state, errors }: { state: TwoFactorState; errors: Errors },
) {
  return (
    <Card title="Two-factor authentication" id="two-factor">
      {state.step === "off" && (
        <>
          <p>
            Two-factor authentication is{" "}
            <strong>off</strong>. Turn it on to ask for a code from an
            authenticator app (such as 1Password, Google Authenticator or Aegis)
            whenever you log in.
          </p>
          <form method="post" action="/account/security">
            <ActionInput action="2fa-setup" />
            <Button>Set up two-factor authentication</Button>
          </form>
        </>
      )}

      {state.step === "setup" && (
        <>
          <ol class="list-decimal space-y-2 pl-5">
            <li>Open your authenticator app and add an account.</li>
            <li>Scan this QR code, or type the key below.</li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            class="h-48 w-48 rounded-lg border border-slate-200 bg-white p-2 [&>svg]:h-full [&>svg]:w-full"
            // The SVG comes from our own QR encoder (uqr), never from user input.
            // deno-lint-ignore react-no-danger
            dangerouslySetInnerHTML={{ __html: state.qrSvg }}
          />
          <p>
            Setup key:{" "}
            <code
              id="totp-secret"
              class="rounded bg-slate-100 px-2 py-1 font-mono break-all"
            >
              {state.secret}
            </code>
          </p>
          <form
            method="post"
            action="/account/security"
            noValidate
            class={FORM}
          >
            <ActionInput action="2fa-enable" />
            <input type="hidden" name="setupSecret" value={state.secret} />
            <CodeField
              label="Code from the app"
              hint="6 digits; a new one appears every 30 seconds."
              error={errors.code}
            />
            <Button>Turn on two-factor authentication</Button>
          </form>
        </>
      )}

      {state.step === "recovery-codes" && (
        <>
          <Notice tone="success" title="Two-factor authentication is on">
            Save these recovery codes now: this is the only time we show them.
          </Notice>
          <p>
            Each code works once, in place of a code from your app, if you lose
            your phone. Keep them in a password manager or print them and put
            them somewhere safe.
          </p>
          <ul
            aria-label="Recovery codes"
            class="grid grid-cols-2 gap-2 rounded-lg bg-slate-50 p-4 font-mono sm:grid-cols-3"
          >
            {state.codes.map((code) => <li key={code}>{code}</li>)}
          </ul>
          <div class="flex flex-wrap gap-3">
            <a
              href={`data:text/plain;charset=utf-8,${
                encodeURIComponent(recoveryCodesText(state.codes))
              }`}
              download={RECOVERY_CODES_FILE}
              class={buttonClasses("secondary")}
            >
              Download as a text file
            </a>
            <RecoveryCodeActions text={recoveryCodesText(state.codes)} />
          </div>
          <a
            href="/account/security"
            class="font-semibold text-brand-800 underline"
          >
            I've saved my recovery codes
          </a>
        </>
      )}

      {state.step === "on" && (
        <>
          <p>
            Two-factor authentication is{" "}
            <strong>on</strong>. You'll be asked for a code from your
            authenticator app when you log in.
          </p>
          <form
            method="post"
            action="/account/security"
            noValidate
            class={FORM}
          >
            <ActionInput action="2fa-disable" />
            <h3 class="font-semibold text-slate-900">
              Turn off two-factor authentication
            </h3>
            <PasswordField
              name="disablePassword"
              label="Current password"
              autocomplete="current-password"
              error={errors.disablePassword}
            />
            <CodeField
              name="disableCode"
              label="Code from the app, or a recovery code"
              error={errors.disableCode}
            />
            <Button variant="secondary">Turn off</Button>
          </form>
        </>
      )}
    </Card>
  );
}

/** Where the account is logged in, with a way to end each other session. */
export function SessionsCard({ sessions }: { sessions: SessionInfo[] }) {
  return (
    <Card title="Where you're logged in" id="sessions">
      <ul class="divide-y divide-slate-200">
        {sessions.map((session) => (
          <li
            key={session.id}
            class="flex flex-wrap items-center justify-between gap-3 py-3"
          >
            <div>
              <p class="font-semibold text-slate-900">
                {session.device}
                {session.current && (
                  <span class="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900">
                    This device
                  </span>
                )}
              </p>
              <p class="text-sm text-slate-700">
                {`IP ${session.ip} · last seen `}
                <time dateTime={session.lastSeenAt}>
                  {formatInstant(session.lastSeenAt)}
                </time>
              </p>
            </div>
            {!session.current && (
              <form method="post" action="/account/security">
                <ActionInput action="revoke-session" />
                <input type="hidden" name="sessionId" value={session.id} />
                <Button variant="secondary">
                  Sign out<span class="sr-only">{` ${session.device}`}</span>
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
