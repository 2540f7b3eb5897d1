import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  saveApplication,
  uploadChosenPhoto,
} from "@/services/applications/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readForm } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import {
  PHOTO_ACTION,
  ProfileFields,
  ProfileForm,
} from "@/components/expert/ProfileForm.tsx";
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
import {
  isPayloadTooLarge,
  payloadTooLargeMessage,
  UPLOAD_BODY_BYTES,
} from "@/middleware/body_limit.ts";

interface ProfileStepData {
  application: ApplicationView;
  values: ProfileValues;
  errors: Record<string, string>;
  message: string | null;
  /** A photo was just uploaded (the text typed so far is kept, unsaved). */
  photoUploaded?: boolean;
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
    const application = await loadApplication(ctx);
    const fail = (
      status: number,
      values: ProfileValues,
      errors: Record<string, string>,
      message: string | null,
    ) => ctx.render({ application, values, errors, message }, { status });
    let form: FormData;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      return fail(413, profileValues(application), {
        photo: payloadTooLargeMessage(UPLOAD_BODY_BYTES),
      }, null);
    }

    const { values, patch, errors } = readProfileForm(form);
    // A photo chosen and then "Save and continue" is uploaded too.
    const uploadOnly = form.get("action") === PHOTO_ACTION;
    try {
      await uploadChosenPhoto(kv, user.id, form.get("photo"), {
        required: uploadOnly,
      });
    } catch (error) {
      const failure = formFailure(error);
      return fail(failure.status, values, {
        photo: failure.errors.photo ?? failure.message ?? "The upload failed.",
      }, null);
    }
    if (uploadOnly) {
      return ctx.render({
        application: await loadApplication(ctx),
        values,
        errors: {},
        message: null,
        photoUploaded: true,
      });
    }
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
  const notice = data.photoUploaded
    ? {
      tone: "success" as const,
      text: "Your photo was uploaded. Your text below is not saved yet.",
    }
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
      <ProfileForm
        action="/expert/application/profile"
        photo={editable
          ? {
            userId: user.id,
            name: user.name,
            photoUrl: applicationPhotoUrl(application),
          }
          : null}
        lockedPhoto="Your photo can't be changed while the application is locked."
        errors={errors}
        saveLabel="Save and continue"
        title="Your public profile"
      >
        <fieldset disabled={!editable} class="space-y-6">
          <ProfileFields values={values} errors={errors} />
          <Button>Save and continue</Button>
        </fieldset>
      </ProfileForm>
    </ApplicationFrame>
  );
});
