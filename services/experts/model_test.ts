import { expect } from "expect";
import { expertProfileSchema, expertSearchSchema } from "./model.ts";

Deno.test("expertSearchSchema coerces query strings and rejects bad values", () => {
  expect(
    expertSearchSchema.parse({
      minRating: "4.5",
      limit: "20",
      q: "",
      category: "",
    }),
  ).toEqual({
    minRating: 4.5,
    limit: 20,
    sort: "relevance",
  });
  const result = expertSearchSchema.safeParse({
    minRating: "6",
    maxPrice: "0",
    sort: "cheapest",
    limit: "100",
    language: "english",
    category: "Bad Slug",
  });
  expect(result.success).toBe(false);
  const fields = new Set(result.error!.issues.map((issue) => issue.path[0]));
  expect(fields).toEqual(
    new Set(["minRating", "maxPrice", "sort", "limit", "language", "category"]),
  );
  expect(
    expertSearchSchema.safeParse({ minPrice: "500", maxPrice: "100" }).error
      ?.issues[0].path,
  )
    .toEqual(["maxPrice"]);
});

Deno.test("profile problems are told in plain words", () => {
  const input = {
    name: " ",
    headline: "",
    bio: "",
    categoryIds: [],
    skills: [""],
    languages: [],
    yearsExperience: 1.5,
    location: "",
  };
  const messages = expertProfileSchema.safeParse(input).error!.issues
    .filter((issue) => String(issue.path[0]) in input)
    .map((issue) => issue.message);
  for (const message of messages) {
    expect(message).not.toMatch(/expected|>=|<=|Invalid input/);
  }
  expect(messages).toEqual(expect.arrayContaining([
    "Add a name.",
    "Add a headline.",
    "Add a short bio.",
    "Choose a category.",
    "Remove the empty skill.",
    "Choose a language.",
    "Enter a whole number of years.",
    "Add where you are based.",
  ]));
});
