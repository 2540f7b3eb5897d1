import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  saveApplication,
} from "@/services/applications/mod.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { errorFor, readForm, splitList } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import { CategoryChoices } from "@/components/expert/CategoryChoices.tsx";
import {
  isEditable,
  loadApplication,
  savedNotice,
  toNextStep,
} from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

interface ExpertiseData {
  application: ApplicationView;
  tree: CategoryWithChildren[];
  values: { categoryIds: string[]; skills: string };
  errors: Record<string, string>;
  message: string | null;
}

export const handler = define.handlers<ExpertiseData>({
  async GET(_req, ctx) {
    const application = await loadApplication(ctx);
    return ctx.render({
      application,
      tree: await listCategories(ctx.state.kv),
      values: {
        categoryIds: application.categoryIds ?? [],
        skills: (application.skills ?? []).join(", "),
      },
      errors: {},
      message: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    const values = {
      categoryIds: form.getAll("categoryIds").map(String),
      skills: String(form.get("skills") ?? ""),
    };
    try {
      await saveApplication(kv, user.id, {
        categoryIds: values.categoryIds,
        skills: splitList(values.skills),
      });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        application: await loadApplication(ctx),
        tree: await listCategories(kv),
        values,
        errors: failure.errors,
        message: failure.message,
      }, { status: failure.status });
    }
    return toNextStep("expertise");
  },
});

/** Step 2: categories and skills. */
export default define.page<typeof handler>(function ExpertiseStep(
  { data, state, url },
) {
  const { application, tree, values, errors, message } = data;
  return (
    <ApplicationFrame
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      application={application}
      current="expertise"
      notice={savedNotice(url)}
    >
      {message && <Notice tone="error">{message}</Notice>}
      <Card title="Your expertise" id="expertise">
        <form method="post" action="/expert/application/expertise" noValidate>
          <fieldset
            disabled={!isEditable(application.status)}
            class="space-y-6"
          >
            <FormErrorSummary errors={errors} />
            <CategoryChoices
              tree={tree}
              selected={values.categoryIds}
              legend="Categories you teach"
              hint="Choose up to 10; learners find you under these."
              error={errorFor(errors, "categoryIds")}
            />
            <TextField
              name="skills"
              label="Skills"
              required
              value={values.skills}
              error={errorFor(errors, "skills")}
              hint="Separate them with commas, e.g. React, TypeScript, Testing (up to 15)."
            />
            <Button>Save and continue</Button>
          </fieldset>
        </form>
      </Card>
    </ApplicationFrame>
  );
});
