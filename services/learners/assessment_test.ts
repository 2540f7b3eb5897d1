import { expect } from "expect";
import {
  ASSESSMENT,
  ASSESSMENT_LENGTH,
  assessmentStatements,
  levelFromAnswers,
} from "./assessment.ts";

Deno.test("the self-assessment asks a few statements per level, naming the topic", () => {
  for (const group of ASSESSMENT) {
    expect(group.statements.length).toBeGreaterThanOrEqual(3);
  }
  const statements = assessmentStatements("Piano");
  expect(statements).toHaveLength(ASSESSMENT_LENGTH);
  expect(statements.every((statement) => statement.includes("Piano")))
    .toBe(true);
});

Deno.test("the self-assessment reaches a level step by step", () => {
  expect(levelFromAnswers([])).toBe("beginner");
  // One of three is not enough; two of three is.
  expect(levelFromAnswers([true, false, false])).toBe("beginner");
  expect(levelFromAnswers([true, true, false])).toBe("intermediate");
  expect(levelFromAnswers([true, false, true, true, true, false])).toBe(
    "advanced",
  );
  // Advanced answers without the basics stay at beginner.
  expect(levelFromAnswers([false, false, false, true, true, true])).toBe(
    "beginner",
  );
});
