/**
 * The last step: everything the learner entered, each part with a link to
 * change it, and the level each interest ends with (and why).
 */
import type { ComponentChildren } from "preact";
import type { CategoryWithChildren } from "@/services/categories/mod.ts";
import {
  levelFromAnswers,
  type OnboardingDraft,
  resolveLevel,
} from "@/services/learners/mod.ts";
import { formatDate } from "@/web/format.ts";
import { levelName } from "./LevelQuestions.tsx";
import { onboardingHref } from "./steps.ts";

/** Category id → name, subcategories included. */
export function categoryNames(
  tree: CategoryWithChildren[],
): Map<string, string> {
  return new Map(
    tree.flatMap((top) => [top, ...top.subcategories]).map((
      category,
    ) => [category.id, category.name]),
  );
}

function Section(
  { title, step, children }: {
    title: string;
    step: "goals" | "interests" | "levels";
    children: ComponentChildren;
  },
) {
  return (
    <div class="space-y-2 border-b border-slate-200 pb-4 last:border-0 last:pb-0">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h3 class="font-semibold text-slate-900">{title}</h3>
        <a
          href={onboardingHref(step)}
          class="text-sm font-semibold text-brand-800 underline"
        >
          Change<span class="sr-only">{` ${title.toLowerCase()}`}</span>
        </a>
      </div>
      {children}
    </div>
  );
}

export function OnboardingReview(
  { answers, tree }: { answers: OnboardingDraft; tree: CategoryWithChildren[] },
) {
  const names = categoryNames(tree);
  return (
    <div class="space-y-4">
      <Section title="Your goals" step="goals">
        <ul class="list-disc space-y-1 pl-5">
          {answers.goals.map((goal, index) => (
            <li key={index}>
              {goal.text}
              {goal.targetDate && (
                <span class="text-slate-700">
                  {` (by ${formatDate(goal.targetDate)})`}
                </span>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Your interests and levels" step="levels">
        <ul class="space-y-1">
          {answers.interests.map((id) => {
            const choice = answers.levels[id] ?? "answers";
            const assessed = answers.assessments[id] ?? [];
            const level = resolveLevel(choice, assessed);
            const suggested = levelFromAnswers(assessed);
            return (
              <li key={id}>
                <span class="font-medium">{names.get(id) ?? id}</span>
                {`: ${levelName(level)}`}
                <span class="text-sm text-slate-700">
                  {choice === "answers"
                    ? " (from your answers)"
                    : suggested !== level && assessed.length > 0
                    ? ` (your choice; your answers suggest ${suggested})`
                    : " (your choice)"}
                </span>
              </li>
            );
          })}
        </ul>
        <p class="text-sm">
          <a
            href={onboardingHref("interests")}
            class="font-semibold text-brand-800 underline"
          >
            Choose other interests
          </a>
        </p>
      </Section>
    </div>
  );
}
