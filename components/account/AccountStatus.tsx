import type { PublicUser } from "@/services/auth/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "./HomeShell.tsx";

/**
 * The account's standing on a home shell: a prompt to verify the email
 * (with a resend button), and whether two-factor authentication is on.
 */
export function AccountStatus({ user }: { user: PublicUser }) {
  return (
    <>
      {!user.emailVerified && (
        <Notice tone="info" title="Please verify your email address">
          {/* A long address must wrap, not widen a phone's page. */}
          <p class="wrap-anywhere">
            {`We sent a link to ${user.email}. Open it to confirm the address.`}
          </p>
          <form method="post" action="/account" class="mt-3">
            <input type="hidden" name="action" value="resend-verification" />
            <Button variant="secondary">Send a new link</Button>
          </form>
        </Notice>
      )}
      <Card title="Your account" id="account-status">
        <dl class="grid gap-3 sm:grid-cols-2">
          <div>
            <dt class="text-sm text-slate-700">Email</dt>
            <dd class="font-semibold">
              {user.email}{" "}
              {user.emailVerified ? "(verified)" : "(not verified)"}
            </dd>
          </div>
          <div>
            <dt class="text-sm text-slate-700">Time zone</dt>
            <dd class="font-semibold">{user.timeZone}</dd>
          </div>
          <div>
            <dt class="text-sm text-slate-700">Two-factor authentication</dt>
            <dd class="font-semibold">
              {user.twoFactorEnabled ? "On" : "Off"}{" "}
              <a
                href="/account/security#two-factor"
                class="text-sm font-normal text-brand-800 underline"
              >
                {user.twoFactorEnabled ? "Manage" : "Turn on"}
              </a>
            </dd>
          </div>
          <div>
            <dt class="text-sm text-slate-700">Status</dt>
            <dd class="font-semibold">
              {user.status === "active" ? "Active" : "Suspended"}
            </dd>
          </div>
        </dl>
      </Card>
    </>
  );
}
