/**
 * What the account holder is told, and how: for each kind of notification,
 * in the app, by email, and (reminders only, with a verified number) by
 * text. One plain form; every box is sent, so an unticked one means off.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import {
  getPreferences,
  NOTIFICATION_KINDS,
  NOTIFICATION_TYPES,
  type PreferencesInput,
  type PreferencesState,
  setPreferences,
} from "@/services/notifications/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Checkbox } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { readForm } from "@/web/forms.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

interface PreferencesPageData {
  state: PreferencesState;
  notice: { tone: "success" | "error"; text: string } | null;
}

const PATH = "/account/notifications";

export const handler = define.handlers<PreferencesPageData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const saved = ctx.url.searchParams.get("done") === "saved";
    return ctx.render({
      state: await getPreferences(ctx.state.kv, user.id),
      notice: saved
        ? { tone: "success", text: "Your choices are saved." }
        : null,
    });
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const form = await readForm(req);
    const { smsAvailable } = await getPreferences(kv, user.id);
    const ticked = (name: string) => form.get(name) === "on";
    const input: PreferencesInput = Object.fromEntries(
      NOTIFICATION_TYPES.map((type) => [type, {
        inApp: ticked(`${type}.inApp`),
        email: ticked(`${type}.email`),
        // A box that was not offered is left as it is.
        ...(NOTIFICATION_KINDS[type].sms && smsAvailable
          ? { sms: ticked(`${type}.sms`) }
          : {}),
      }]),
    );
    try {
      await setPreferences(kv, user.id, input);
      return seeOther(`${PATH}?done=saved`);
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        state: await getPreferences(kv, user.id),
        notice: {
          tone: "error",
          text: failure.message ?? "Your choices could not be saved.",
        },
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function NotificationPreferences(
  { data, state, url },
) {
  const { preferences, smsAvailable } = data.state;
  return (
    <>
      <Seo
        title="Notification settings"
        description="Choose what TapTime tells you in the app, by email and by text."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader
        eyebrow="Account"
        title="Notification settings"
        intro="Choose what we tell you, and where. Notifications in the app are kept for 90 days."
      >
        <p class="mt-4 flex flex-wrap gap-x-6 gap-y-2">
          <a
            href="/notifications"
            class="font-semibold text-brand-800 underline"
          >
            Your notifications
          </a>
          <a href="/account" class="font-semibold text-brand-800 underline">
            Back to your account
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {data.notice && (
          <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
        )}
        <Card title="What we tell you" id="preferences">
          <form method="post" action={PATH} class="space-y-6">
            {NOTIFICATION_TYPES.map((type) => {
              const channels = preferences[type];
              const kind = NOTIFICATION_KINDS[type];
              return (
                <fieldset key={type} class="border-t border-slate-200 pt-4">
                  <legend class="float-left w-full pb-1 font-semibold text-slate-900">
                    {kind.label}
                  </legend>
                  <div class="clear-both flex flex-wrap gap-x-6">
                    <Checkbox
                      id={`${type}-inApp`}
                      name={`${type}.inApp`}
                      value="on"
                      checked={channels.inApp}
                      label="In the app"
                    />
                    <Checkbox
                      id={`${type}-email`}
                      name={`${type}.email`}
                      value="on"
                      checked={channels.email}
                      label="By email"
                    />
                    {kind.sms && smsAvailable && (
                      <Checkbox
                        id={`${type}-sms`}
                        name={`${type}.sms`}
                        value="on"
                        checked={channels.sms === true}
                        label="By text message"
                      />
                    )}
                  </div>
                  {kind.sms && !smsAvailable && (
                    <p class="text-sm text-slate-700">
                      To get these by text,{" "}
                      <a
                        href="/account/phone"
                        class="font-semibold text-brand-800 underline"
                      >
                        verify a mobile number
                      </a>.
                    </p>
                  )}
                </fieldset>
              );
            })}
            <Button>Save choices</Button>
          </form>
        </Card>
      </Container>
    </>
  );
});
