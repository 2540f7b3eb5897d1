/**
 * The privacy policy: what TapTime actually collects and does, read from
 * the code and the configuration (which processors are switched on, the
 * retention periods in the platform settings). Its version is
 * POLICY_VERSION; changing the text in substance means a new version.
 */
import { define } from "@/web/define.ts";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import { callMediaFor } from "@/services/calls/mod.ts";
import { getFileStore, S3FileStore } from "@/services/storage/mod.ts";
import { DELETION_GRACE_DAYS, POLICY_VERSION } from "@/services/privacy/mod.ts";

interface PolicyData {
  settings: Settings;
  processors: string[];
}

export const handler = define.handlers<PolicyData>({
  async GET(_req, ctx) {
    const { kv, providers } = ctx.state;
    const processors = [
      providers.payments.name === "stripe"
        ? "Stripe: card payments, refunds and payouts to experts"
        : null,
      callMediaFor(kv).mode !== "p2p"
        ? "LiveKit: video calls, in-call chat and recordings"
        : null,
      getFileStore(kv) instanceof S3FileStore
        ? "Our object storage provider: the files you upload"
        : null,
      "Twilio: text messages (phone codes and reminders), when you add a phone number and text messages are switched on for this site",
    ].filter((name): name is string => name !== null);
    return ctx.render({ settings: await getSettings(kv), processors });
  },
});

const prose = "max-w-3xl space-y-4 text-base leading-7 text-slate-800";

export default define.page<typeof handler>(function PrivacyPolicy(
  { data, state },
) {
  const { settings, processors } = data;
  return (
    <>
      <Seo
        title="Privacy policy"
        description="What TapTime collects, why, who processes it, how long we keep it, and how to export or delete your data."
        siteUrl={state.siteUrl}
        path="/privacy"
      />
      <PageHeader
        eyebrow="Privacy"
        title="Privacy policy"
        intro={`Version ${POLICY_VERSION}. What we collect, why, and what you can do about it.`}
      />
      <Section id="collect" title="What we collect">
        <div class={prose}>
          <ul class="list-disc space-y-2 pl-6">
            <li>
              Your account: name, email address, password (stored only as a
              hash), time zone, and two-factor settings if you turn them on.
            </li>
            <li>
              As a learner: your onboarding answers (goals, level, interests),
              your bookings, reviews you write, and your wallet top-ups.
            </li>
            <li>
              As an expert: your application (headline, bio, photo, credential
              documents), profile, offerings, availability, bookings, earnings
              and the payout details you give for withdrawals.
            </li>
            <li>
              Messages you exchange with the other party of a session, with any
              files you attach, and notifications we send you.
            </li>
            <li>
              Your phone number, only if you add one for text reminders.
            </li>
            <li>
              Security events: sign-ins, password and email changes, with the IP
              address and browser they came from, to protect your account.
            </li>
          </ul>
        </div>
      </Section>
      <Section id="cookies" tone="muted" title="Cookies and analytics">
        <div class={prose}>
          <p>
            We use cookies only to keep you signed in and to protect forms from
            cross-site requests. There are no third-party trackers or
            advertising cookies. Product analytics (which pages are visited) are
            collected first-party and only if you agree to them; bookings and
            payments are records we keep to provide the service, not analytics.
          </p>
        </div>
      </Section>
      <Section id="processors" title="Who processes your data for us">
        <div class={prose}>
          {processors.length > 0
            ? (
              <ul class="list-disc space-y-2 pl-6">
                {processors.map((name) => <li key={name}>{name}</li>)}
              </ul>
            )
            : (
              <p>
                None at the moment: everything runs on our own servers.
              </p>
            )}
          <p>We never sell your data.</p>
        </div>
      </Section>
      <Section id="retention" tone="muted" title="How long we keep it">
        <div class={prose}>
          <ul class="list-disc space-y-2 pl-6">
            <li>Session recordings: {settings.recordingRetentionDays} days.</li>
            <li>
              Security events (the audit log): {settings.auditRetentionDays}
              {" "}
              days.
            </li>
            <li>
              Contact and feedback messages: {settings.contactRetentionDays}
              {" "}
              days.
            </li>
            <li>Analytics events: {settings.analyticsRetentionDays} days.</li>
            <li>Notifications: 90 days.</li>
            <li>
              Messages of a deleted account stay visible to the other party for
              {" "}
              {settings.deletedAccountMessageRetentionDays}{" "}
              days, then are removed.
            </li>
            <li>
              Bookings, payments and ledger entries are kept as accounting
              records the law requires, under an id that no longer names you
              once your account is deleted.
            </li>
          </ul>
        </div>
      </Section>
      <Section id="rights" title="Your data, your choice">
        <div class={prose}>
          <p>
            On your{" "}
            <a
              href="/account/privacy"
              class="font-semibold text-brand-800 underline"
            >
              privacy page
            </a>{" "}
            you can download everything we hold about you as a ZIP file, and
            delete your account. Deletion waits {DELETION_GRACE_DAYS}{" "}
            days, in case you change your mind: signing in before then cancels
            it. After that your personal data is erased or anonymised.
          </p>
          <p>
            Questions? Write to us through the{" "}
            <a href="/contact" class="font-semibold text-brand-800 underline">
              contact page
            </a>.
          </p>
        </div>
      </Section>
    </>
  );
});
