/**
 * The fonts a share card is drawn with. Inter's Latin subsets are always
 * loaded; any other script a card's text uses (Cyrillic, Greek, Vietnamese,
 * Devanagari, Arabic, Chinese, Japanese, Korean) brings in only the font files
 * whose `unicode-range` covers its characters, read on first use and kept in
 * a byte-bounded cache. So the common, Latin-only card costs nothing more,
 * and a card naming "山田太郎" loads four small slices of Noto Sans SC
 * (about 50 KB each), not the 1.5 MB font.
 *
 * Which file covers what comes from the packages' own CSS (`400.css`,
 * `700.css`, one `@font-face` per subset), read once when first needed.
 * satori takes WOFF (not WOFF2 without a decoder), so the `.woff` of each
 * face is used. All fonts are SIL Open Font License 1.1.
 */

export type FontWeight = 400 | 700;

/** One subset file of one family at one weight. */
export interface FontFace {
  /**
   * The subset's own name, e.g. `inter-latin-ext` or `noto-sans-sc-45`:
   * satori uses one font per name and weight, so subsets of a family that
   * shared the family's name would hide each other.
   */
  family: string;
  weight: FontWeight;
  /** npm specifier of the `.woff` file. */
  file: string;
  /** Inclusive code point ranges, from the face's `unicode-range`. */
  ranges: [number, number][];
}

/** A font as satori takes it. */
export interface SatoriFont {
  name: string;
  data: ArrayBuffer;
  weight: FontWeight;
  style: "normal";
}

/**
 * Packages searched for a character, in order: Inter first (the card's
 * typeface, with its Cyrillic, Greek and Vietnamese subsets), then Noto Sans
 * (Devanagari and what Inter lacks), Arabic, Chinese (which also has the
 * Japanese kana), then Korean.
 */
const PACKAGES = [
  "@fontsource/inter",
  "@fontsource/noto-sans",
  "@fontsource/noto-sans-arabic",
  "@fontsource/noto-sans-sc",
  "@fontsource/noto-sans-kr",
] as const;

const WEIGHTS: readonly FontWeight[] = [400, 700];

/** Always loaded: what nearly every card needs. */
const BASE_FILES = new Set([
  "@fontsource/inter/files/inter-latin-400-normal.woff",
  "@fontsource/inter/files/inter-latin-700-normal.woff",
  "@fontsource/inter/files/inter-latin-ext-400-normal.woff",
  "@fontsource/inter/files/inter-latin-ext-700-normal.woff",
]);

/**
 * Most bytes of fallback fonts kept between cards (the base fonts are kept
 * apart). Enough for a few scripts at once; the least recently used file
 * goes first.
 */
export const FALLBACK_CACHE_BYTES = 8 * 1024 * 1024;

/** The `@font-face` rules of one fontsource CSS file, as faces. */
export function parseFontFaces(css: string, pkg: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const [, body] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const weight = Number(/font-weight:\s*(\d+)/.exec(body)?.[1]);
    const woff = /url\(\.\/files\/([^)]+\.woff)\)\s*format\('woff'\)/
      .exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!woff || !range || !WEIGHTS.includes(weight as never)) {
      continue;
    }
    faces.push({
      family: woff.replace(/-\d+-normal\.woff$/, ""),
      weight: weight as FontWeight,
      file: `${pkg}/files/${woff}`,
      ranges: parseUnicodeRange(range),
    });
  }
  return faces;
}

/** `U+0400-045F,U+0490` → `[[0x400, 0x45f], [0x490, 0x490]]`. */
export function parseUnicodeRange(text: string): [number, number][] {
  return text.split(",").flatMap((part) => {
    const match = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match) return [];
    const [, start, end] = match;
    // `U+4??` (a wildcard range) stands for U+400-4FF.
    const low = parseInt(start.replaceAll("?", "0"), 16);
    const high = end
      ? parseInt(end, 16)
      : parseInt(start.replaceAll("?", "f"), 16);
    return [[low, high] as [number, number]];
  });
}

function covers(face: FontFace, codePoint: number): boolean {
  return face.ranges.some(([low, high]) =>
    codePoint >= low && codePoint <= high
  );
}

/** Code points drawn as nothing, or by the layout, never from a font. */
function needsNoGlyph(codePoint: number): boolean {
  return codePoint <= 0x20 || (codePoint >= 0x7f && codePoint <= 0xa0) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) || codePoint === 0xfeff;
}

let catalog: Promise<FontFace[]> | null = null;

/** Every face of every package, in search order; read once. */
function allFaces(): Promise<FontFace[]> {
  catalog ??= (async () => {
    return (await Promise.all(PACKAGES.map(packageFaces))).flat();
  })();
  catalog.catch(() => catalog = null);
  return catalog;
}

let base: Promise<{ fonts: SatoriFont[]; faces: FontFace[] }> | null = null;

/** The always-loaded fonts, and their faces (to know what they cover). */
function baseFonts(): Promise<{ fonts: SatoriFont[]; faces: FontFace[] }> {
  base ??= (async () => {
    const faces = (await packageFaces(PACKAGES[0])).filter((face) =>
      BASE_FILES.has(face.file)
    );
    const fonts = await Promise.all(faces.map(async (face) => ({
      name: face.family,
      data: toArrayBuffer(await readPackageFile(face.file)),
      weight: face.weight,
      style: "normal" as const,
    })));
    return { fonts, faces };
  })();
  base.catch(() => base = null);
  return base;
}

/** One package's faces at the weights cards use, from its CSS. */
async function packageFaces(pkg: string): Promise<FontFace[]> {
  const lists = await Promise.all(WEIGHTS.map(async (weight) =>
    parseFontFaces(
      new TextDecoder().decode(await readPackageFile(`${pkg}/${weight}.css`)),
      pkg,
    )
  ));
  return lists.flat();
}

/** Fallback font files read, most recently used last. */
const cache = new Map<string, ArrayBuffer>();
let cachedBytes = 0;

/** Bytes of fallback fonts cached now (for tests and diagnostics). */
export function cachedFallbackBytes(): number {
  return cachedBytes;
}

async function fallbackFont(file: string): Promise<ArrayBuffer> {
  const hit = cache.get(file);
  if (hit) {
    cache.delete(file);
    cache.set(file, hit);
    return hit;
  }
  const data = toArrayBuffer(await readPackageFile(file));
  cache.set(file, data);
  cachedBytes += data.byteLength;
  for (const [oldest, bytes] of cache) {
    if (cachedBytes <= FALLBACK_CACHE_BYTES || oldest === file) break;
    cache.delete(oldest);
    cachedBytes -= bytes.byteLength;
  }
  return data;
}

/** What `fontsFor` chose for a text. */
export interface CardFonts {
  fonts: SatoriFont[];
  /** Families in the order a CSS `font-family` should name them. */
  families: string[];
  /** Characters no packaged font has: drawn as nothing. */
  missing: string[];
}

/**
 * The fonts to draw `texts` with: the base fonts, plus, at both weights,
 * each fallback face holding a character the base lacks.
 */
export async function fontsFor(texts: string[]): Promise<CardFonts> {
  const { fonts: baseList, faces: baseFaces } = await baseFonts();
  const families = unique(baseList.map((font) => font.name));
  const uncovered = new Set<number>();
  for (const text of texts) {
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      if (
        !needsNoGlyph(codePoint) &&
        !baseFaces.some((face) => covers(face, codePoint))
      ) uncovered.add(codePoint);
    }
  }
  if (uncovered.size === 0) return { fonts: baseList, families, missing: [] };

  const faces = (await allFaces()).filter((face) => !BASE_FILES.has(face.file));
  const chosen = new Set<FontFace>();
  const missing: string[] = [];
  for (const codePoint of uncovered) {
    let found = false;
    for (const weight of WEIGHTS) {
      const face = faces.find((face) =>
        face.weight === weight && covers(face, codePoint)
      );
      if (face) {
        chosen.add(face);
        found = true;
      }
    }
    if (!found) missing.push(String.fromCodePoint(codePoint));
  }
  // Search order, so a character two faces share comes from the earlier.
  const ordered = faces.filter((face) => chosen.has(face));
  const extra = await Promise.all(ordered.map(async (face) => ({
    name: face.family,
    data: await fallbackFont(face.file),
    weight: face.weight,
    style: "normal" as const,
  })));
  return {
    fonts: [...baseList, ...extra],
    families: unique([...families, ...extra.map((font) => font.name)]),
    missing,
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.byteLength === bytes.byteLength
    ? bytes.buffer as ArrayBuffer
    : bytes.slice().buffer;
}

export async function readPackageFile(specifier: string): Promise<Uint8Array> {
  return await Deno.readFile(new URL(import.meta.resolve(specifier)));
}
