/**
 * The small helpers that live beside their components: avatar colours,
 * rating wording and the SEO title and canonical URL.
 */
import { expect } from "expect";
import { avatarColour } from "./Avatar.tsx";
import { ratingLabel } from "./RatingStars.tsx";
import { canonicalUrl, pageTitle } from "./Seo.tsx";

Deno.test("ratings are described in words", () => {
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

Deno.test("SEO helpers build absolute canonical URLs and suffixed titles", () => {
  expect(canonicalUrl("https://taptime.example/", "/faq")).toBe(
    "https://taptime.example/faq",
  );
  expect(pageTitle("Blog")).toBe("Blog · TapTime");
});
