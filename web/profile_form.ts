/**
 * The expert profile form shared by the application's first step and an
 * approved expert's /expert/profile: reading what was posted into the
 * patch the services take, and the form values of a stored profile.
 */
import { applicationPatchSchema } from "@/services/applications/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { firstErrors, readFields } from "./forms.ts";

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
