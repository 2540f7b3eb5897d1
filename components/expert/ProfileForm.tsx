/**
 * The profile form's fields, shared by the application's first step and an
 * approved expert's /expert/profile (headline, bio, years, languages, a
 * link and the location), plus the separate photo upload form (multipart).
 * Reading the posted form is web/profile_form.ts.
 */
import { Button } from "@/components/Button.tsx";
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
import { filterLanguages } from "@/web/languages.ts";
import type { ProfileValues } from "@/web/profile_form.ts";

/** The profile fields inside a form (the caller provides the form and button). */
export function ProfileFields(
  { values, errors }: { values: ProfileValues; errors: Record<string, string> },
) {
  const languageChoices = filterLanguages();
  for (const code of values.languages) {
    if (!languageChoices.some((choice) => choice.code === code)) {
      languageChoices.push({ code, name: code });
    }
  }
  return (
    <div class="space-y-5">
      <FormErrorSummary errors={errors} />
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

/** The photo upload: its own multipart form so a large file never blocks the text. */
export function PhotoForm(
  { action, userId, name, photoUrl, error }: {
    action: string;
    userId: string;
    name: string;
    photoUrl: string | null;
    error?: string;
  },
) {
  return (
    <form
      method="post"
      action={action}
      enctype="multipart/form-data"
      class="flex flex-col gap-4 sm:flex-row sm:items-end"
    >
      <input type="hidden" name="action" value="photo" />
      <Avatar id={userId} name={name} photoUrl={photoUrl} size="lg" />
      <div class="grow">
        <FileField
          name="photo"
          label="Profile photo (PNG or JPEG, up to 5 MB)"
          accept="image/png,image/jpeg"
          optional={false}
          error={error}
        />
      </div>
      <Button variant="secondary">Upload photo</Button>
    </form>
  );
}
