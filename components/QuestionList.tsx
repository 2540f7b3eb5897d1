import type { ComponentChildren } from "preact";

export interface Question {
  question: string;
  answer: ComponentChildren;
}

/**
 * Questions and answers as native `<details>` disclosures: they open and
 * close with keyboard and mouse, and need no JavaScript.
 */
export function QuestionList({ questions }: { questions: Question[] }) {
  return (
    <div class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
      {questions.map((item) => (
        <details key={item.question} class="group p-5">
          <summary class="flex cursor-pointer list-none items-start justify-between gap-4 rounded-md font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
            <span>{item.question}</span>
            <span
              aria-hidden="true"
              class="mt-0.5 text-brand-800 transition-transform group-open:rotate-45"
            >
              +
            </span>
          </summary>
          <div class="mt-3 text-slate-700">{item.answer}</div>
        </details>
      ))}
    </div>
  );
}
