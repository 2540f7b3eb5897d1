/**
 * The completeness checklist an expert sees beside their profile: what is
 * done, what to add next, and a percentage for the progress bar. Pure: it
 * reads the profile (or application) and offerings it is given.
 */
import { type Offering, packageOptionsOf } from "@/services/offerings/mod.ts";

/** The profile fields the checklist looks at; null or absent means unset. */
export interface CompletenessProfile {
  photoFileKey?: string | null;
  photoUrl?: string | null;
  headline?: string | null;
  bio?: string | null;
  skills?: readonly string[] | null;
  languages?: readonly string[] | null;
  linkedinOrWebsite?: string | null;
}

export interface CompletenessItem {
  id:
    | "photo"
    | "headline"
    | "bio"
    | "skills"
    | "languages"
    | "offering"
    | "package"
    | "links";
  label: string;
  done: boolean;
  /** What to do about it, worded for the expert. */
  hint: string;
}

export interface Completeness {
  /** Whole percent of items done, 0–100. */
  percent: number;
  items: CompletenessItem[];
}

export const GOOD_BIO_LENGTH = 200;
export const GOOD_SKILL_COUNT = 3;

/** Scores a profile and its offerings (inactive ones do not count). */
export function profileCompleteness(
  profile: CompletenessProfile,
  offerings: readonly Offering[],
): Completeness {
  const active = offerings.filter((offering) => offering.active);
  const items: CompletenessItem[] = [
    {
      id: "photo",
      label: "Profile photo",
      done: Boolean(profile.photoFileKey || profile.photoUrl),
      hint: "Add a clear photo of your face: learners book people.",
    },
    {
      id: "headline",
      label: "Headline",
      done: (profile.headline ?? "").trim().length > 0,
      hint: "Sum up what you help with in one line.",
    },
    {
      id: "bio",
      label: `Bio of ${GOOD_BIO_LENGTH}+ characters`,
      done: (profile.bio ?? "").trim().length >= GOOD_BIO_LENGTH,
      hint:
        "Tell learners about your experience, how you teach and who you help best.",
    },
    {
      id: "skills",
      label: `At least ${GOOD_SKILL_COUNT} skills`,
      done: (profile.skills?.length ?? 0) >= GOOD_SKILL_COUNT,
      hint: "Skills are how learners find you in search.",
    },
    {
      id: "languages",
      label: "Languages you teach in",
      done: (profile.languages?.length ?? 0) > 0,
      hint: "List every language you can hold a session in.",
    },
    {
      id: "offering",
      label: "A session to book",
      done: active.length > 0,
      hint: "Add a session type so learners can book you.",
    },
    {
      id: "package",
      label: "A package",
      // Packages are options of a session type, bought on top of it.
      done: active.some((offering) => packageOptionsOf(offering).length > 0),
      hint:
        "Sell a session type in packages of several sessions: they suit learners with bigger goals.",
    },
    {
      id: "links",
      label: "LinkedIn or website",
      done: Boolean(profile.linkedinOrWebsite),
      hint: "A link to your work helps learners trust you.",
    },
  ];
  const done = items.filter((item) => item.done).length;
  return { percent: Math.round((done / items.length) * 100), items };
}
