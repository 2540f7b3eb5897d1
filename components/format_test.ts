import { expect } from "expect";
import {
  describeTimeZone,
  formatDate,
  initials,
  languageName,
  plural,
} from "./format.ts";
import { avatarColour } from "./Avatar.tsx";
import { ratingLabel } from "./RatingStars.tsx";
import { isCurrentSection } from "./SiteHeader.tsx";
import { canonicalUrl, pageTitle } from "./Seo.tsx";

Deno.test("initials use the first letters of the first and last names", () => {
  expect(initials("Ana María Silva")).toBe("AS");
  expect(initials("Prince")).toBe("P");
  expect(initials("  émile   zola ")).toBe("ÉZ");
  expect(initials("<b> Mallory")).toBe("BM");
  expect(initials("")).toBe("?");
});

Deno.test("formatting helpers", () => {
  expect(languageName("es")).toBe("Spanish");
  expect(languageName("not a code")).toBe("not a code");
  expect(formatDate("2025-03-04T23:30:00Z")).toBe("March 4, 2025");
  expect(plural(1, "review")).toBe("1 review");
  expect(plural(1200, "review")).toBe("1,200 reviews");
  expect(describeTimeZone("UTC")).toBe("UTC (UTC)");
  expect(describeTimeZone("Not/AZone")).toBe("Not/AZone");
  expect(ratingLabel(4.84, 120)).toBe("4.8 out of 5, 120 reviews");
  expect(ratingLabel(0, 0)).toBe("New expert, no reviews yet");
});

Deno.test("avatar colour is stable per id and varies across ids", () => {
  expect(avatarColour("01ABC")).toBe(avatarColour("01ABC"));
  const colours = new Set(
    ["a", "b", "c", "d", "e", "f", "g", "h"].map(avatarColour),
  );
  expect(colours.size).toBeGreaterThan(3);
});

Deno.test("navigation marks the current section, not look-alike paths", () => {
  expect(isCurrentSection("/experts", "/experts")).toBe(true);
  expect(isCurrentSection("/experts/01ABC", "/experts")).toBe(true);
  expect(isCurrentSection("/expertsabc", "/experts")).toBe(false);
  expect(isCurrentSection("/", "/blog")).toBe(false);
});

Deno.test("SEO helpers build absolute canonical URLs and suffixed titles", () => {
  expect(canonicalUrl("https://taptime.example/", "/faq")).toBe(
    "https://taptime.example/faq",
  );
  expect(pageTitle("Blog")).toBe("Blog · TapTime");
});
