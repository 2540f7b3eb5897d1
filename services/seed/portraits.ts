/**
 * Generated portraits for the demo experts, so pages are seen (and
 * measured) as they will look with real photos: a head-and-shoulders
 * silhouette on a soft gradient, its colours picked from the expert's id,
 * so each expert always gets the same picture. They go through the same
 * pipeline as uploads (services/images) and are stored as real photos.
 *
 * Generating and encoding a portrait takes about half a second of CPU, so
 * this runs apart from `seedDemoData` (which every test app calls): main.ts
 * starts it in the background after seeding, and the seed CLI runs it.
 */
import { setGeneratedExpertPhoto } from "@/services/applications/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { type Pixels, processPixels } from "@/services/images/mod.ts";
import { DEMO_EXPERTS } from "./data/experts.ts";
import { demoExpertId } from "./seed.ts";

const SIZE = 640;

const SKIN = [
  [255, 219, 172],
  [241, 194, 125],
  [224, 172, 105],
  [198, 134, 66],
  [141, 85, 36],
  [92, 56, 32],
] as const;
const HAIR = [
  [35, 28, 24],
  [70, 45, 30],
  [120, 80, 45],
  [200, 160, 90],
  [150, 150, 155],
  [20, 20, 24],
] as const;

type Rgb = readonly [number, number, number];

/** A small deterministic generator (mulberry32) seeded by a string. */
function randomFor(text: string): () => number {
  let seed = 0;
  for (const char of text) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) =>
    Math.round(
      255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))),
    );
  return [f(0), f(8), f(4)];
}

/** Paints an anti-aliased ellipse over `pixels`. */
function ellipse(
  pixels: Pixels,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  colour: Rgb,
): void {
  const { data } = pixels;
  const edge = Math.min(rx, ry);
  const top = Math.max(0, Math.floor(cy - ry - 1));
  const bottom = Math.min(SIZE - 1, Math.ceil(cy + ry + 1));
  const left = Math.max(0, Math.floor(cx - rx - 1));
  const right = Math.min(SIZE - 1, Math.ceil(cx + rx + 1));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      const cover = Math.min(
        1,
        Math.max(0, (1 - Math.sqrt(dx * dx + dy * dy)) * edge + 0.5),
      );
      if (cover === 0) continue;
      const at = (y * SIZE + x) * 4;
      for (let c = 0; c < 3; c++) {
        data[at + c] = data[at + c] * (1 - cover) + colour[c] * cover;
      }
    }
  }
}

/** The portrait for `seed` (an expert id), 640×640 RGBA. */
export function portraitPixels(seed: string): Pixels {
  const random = randomFor(seed);
  const hue = Math.floor(random() * 360);
  const from = hsl(hue, 0.55, 0.82);
  const to = hsl((hue + 40) % 360, 0.5, 0.62);
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    const t = y / (SIZE - 1);
    for (let x = 0; x < SIZE; x++) {
      const at = (y * SIZE + x) * 4;
      for (let c = 0; c < 3; c++) data[at + c] = from[c] * (1 - t) + to[c] * t;
      data[at + 3] = 255;
    }
  }
  const pixels = { width: SIZE, height: SIZE, data };
  const skin = SKIN[Math.floor(random() * SKIN.length)];
  const hair = HAIR[Math.floor(random() * HAIR.length)];
  const shirt = hsl((hue + 180) % 360, 0.35, 0.3 + random() * 0.15);
  const headY = 285 + random() * 20;
  const hairRadius = 122 + random() * 26;
  const shade: Rgb = [skin[0] * 0.85, skin[1] * 0.85, skin[2] * 0.85];
  ellipse(pixels, 320, headY - 15, hairRadius, hairRadius * 1.02, hair);
  ellipse(pixels, 320, 700, 260, 230, shirt);
  ellipse(pixels, 320, headY + 150, 58, 90, shade);
  ellipse(pixels, 320, headY + 10, 112, 138, skin);
  // A fringe over the forehead, cut by the face below it.
  ellipse(pixels, 320, headY - 95, 108, 58, hair);
  return pixels;
}

/**
 * Gives every demo expert without a photo its generated portrait (the
 * first `limit` only, when given). Safe to run again, and from several
 * processes: a portrait's id is its content hash, so they write the same
 * files. Returns how many photos were set.
 */
export async function seedDemoPhotos(
  kv: Deno.Kv,
  opts: { limit?: number } = {},
): Promise<number> {
  let set = 0;
  const count = Math.min(opts.limit ?? Infinity, DEMO_EXPERTS.length);
  for (let index = 0; index < count; index++) {
    const id = demoExpertId(index);
    const expert = await getExpert(kv, id);
    if (!expert || expert.photoUrl) continue;
    const image = await processPixels(portraitPixels(id));
    if (await setGeneratedExpertPhoto(kv, id, image)) set++;
  }
  return set;
}
