import type { ComponentChildren } from "preact";

export interface Step {
  title: string;
  body: ComponentChildren;
}

/**
 * Numbered steps (how it works, how approval works). A real ordered list, so
 * the order is announced too.
 */
export function Steps(
  { steps, tone = "white" }: { steps: Step[]; tone?: "white" | "muted" },
) {
  const card = tone === "muted" ? "bg-white" : "bg-slate-50";
  return (
    <ol class="grid gap-5 md:grid-cols-3">
      {steps.map((step, index) => (
        <li key={step.title} class={`rounded-xl p-6 ${card}`}>
          <span
            aria-hidden="true"
            class="flex h-10 w-10 items-center justify-center rounded-full bg-brand-700 text-lg font-bold text-white"
          >
            {index + 1}
          </span>
          <h3 class="mt-4 text-lg font-semibold text-slate-900">
            <span class="sr-only">{`Step ${index + 1}: `}</span>
            {step.title}
          </h3>
          <div class="mt-2 text-slate-700">{step.body}</div>
        </li>
      ))}
    </ol>
  );
}

/** A grid of short feature blurbs with an emoji each (benefits, values). */
export function FeatureList(
  { features }: {
    features: { icon: string; title: string; body: ComponentChildren }[];
  },
) {
  return (
    <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {features.map((feature) => (
        <li key={feature.title} class="flex gap-4">
          <span aria-hidden="true" class="text-2xl leading-none">
            {feature.icon}
          </span>
          <div>
            <h3 class="font-semibold text-slate-900">{feature.title}</h3>
            <div class="mt-1 text-slate-700">{feature.body}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
