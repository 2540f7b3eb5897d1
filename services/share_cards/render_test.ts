import { expect } from "expect";
import { decode } from "@jsquash/png";
import { drawShareCard } from "./render.ts";
import {
  cachedFallbackBytes,
  FALLBACK_CACHE_BYTES,
  fontsFor,
  parseUnicodeRange,
} from "./fonts.ts";
import type { ShareCardContent } from "./model.ts";

const NAMES = {
  Cyrillic: "Анна Петрова",
  Greek: "Ελένη Παπαδοπούλου",
  Vietnamese: "Nguyễn Thị Hương",
  Chinese: "山田太郎",
  Japanese: "さくら ヤマダ",
  Korean: "김민준",
  Arabic: "ليلى حداد",
  Devanagari: "प्रिया शर्मा",
};

function expertCard(name: string): ShareCardContent {
  return {
    kind: "expert",
    eyebrow: "Expert",
    title: name,
    subtitle: `${name}: consultations`,
    facts: ["4.9", "from €40"],
    firstFactIsRating: true,
    initials: [...name][0],
  };
}

/** Pixels that differ between two PNGs of the same size. */
async function differingPixels(a: Uint8Array, b: Uint8Array) {
  const [left, right] = await Promise.all(
    [a, b].map((bytes) => decode(bytes.slice().buffer)),
  );
  let count = 0;
  for (let i = 0; i < left.data.length; i += 4) {
    if (
      left.data[i] !== right.data[i] ||
      left.data[i + 1] !== right.data[i + 1] ||
      left.data[i + 2] !== right.data[i + 2]
    ) count++;
  }
  return count;
}

Deno.test("share cards: a Latin-only card loads no fallback font", async () => {
  const { fonts, missing } = await fontsFor(["Zoë Łukasiewicz", "from €40"]);
  expect(fonts.map((font) => font.name).sort()).toEqual([
    "inter-latin",
    "inter-latin",
    "inter-latin-ext",
    "inter-latin-ext",
  ]);
  expect(missing).toEqual([]);
});

Deno.test("share cards: names in other scripts are drawn with their glyphs", async (t) => {
  for (const [script, name] of Object.entries(NAMES)) {
    await t.step(script, async () => {
      const drawn = await drawShareCard(expertCard(name));
      expect(drawn.missing).toEqual([]);
      // The same card with every letter replaced by one no font has: what
      // a card without the fallback fonts looked like.
      const blank = name.replace(/\S/gu, "\uE000");
      const tofu = await drawShareCard(expertCard(blank));
      expect(tofu.missing).toEqual(["\uE000"]);
      // Title, subtitle and initials: thousands of pixels of real letters.
      expect(await differingPixels(drawn.png, tofu.png)).toBeGreaterThan(
        5_000,
      );
    });
  }
});

Deno.test("share cards: fallback fonts are kept within their byte budget", async () => {
  // Over a hundred Chinese subsets: far more than the cache keeps.
  const text = Array.from(
    { length: 3000 },
    (_, i) => String.fromCodePoint(0x4e00 + i * 7),
  ).join("");
  const { fonts } = await fontsFor([text]);
  expect(fonts.length).toBeGreaterThan(100);
  expect(cachedFallbackBytes()).toBeLessThanOrEqual(FALLBACK_CACHE_BYTES);
});

Deno.test("share cards: unicode-range parsing", () => {
  expect(parseUnicodeRange("U+0400-045F, U+0490,U+4??")).toEqual([
    [0x400, 0x45f],
    [0x490, 0x490],
    [0x400, 0x4ff],
  ]);
});
