/**
 * The learner's saved experts, all of them, newest saved first, each with
 * a way to remove it. Also where the profile's "Save" / "Saved" button and
 * the home's "Remove" buttons post (`expertId`, `action`: save or remove,
 * `next`: the page to go back to, on this site): plain forms, so saving
 * works without JavaScript. A refusal (an expert no longer listed, a full
 * list) shows here with what to do.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";
import {
  listSavedExperts,
  MAX_SAVED_EXPERTS,
  type SavedExpertView,
  saveExpert,
  unsaveExpert,
} from "@/services/saved_experts/mod.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import {
  SAVED_EXPERTS_PATH,
  SavedExpertList,
} from "@/components/learner/Experts.tsx";

interface SavedPageData {
  saved: SavedExpertView[];
  problem: string | null;
}

async function load(
  ctx: FreshContext<AppState>,
  problem: string | null = null,
): Promise<SavedPageData> {
  const user = requireUser(ctx.state);
  return {
    saved: await listSavedExperts(ctx.state.kv, user.id),
    problem,
  };
}

/** `next` with `saved=<outcome>` added to its query, before any hash. */
function withOutcome(next: string, outcome: "added" | "removed"): string {
  const [path, hash] = next.split("#", 2);
  const joined = `${path}${path.includes("?") ? "&" : "?"}saved=${outcome}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

export const handler = define.handlers<SavedPageData>({
  async GET(_req, ctx) {
    return ctx.render(await load(ctx));
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { expertId, action, next } = readFields(await readForm(req), [
      "expertId",
      "action",
      "next",
    ]);
    if (action !== "save" && action !== "remove") {
      return ctx.render(
        await load(ctx, "That change isn't available. Reload the page."),
        { status: 400 },
      );
    }
    try {
      if (action === "save") await saveExpert(ctx.state.kv, user.id, expertId);
      else await unsaveExpert(ctx.state.kv, user.id, expertId);
    } catch (error) {
      const failure = formFailure(error);
      if (failure.status >= 500) throw error;
      return ctx.render(
        await load(
          ctx,
          failure.message ?? Object.values(failure.errors)[0] ??
            "That change failed.",
        ),
        { status: failure.status },
      );
    }
    return seeOther(
      withOutcome(
        safeNextPath(next) ?? SAVED_EXPERTS_PATH,
        action === "save" ? "added" : "removed",
      ),
    );
  },
});

export default define.page<typeof handler>(function SavedExpertsPage(
  { data, state, url },
) {
  const { saved, problem } = data;
  const outcome = url.searchParams.get("saved");
  return (
    <>
      <PrivatePageSeo
        title="Saved experts"
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <Card title="Saved experts" id="saved-experts">
        {problem && <Notice tone="error">{problem}</Notice>}
        {outcome === "removed" && (
          <Notice tone="success">Removed from your saved experts.</Notice>
        )}
        {outcome === "added" && <Notice tone="success">Saved.</Notice>}
        {saved.length > 0
          ? <SavedExpertList saved={saved} next={SAVED_EXPERTS_PATH} />
          : (
            <p>
              You have no saved experts. Open an expert's profile and press
              "Save" to keep them here.
            </p>
          )}
        <p class="text-sm text-slate-700">
          {`You can save up to ${MAX_SAVED_EXPERTS} experts.`}{" "}
          <a href="/experts" class="font-semibold text-brand-800 underline">
            Browse experts
          </a>
        </p>
      </Card>
    </>
  );
});
