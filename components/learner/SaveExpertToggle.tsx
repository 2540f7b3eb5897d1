/**
 * "Save" / "Saved" on an expert's profile: a plain form posting to the
 * saved-experts page, which comes back to the profile. Only a signed-in
 * learner gets the form; a signed-out visitor gets a sign-in link that is
 * the same for everyone, so the cached public profile never depends on who
 * asked. Other roles get nothing.
 */
import { SAVED_EXPERTS_PATH } from "./Experts.tsx";

export type SaveState = "signed_out" | "saved" | "not_saved" | "none";

const box =
  "inline-flex items-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold ring-1 ring-inset shadow-sm";

export function SaveExpertToggle(
  { state, expertId, name, path, changed = null }: {
    state: SaveState;
    expertId: string;
    name: string;
    /** The profile's path, to come back to. */
    path: string;
    /** What the learner's last press did, said beside the button. */
    changed?: "added" | "removed" | null;
  },
) {
  if (state === "none") return null;
  if (state === "signed_out") {
    return (
      <a
        href={`/login?next=${encodeURIComponent(path)}`}
        class="text-sm font-medium text-brand-800 underline"
      >
        Log in to save {name} for later
      </a>
    );
  }
  const saved = state === "saved";
  return (
    <form
      method="post"
      action={SAVED_EXPERTS_PATH}
      class="flex flex-wrap items-center gap-3"
    >
      <input type="hidden" name="expertId" value={expertId} />
      <input type="hidden" name="action" value={saved ? "remove" : "save"} />
      <input type="hidden" name="next" value={path} />
      <button
        type="submit"
        class={`${box} ${
          saved
            ? "bg-brand-50 text-brand-900 ring-brand-700"
            : "bg-white text-slate-900 ring-slate-300 hover:bg-slate-50"
        }`}
      >
        <span aria-hidden="true">{saved ? "♥" : "♡"}</span>
        {saved ? "Saved" : "Save"}
        <span class="sr-only">
          {saved
            ? `: ${name} is in your saved experts; press to remove`
            : ` ${name} to your saved experts`}
        </span>
      </button>
      {changed && (
        <p role="status" class="text-sm text-slate-800">
          {changed === "added"
            ? "Saved. "
            : "Removed from your saved experts. "}
          <a
            href={SAVED_EXPERTS_PATH}
            class="font-medium text-brand-800 underline"
          >
            Your saved experts
          </a>
        </p>
      )}
    </form>
  );
}
