import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  saveApplication,
  uploadExpertPhoto,
} from "@/services/applications/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import { PhotoForm, ProfileFields } from "@/components/expert/ProfileForm.tsx";
import {
  applicationPhotoUrl,
  isEditable,
  loadApplication,
  savedNotice,
  toNextStep,
} from "@/web/application_wizard.ts";
import {
  type ProfileValues,
  profileValues,
  readProfileForm,
} from "@/web/profile_form.ts";
import { requireUser } from "@/web/user.ts";

interface ProfileStepData {
  application: ApplicationView;
  values: ProfileValues;
  errors: Record<string, string>;
  message: string | null;
}

export const handler = define.handlers<ProfileStepData>({
  async GET(_req, ctx) {
    const application = await loadApplication(ctx);
    return ctx.render({
      application,
      values: profileValues(application),
      errors: {},
      message: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    const application = await loadApplication(ctx);
    const fail = (
      status: number,
      values: ProfileValues,
      errors: Record<string, string>,
      message: string | null,
    ) => ctx.render({ application, values, errors, message }, { status });

    if (form.get("action") === "photo") {
      const photo = form.get("photo");
      if (!(photo instanceof File) || photo.size === 0) {
        return fail(400, profileValues(application), {
          photo: "Choose a PNG or JPEG file.",
        }, null);
      }
      try {
        await uploadExpertPhoto(kv, user.id, photo);
      } catch (error) {
        const failure = formFailure(error);
        return fail(
          failure.status,
          profileValues(application),
          { photo: failure.errors.file ?? failure.message ?? "Upload failed." },
          null,
        );
      }
      return seeOther("/expert/application/profile?photo=1");
    }

    const { values, patch, errors } = readProfileForm(form);
    if (!patch) return fail(400, values, errors, null);
    try {
      await saveApplication(kv, user.id, patch);
    } catch (error) {
      const failure = formFailure(error);
      return fail(failure.status, values, failure.errors, failure.message);
    }
    return toNextStep("profile");
  },
});

/** Step 1: the public profile (photo and text). */
export default define.page<typeof handler>(function ProfileStep(
  { data, state, url },
) {
  const { application, values, errors, message } = data;
  const user = requireUser(state);
  const editable = isEditable(application.status);
  const notice = url.searchParams.has("photo")
    ? { tone: "success" as const, text: "Your photo was uploaded." }
    : savedNotice(url);
  return (
    <ApplicationFrame
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      application={application}
      current="profile"
      notice={notice}
    >
      {message && <Notice tone="error">{message}</Notice>}
      <Card title="Photo" id="photo-card">
        {editable
          ? (
            <PhotoForm
              action="/expert/application/profile"
              userId={user.id}
              name={user.name}
              photoUrl={applicationPhotoUrl(application)}
              error={errors.photo}
            />
          )
          : <p>Your photo can't be changed while the application is locked.</p>}
      </Card>
      <Card title="Your public profile" id="profile-details">
        <form method="post" action="/expert/application/profile" noValidate>
          <fieldset disabled={!editable} class="space-y-6">
            <ProfileFields values={values} errors={errors} />
            <Button>Save and continue</Button>
          </fieldset>
        </form>
      </Card>
    </ApplicationFrame>
  );
});
