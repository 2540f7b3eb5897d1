import { expect } from "expect";
import type { Offering } from "@/services/offerings/mod.ts";
import { profileCompleteness } from "./profile_completeness.ts";

const at = new Date().toISOString();
const session: Offering = {
  id: "o1",
  expertId: "e",
  kind: "session",
  title: "Chat",
  description: "",
  durationMinutes: 30,
  priceMinor: 1000,
  currency: "USD",
  active: true,
  createdAt: at,
  updatedAt: at,
};

Deno.test("an empty profile is 0% with a hint for every item", () => {
  const result = profileCompleteness({}, []);
  expect(result.percent).toBe(0);
  expect(result.items.map((item) => item.id)).toEqual([
    "photo",
    "headline",
    "bio",
    "skills",
    "languages",
    "offering",
    "package",
    "links",
  ]);
  expect(result.items.every((item) => !item.done && item.hint.length > 0)).toBe(
    true,
  );
});

Deno.test("items are done by their own rule", () => {
  const profile = {
    headline: "Product designer",
    bio: "x".repeat(199),
    skills: ["a", "b"],
    languages: ["en"],
    photoUrl: null,
    linkedinOrWebsite: null,
  };
  const done = (p: typeof profile, offerings: Offering[]) =>
    profileCompleteness(p, offerings).items.filter((i) => i.done).map((i) =>
      i.id
    );
  expect(done(profile, [{ ...session, active: false }])).toEqual([
    "headline",
    "languages",
  ]);
  expect(
    done({ ...profile, bio: "x".repeat(200), skills: ["a", "b", "c"] }, [
      session,
    ]),
  )
    .toEqual(["headline", "bio", "skills", "languages", "offering"]);
  // A session type sold in packages ticks both; a withdrawn one neither.
  const pack: Offering = {
    ...session,
    id: "o2",
    packageOptions: [{
      id: "p",
      sessions: 3,
      priceMinor: 2500,
      currency: "USD",
    }],
  };
  expect(done(profile, [pack])).toEqual([
    "headline",
    "languages",
    "offering",
    "package",
  ]);
  expect(done(profile, [{ ...pack, active: false }])).toEqual([
    "headline",
    "languages",
  ]);
  const full = profileCompleteness({
    ...profile,
    bio: "x".repeat(200),
    skills: ["a", "b", "c"],
    photoUrl: "/experts/e/photo/1",
    linkedinOrWebsite: "https://example.com",
  }, [session, pack]);
  expect(full.percent).toBe(100);
  expect(profileCompleteness({ headline: "x", languages: ["en"] }, []).percent)
    .toBe(25);
});
