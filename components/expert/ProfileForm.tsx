/**
 * The profile form shared by the application's first step and an approved
 * expert's /expert/profile: headline, bio, years, languages, a link and the
 * location, plus the separate photo upload form (multipart).
 */
import { Button } from "@/components/Button.tsx";
import {
  FormErrorSummary,
  TextAreaField,
  TextField,
} from "@/components/FormField.tsx";
import { filterLanguages } from "@/components/languages.ts";
import { readFields } from "@/components/forms.ts";
import { Avatar } from "@/components/Avatar.tsx";
import { applicationPatchSchema } from "@/services/applications/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { Checkbox, errorFor, FieldGroup, firstErrors } from "./controls.tsx";

export const PROFILE_FIELDS = [
  "headline",
  "bio",
  "yearsExperience",
  "linkedinOrWebsite",
  "location",
] as const;
export type ProfileValues =
  & Record<typeof PROFILE_FIELDS[number], string>
  & { languages: string[] };

/** The profile patch as the services take it, from what the form posted. */
export interface ProfilePatchFromForm {
  headline: string;
  bio: string;
  yearsExperience: number;
  languages: string[];
  linkedinOrWebsite: string | null;
  location: string | null;
}

/**
 * Reads the posted profile form. `patch` is null when a field can't even be
 * read (years that aren't a whole number); `errors` then says why.
 */
export function readProfileForm(form: FormData): {
  values: ProfileValues;
  patch: ProfilePatchFromForm | null;
  errors: Record<string, string>;
} {
  const fields = readFields(form, PROFILE_FIELDS);
  const languages = form.getAll("languages").filter((value): value is string =>
    typeof value === "string"
  );
  const values = { ...fields, languages };
  const years = fields.yearsExperience.trim();
  const patch = {
    headline: fields.headline,
    bio: fields.bio,
    yearsExperience: Number(years),
    languages,
    linkedinOrWebsite: fields.linkedinOrWebsite.trim() || null,
    location: fields.location.trim() || null,
  };
  if (!/^\d{1,3}$/.test(years)) {
    // Report the other fields' problems too, without saving anything.
    const { yearsExperience: _, ...rest } = patch;
    const checked = applicationPatchSchema.safeParse(rest);
    return {
      values,
      patch: null,
      errors: {
        ...(checked.success
          ? {}
          : firstErrors(ValidationError.fromZod(checked.error).fieldErrors)),
        yearsExperience: "Give a whole number of years, e.g. 8.",
      },
    };
  }
  return { values, errors: {}, patch };
}

/** The form values for a stored profile or application (nulls become ""). */
export function profileValues(source: {
  headline: string | null;
  bio: string | null;
  yearsExperience: number | null;
  languages: string[] | null;
  linkedinOrWebsite?: string | null;
  location?: string | null;
}): ProfileValues {
  return {
    headline: source.headline ?? "",
    bio: source.bio ?? "",
    yearsExperience: source.yearsExperience === null
      ? ""
      : String(source.yearsExperience),
    languages: source.languages ?? [],
    linkedinOrWebsite: source.linkedinOrWebsite ?? "",
    location: source.location ?? "",
  };
}

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
      <FieldGroup
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
      </FieldGroup>
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
        <label for="photo" class="block text-sm font-semibold text-slate-900">
          Profile photo (PNG or JPEG, up to 5 MB)
        </label>
        <input
          id="photo"
          name="photo"
          type="file"
          accept="image/png,image/jpeg"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "photo-error" : undefined}
          class="mt-1.5 block w-full text-sm text-slate-900"
        />
        {error && (
          <p id="photo-error" class="mt-1.5 text-sm font-medium text-red-800">
            <span aria-hidden="true">⚠️</span> {error}
          </p>
        )}
      </div>
      <Button variant="secondary">Upload photo</Button>
    </form>
  );
}
