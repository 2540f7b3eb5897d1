import { define } from "@/web/define.ts";
import {
  updateExpertProfile,
  uploadChosenPhoto,
} from "@/services/applications/mod.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import { type ExpertProfile, getExpert } from "@/services/experts/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import {
  type Completeness,
  profileCompleteness,
} from "@/services/applications/mod.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { errorFor, readForm, splitList } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { CategoryChoices } from "@/components/expert/CategoryChoices.tsx";
import { CompletenessChecklist } from "@/components/expert/CompletenessChecklist.tsx";
import {
  PHOTO_ACTION,
  ProfileFields,
  ProfileForm,
} from "@/components/expert/ProfileForm.tsx";
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

type Values = ProfileValues & { categoryIds: string[]; skills: string };

interface ProfileData {
  /** Null until the application is approved. */
  expert: ExpertProfile | null;
  completeness: Completeness | null;
  tree: CategoryWithChildren[];
  values: Values;
  errors: Record<string, string>;
  message: string | null;
  /** What was just done, when the page is answered in place (not redirected). */
  done: string | null;
}

function valuesOf(expert: ExpertProfile): Values {
  return {
    ...profileValues(expert),
    categoryIds: expert.categoryIds,
    skills: expert.skills.join(", "),
  };
}

const EMPTY: Values = {
  headline: "",
  bio: "",
  yearsExperience: "",
  languages: [],
  linkedinOrWebsite: "",
  location: "",
  categoryIds: [],
  skills: "",
};

async function pageData(
  kv: Deno.Kv,
  userId: string,
  form?: {
    values: Values;
    errors: Record<string, string>;
    message: string | null;
    done?: string;
  },
): Promise<ProfileData> {
  const expert = await getExpert(kv, userId);
  return {
    expert,
    completeness: expert
      ? profileCompleteness(expert, await listOfferings(kv, userId))
      : null,
    tree: await listCategories(kv),
    values: form?.values ?? (expert ? valuesOf(expert) : EMPTY),
    errors: form?.errors ?? {},
    message: form?.message ?? null,
    done: form?.done ?? null,
  };
}

export const handler = define.handlers<ProfileData>({
  async GET(_req, ctx) {
    return ctx.render(await pageData(ctx.state.kv, requireUser(ctx.state).id));
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const userId = requireUser(ctx.state).id;
    let form: FormData;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      return ctx.render(
        await pageData(kv, userId).then((data) => ({
          ...data,
          errors: { photo: payloadTooLargeMessage(UPLOAD_BODY_BYTES) },
        })),
        { status: 413 },
      );
    }
    const expert = await getExpert(kv, userId);
    if (!expert) {
      return ctx.render(await pageData(kv, userId), { status: 409 });
    }

    const read = readProfileForm(form);
    const values: Values = {
      ...read.values,
      categoryIds: form.getAll("categoryIds").map(String),
      skills: String(form.get("skills") ?? ""),
    };
    // The photo rides in the same form as the text, so an upload keeps what
    // was typed; a photo chosen and then "Save profile" is uploaded too.
    const uploadOnly = form.get("action") === PHOTO_ACTION;
    try {
      await uploadChosenPhoto(kv, userId, form.get("photo"), {
        required: uploadOnly,
      });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        await pageData(kv, userId, {
          values,
          errors: {
            photo: failure.errors.photo ?? failure.message ??
              "The upload failed.",
          },
          message: null,
        }),
        { status: failure.status },
      );
    }
    if (uploadOnly) {
      return ctx.render(
        await pageData(kv, userId, {
          values,
          errors: {},
          message: null,
          done: "photo",
        }),
      );
    }
    if (!read.patch) {
      return ctx.render(
        await pageData(kv, userId, {
          values,
          errors: read.errors,
          message: null,
        }),
        { status: 400 },
      );
    }
    try {
      await updateExpertProfile(kv, userId, {
        ...read.patch,
        categoryIds: values.categoryIds,
        skills: splitList(values.skills),
      });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        await pageData(kv, userId, {
          values,
          errors: failure.errors,
          message: failure.message,
        }),
        { status: failure.status },
      );
    }
    return seeOther("/expert/profile?done=saved");
  },
});

/** Chosen ids the tree no longer offers (retired since they were chosen). */
function retiredKept(tree: CategoryWithChildren[], chosen: string[]): string[] {
  const offered = new Set(
    tree.flatMap((category) => [category, ...category.subcategories])
      .map((category) => category.id),
  );
  return chosen.filter((id) => !offered.has(id));
}

const DONE: Record<string, string> = {
  saved: "Your profile is saved; learners see the changes now.",
  photo:
    "Your new photo is on your profile. The text below is not saved until you choose Save profile.",
};

/** An approved expert's live profile: completeness, photo and every public field. */
export default define.page<typeof handler>(function ExpertProfilePage(
  { data, url },
) {
  const { expert, completeness, tree, values, errors, message } = data;
  const done = DONE[data.done ?? url.searchParams.get("done") ?? ""];
  return (
    <>
      {!expert && (
        <Card title="Your profile isn't public yet" id="not-approved">
          <p>
            Your public profile is created when your application is approved.
            Until then, edit your answers in the application.
          </p>
          <ButtonLink href="/expert/application">
            Open your application
          </ButtonLink>
        </Card>
      )}
      {expert && completeness && (
        <>
          {done && <Notice tone="success">{done}</Notice>}
          {message && <Notice tone="error">{message}</Notice>}
          {!expert.published && (
            <Notice tone="error" title="Your profile is hidden">
              An admin unpublished your profile; learners can't find it. Check
              your email for the reason.
            </Notice>
          )}
          <Card title="Profile completeness" id="completeness-card">
            <CompletenessChecklist completeness={completeness} />
            {expert.published && (
              <a
                href={`/experts/${encodeURIComponent(expert.id)}`}
                class="font-semibold text-brand-800 underline"
              >
                See your public profile
              </a>
            )}
          </Card>
          <ProfileForm
            action="/expert/profile"
            photo={{
              userId: expert.id,
              name: expert.name,
              photoUrl: expert.photoUrl,
            }}
            errors={errors}
            saveLabel="Save profile"
            title="Public profile"
          >
            <div class="space-y-6">
              <ProfileFields values={values} errors={errors} />
              <CategoryChoices
                tree={tree}
                selected={values.categoryIds}
                legend="Categories you teach"
                error={errorFor(errors, "categoryIds")}
              />
              {/* Retired categories stay on the profile but can't be chosen anew. */}
              {retiredKept(tree, values.categoryIds).map((id) => (
                <input key={id} type="hidden" name="categoryIds" value={id} />
              ))}
              <TextField
                name="skills"
                label="Skills"
                required
                value={values.skills}
                error={errorFor(errors, "skills")}
                hint="Separate them with commas (up to 15)."
              />
              <Button>Save profile</Button>
            </div>
          </ProfileForm>
        </>
      )}
    </>
  );
});
