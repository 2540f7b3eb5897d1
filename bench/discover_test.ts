import { expect } from "expect";
import {
  type ExpertSample,
  filteredBrowsePath,
  firstExpertOf,
  firstLinkUnder,
  profilePath,
  searchPath,
} from "./discover.ts";

const expert: ExpertSample = {
  id: "01JEXPERT",
  headline: "Helping teams ship accessible web apps",
  skills: ["UX research", "Figma"],
  categoryIds: ["design", "product"],
  hourlyRate: { amountMinor: 8500, currency: "USD" as const },
  rating: { average: 4.7 },
};

Deno.test("the first expert is read from the API's list", () => {
  const body = {
    experts: [{ ...expert, name: "Ada" }],
    nextCursor: null,
    total: 1,
  };
  expect(firstExpertOf(body)).toEqual(expert);
  expect(firstExpertOf([expert])).toEqual(expert);
});

Deno.test("an unexpected API body becomes a clear error", () => {
  expect(String(firstExpertOf({ experts: [] }))).toContain("no experts");
  expect(String(firstExpertOf({ error: "nope" }))).toContain("no list");
  expect(String(firstExpertOf({ experts: [{ id: "x" }] }))).toContain(
    "the first expert lacks headline, skills, categoryIds",
  );
});

Deno.test("the filter is realistic and keeps the expert in the results", () => {
  expect(filteredBrowsePath(expert)).toBe(
    "/experts?category=design&maxPrice=130&minRating=4",
  );
  const modest = {
    ...expert,
    rating: { average: 3.2 },
    hourlyRate: { amountMinor: 2000, currency: "USD" as const },
  };
  expect(filteredBrowsePath(modest)).toBe(
    "/experts?category=design&maxPrice=30&minRating=3",
  );
  // The browse page takes US dollars: €100 (≈ $108) needs a cap above $162.
  const inEuros = {
    ...expert,
    hourlyRate: { amountMinor: 10000, currency: "EUR" as const },
  };
  expect(filteredBrowsePath(inEuros)).toBe(
    "/experts?category=design&maxPrice=170&minRating=4",
  );
});

Deno.test("the search word comes from a skill, else the headline", () => {
  expect(searchPath(expert)).toBe("/experts?q=research");
  expect(searchPath({ ...expert, skills: [] })).toBe("/experts?q=accessible");
  expect(searchPath({ ...expert, skills: ["C", "Go"], headline: "A B" })).toBe(
    "/experts?q=expert",
  );
});

Deno.test("profile ids are escaped into the path", () => {
  expect(profilePath(expert)).toBe("/experts/01JEXPERT");
  expect(profilePath({ ...expert, id: "a/b" })).toBe("/experts/a%2Fb");
});

Deno.test("firstLinkUnder finds a post among a page's links, on its own origin only", () => {
  const origin = "http://127.0.0.1:8000";
  expect(firstLinkUnder(
    [
      "https://elsewhere.example/blog/theirs",
      `${origin}/blog`,
      `${origin}/blog/`,
      "not a url",
      `${origin}/blog/first-post?ref=list#top`,
      `${origin}/blog/second-post`,
    ],
    origin,
    "/blog/",
  )).toBe("/blog/first-post");
  expect(firstLinkUnder([`${origin}/about`], origin, "/blog/")).toBeNull();
});
