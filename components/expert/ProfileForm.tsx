/**
 * The profile form, shared by the application's first step and an approved
 * expert's /expert/profile: one multipart form holding the photo (with its
 * own "Upload photo" button) and the text fields (headline, bio, years,
 * languages, a link and the location). The photo sits in the same form as
 * the text so that uploading it sends what was typed along, and the page
 * comes back with the text kept. Reading the posted form is
 * web/profile_form.ts.
 */
import type { ComponentChildren } from "preact";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { Avatar } from "@/components/Avatar.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import {
  Checkbox,
  FileField,
  TextAreaField,
  TextField,
} from "@/components/form/inputs.tsx";
import { errorFor } from "@/web/forms.ts";
import FileSizeCheck from "@/islands/FileSizeCheck.tsx";
import { payloadTooLargeMessage } from "@/middleware/body_limit.ts";
import { MAX_PHOTO_BYTES } from "@/services/applications/mod.ts";
import {
  IMAGE_UPLOAD_NAMES,
  IMAGE_UPLOAD_TYPES,
} from "@/services/images/mod.ts";
import { filterLanguages } from "@/web/languages.ts";
import type { ProfileValues } from "@/web/profile_form.ts";

/** The profile fields inside a form (the caller provides the form and button). */
export function ProfileFields(
  { values, errors }: { values: ProfileValues; errors: Record<string, string> },
) {
  // The usual list, with any other language the expert speaks, named.
  const languageChoices = filterLanguages(undefined, values.languages);
  return (
    <div class="space-y-5">
      <TextField
        name="headline"
        label="Headline"
        required
        maxLength={120}
        value={values.headline}
        error={errors.headline}
        hint="One line learners see under your name, 10 to 120 characters."
      />
      <TextAreaField
        name="bio"
        label="About you"
        required
        rows={8}
        maxLength={2000}
        value={values.bio}
        error={errors.bio}
        hint="50 to 2,000 characters. Plain text: what you teach, how, and for whom."
      />
      <TextField
        name="yearsExperience"
        label="Years of experience"
        type="number"
        required
        value={values.yearsExperience}
        error={errors.yearsExperience}
      />
      <Fieldset
        id="languages"
        legend="Languages you teach in"
        error={errorFor(errors, "languages")}
      >
        <div class="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
          {languageChoices.map((language) => (
            <Checkbox
              key={language.code}
              id={`language-${language.code}`}
              name="languages"
              value={language.code}
              label={language.name}
              checked={values.languages.includes(language.code)}
            />
          ))}
        </div>
      </Fieldset>
      <TextField
        name="linkedinOrWebsite"
        label="LinkedIn or website"
        maxLength={300}
        value={values.linkedinOrWebsite}
        error={errors.linkedinOrWebsite}
        hint="A full https:// address."
      />
      <TextField
        name="location"
        label="Location"
        maxLength={100}
        value={values.location}
        error={errors.location}
        hint="City and country, e.g. Lisbon, Portugal."
      />
    </div>
  );
}

/** What the "Upload photo" button posts as `action`. */
export const PHOTO_ACTION = "photo";

/**
 * The whole profile form: the error summary, a photo card and the text
 * card (`children` holds the text fields and the submit button).
 * `photo` null shows `lockedPhoto` instead of the upload.
 */
export function ProfileForm(
  { action, photo, lockedPhoto, errors, saveLabel, title, children }: {
    action: string;
    photo: {
      userId: string;
      name: string;
      photoUrl: string | null;
    } | null;
    lockedPhoto?: string;
    errors: Record<string, string>;
    /** The text card's submit label; Enter in a text field does the same. */
    saveLabel: string;
    title: string;
    children: ComponentChildren;
  },
) {
  return (
    <form
      method="post"
      action={action}
      enctype="multipart/form-data"
      noValidate
      class="space-y-6"
    >
      {/* The form's first submit button is what Enter presses: saving, not uploading. */}
      <button type="submit" hidden tabIndex={-1}>{saveLabel}</button>
      <FormErrorSummary errors={errors} />
      <Card title="Photo" id="photo-card">
        {photo
          ? <PhotoFields {...photo} error={errors.photo} />
          : <p>{lockedPhoto}</p>}
      </Card>
      <Card title={title} id="profile-details">{children}</Card>
    </form>
  );
}

/** The photo, its file field and the button that uploads it at once. */
function PhotoFields(
  { userId, name, photoUrl, error }: {
    userId: string;
    name: string;
    photoUrl: string | null;
    error?: string;
  },
) {
  return (
    <div class="flex flex-col gap-4 sm:flex-row sm:items-end">
      <Avatar id={userId} name={name} photoUrl={photoUrl} size="lg" />
      <div class="grow">
        <FileField
          name="photo"
          label={`Profile photo (${IMAGE_UPLOAD_NAMES}, up to 5 MB)`}
          accept={IMAGE_UPLOAD_TYPES.join(",")}
          optional={false}
          error={error}
        />
        <FileSizeCheck
          inputId="photo"
          maxBytes={MAX_PHOTO_BYTES}
          message={payloadTooLargeMessage(MAX_PHOTO_BYTES)}
        />
      </div>
      <Button variant="secondary" name="action" value={PHOTO_ACTION}>
        Upload photo
      </Button>
    </div>
  );
}
