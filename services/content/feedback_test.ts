import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  feedbackInputSchema,
  feedbackSummary,
  listFeedback,
  saveFeedback,
} from "./feedback.ts";

Deno.test("feedback is stored with the summary counters in one write", async () => {
  using kv = await openTestKv();
  expect(await feedbackSummary(kv)).toEqual({ count: 0, average: 0 });
  const saved = await saveFeedback(kv, {
    rating: 5,
    message: " Great! ",
    page: "/experts",
  });
  expect(saved).toMatchObject({
    rating: 5,
    message: "Great!",
    page: "/experts",
  });
  const record = await kv.get(["feedback", saved.id]);
  const count = await kv.get(["feedback_stats", "count"]);
  expect(record.value).toEqual(saved);
  expect(count.versionstamp).toBe(record.versionstamp);

  await Promise.all([
    saveFeedback(kv, { rating: 4 }),
    saveFeedback(kv, { rating: "4" }),
  ]);
  expect(await feedbackSummary(kv)).toEqual({ count: 3, average: 4.3 });

  const page = await listFeedback(kv, { limit: 2 });
  expect(page.feedback).toHaveLength(2);
  expect(page.nextCursor).not.toBeNull();
});

Deno.test("feedback input rules", async () => {
  expect(
    feedbackInputSchema.parse({ rating: 3, email: "", message: "", page: "" }),
  ).toEqual({ rating: 3 });
  const result = feedbackInputSchema.safeParse({
    rating: 4.5,
    email: "nope",
    message: "x".repeat(2001),
    page: "https://evil.example",
  });
  expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(
    ["email", "message", "page", "rating"],
  );
  expect(feedbackInputSchema.safeParse({ rating: 0 }).success).toBe(false);
  expect(feedbackInputSchema.safeParse({ rating: 6 }).success).toBe(false);
  expect(
    feedbackInputSchema.safeParse({ rating: 3, page: "//evil.example" })
      .success,
  ).toBe(false);
  using kv = await openTestKv();
  await expect(saveFeedback(kv, {} as never)).rejects.toThrow(
    ValidationError,
  );
});
