/**
 * One interest on the level step: the short self-assessment (statements to
 * tick) and the level, where "let my answers decide" is the default, so a
 * learner who is unsure only ticks what is true.
 */
import {
  assessmentStatements,
  LEVEL_DESCRIPTIONS,
  type LevelChoice,
  levelFromAnswers,
  LEVELS,
} from "@/services/learners/mod.ts";
import { Fieldset } from "@/components/form/Field.tsx";
import { Checkbox, RadioCards } from "@/components/form/inputs.tsx";

const LEVEL_NAMES = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
} as const;

/** "Intermediate", for the review and the dashboard. */
export function levelName(level: keyof typeof LEVEL_NAMES): string {
  return LEVEL_NAMES[level];
}

export function LevelQuestions(
  { id, name, choice, answers, errors }: {
    /** The interest's category id. */
    id: string;
    /** The interest's name, as the statements say it. */
    name: string;
    choice: LevelChoice;
    answers: readonly boolean[];
    errors: Record<string, string>;
  },
) {
  return (
    <section
      aria-labelledby={`topic-${id}-heading`}
      class="space-y-5 rounded-lg border border-slate-200 p-4"
    >
      <h3
        id={`topic-${id}-heading`}
        class="text-base font-semibold text-slate-900"
      >
        {name}
      </h3>
      <Fieldset
        id={`answers-${id}`}
        legend={`Which of these are true for you?`}
        hint="Tick all that apply; leave the rest."
        error={errors[`assessments.${id}`]}
      >
        {assessmentStatements(name).map((statement, index) => (
          <Checkbox
            key={index}
            id={`answer-${id}-${index}`}
            name={`answer-${id}-${index}`}
            value="yes"
            checked={answers[index] === true}
            label={statement}
          />
        ))}
      </Fieldset>
      <RadioCards
        name={`level-${id}`}
        legend={`Your level in ${name}`}
        value={choice}
        error={errors[`levels.${id}`]}
        options={[
          {
            value: "answers",
            label: "Let my answers decide",
            description: answers.length > 0
              ? `Your answers so far say ${levelFromAnswers(answers)}.`
              : "We work it out from what you ticked above.",
          },
          ...LEVELS.map((level) => ({
            value: level,
            label: LEVEL_NAMES[level],
            description: LEVEL_DESCRIPTIONS[level],
          })),
        ]}
      />
    </section>
  );
}
