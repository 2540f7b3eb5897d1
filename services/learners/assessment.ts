/**
 * The short self-assessment behind each interest's level: a few statements
 * per level, answered yes or no. A learner is at the highest level whose
 * statements they mostly agree with, provided they reach the level below
 * too, so "advanced" cannot come from one lucky answer.
 *
 * (The level names are spelled here rather than imported from model.ts,
 * which imports this module for ASSESSMENT_LENGTH.)
 */

type AssessedLevel = "beginner" | "intermediate" | "advanced";

/** The statements, by the level they point to; `{topic}` names the interest. */
export const ASSESSMENT: ReadonlyArray<
  {
    level: Exclude<AssessedLevel, "beginner">;
    statements: readonly string[];
  }
> = [
  {
    level: "intermediate",
    statements: [
      "I have already practised {topic}, on my own or at work.",
      "I know the basic terms of {topic} and what they mean.",
      "I can finish a simple {topic} task when I have an example to follow.",
    ],
  },
  {
    level: "advanced",
    statements: [
      "I handle everyday {topic} tasks without step-by-step help.",
      "I could explain the finer points of {topic} to someone else.",
      "I know the common mistakes in {topic} and how to avoid them.",
    ],
  },
];

/** What each level means, shown beside the choice. */
export const LEVEL_DESCRIPTIONS: Record<AssessedLevel, string> = {
  beginner: "New to it, or only tried it a few times.",
  intermediate: "Practised it; some tasks still need an example.",
  advanced: "At ease with it; looking for the finer points.",
};

/** How many answers the assessment of one interest has. */
export const ASSESSMENT_LENGTH = ASSESSMENT.reduce(
  (sum, group) => sum + group.statements.length,
  0,
);

/** The statements for one topic, in order, as they are asked. */
export function assessmentStatements(topic: string): string[] {
  return ASSESSMENT.flatMap((group) =>
    group.statements.map((statement) => statement.replace("{topic}", topic))
  );
}

/**
 * The level the answers (in `assessmentStatements` order; missing ones count
 * as no) point to: a level needs at least half its statements agreed with,
 * and every level below it reached.
 */
export function levelFromAnswers(answers: readonly boolean[]): AssessedLevel {
  let level: AssessedLevel = "beginner";
  let index = 0;
  for (const group of ASSESSMENT) {
    const agreed = group.statements.filter((_, offset) =>
      answers[index + offset] === true
    ).length;
    index += group.statements.length;
    if (agreed * 2 < group.statements.length) break;
    level = group.level;
  }
  return level;
}
