/**
 * Draws a share card: satori lays the card out as SVG (flexbox, Inter plus
 * whichever fallback fonts the text needs: fonts.ts), resvg (WebAssembly) rasterizes it to PNG. Both run on the
 * edge — no native add-ons — and take a few hundred milliseconds, which is
 * why cards are rendered once and kept (see store.ts).
 */
import satori from "satori";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import {
  SHARE_CARD_HEIGHT,
  SHARE_CARD_WIDTH,
  type ShareCardContent,
  shareCardContentSchema,
} from "./model.ts";
import { fontsFor, readPackageFile } from "./fonts.ts";

let ready: Promise<void> | null = null;

/** Loads resvg's WebAssembly, once per process. */
function prepare(): Promise<void> {
  ready ??= (async () => {
    await initWasm(await readPackageFile("@resvg/resvg-wasm/index_bg.wasm"));
  })();
  ready.catch(() => ready = null);
  return ready;
}

const BRAND = {
  dark: "#042f2e",
  deep: "#134e4a",
  main: "#0f766e",
  light: "#ccfbf1",
  accent: "#5eead4",
};

/** Longest title and subtitle drawn in full; longer ones end in "…". */
const MAX_TITLE = 70;
const MAX_SUBTITLE = 130;

const PADDING_X = 80;
const PADDING_Y = 64;
const CONTENT_WIDTH = SHARE_CARD_WIDTH - 2 * PADDING_X;
const AVATAR_SIZE = 200;
const AVATAR_GAP = 48;

/** The card as a PNG of SHARE_CARD_WIDTH × SHARE_CARD_HEIGHT pixels. */
export async function renderShareCard(
  input: ShareCardContent,
): Promise<Uint8Array<ArrayBuffer>> {
  const { png, missing } = await drawShareCard(input);
  if (missing.length > 0) {
    // Drawn all the same (without those characters): a card is better
    // than none, and the log says which script to add a font for.
    console.warn(
      `Share card drawn without glyphs for ${
        JSON.stringify(missing.join(""))
      }.`,
    );
  }
  return png;
}

/**
 * The card, and the characters satori found in no loaded font (so drew
 * as nothing): empty when every character of the card has a glyph.
 */
export async function drawShareCard(
  input: ShareCardContent,
): Promise<{ png: Uint8Array<ArrayBuffer>; missing: string[] }> {
  const content = shareCardContentSchema.parse(input);
  const [, { fonts, families }] = await Promise.all([
    prepare(),
    fontsFor(cardTexts(content)),
  ]);
  const missing = new Set<string>();
  const svg = await satori(cardTree(content, families) as never, {
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    fonts,
    // satori asks here for text no loaded font covers; the fonts are
    // already chosen (fonts.ts), so this only records what is missing.
    loadAdditionalAsset: (_language: string, segment: string) => {
      for (const char of segment) missing.add(char);
      return Promise.resolve([]);
    },
  });
  const image = new Resvg(svg, { fitTo: { mode: "original" } }).render();
  try {
    return { png: new Uint8Array(image.asPng()), missing: [...missing] };
  } finally {
    image.free();
  }
}

type ParsedContent = ReturnType<typeof shareCardContentSchema.parse>;

/** Every text the card draws. */
function cardTexts(content: ParsedContent): string[] {
  const { eyebrow, title, subtitle, facts, initials } = content;
  return ["TapTime", eyebrow, title, subtitle ?? "", ...facts, initials ?? ""];
}

// satori takes React-shaped elements; these few helpers build them without
// pulling a JSX runtime into a service.
type Node = { type: string; props: Record<string, unknown> } | string;

function el(
  type: string,
  style: Record<string, unknown>,
  children?: Node | Node[],
  attrs: Record<string, unknown> = {},
): Node {
  return { type, props: { ...attrs, style, children } };
}

function cardTree(content: ParsedContent, families: string[]): Node {
  const { eyebrow, title, subtitle, facts, initials } = content;
  return el("div", {
    // satori sizes the root's content box: the padding comes on top.
    width: CONTENT_WIDTH,
    height: SHARE_CARD_HEIGHT - 2 * PADDING_Y,
    display: "flex",
    flexDirection: "column",
    justifyContent: "space-between",
    padding: `${PADDING_Y}px ${PADDING_X}px`,
    // Inter's Latin first, then the subsets the text needs (fonts.ts).
    fontFamily: families.join(", "),
    color: "white",
    backgroundColor: BRAND.deep,
    backgroundImage:
      `linear-gradient(135deg, ${BRAND.main} 0%, ${BRAND.deep} 55%, ${BRAND.dark} 100%)`,
  }, [
    el("div", { display: "flex", alignItems: "center", gap: 20 }, [
      logoMark(),
      el("div", { fontSize: 36, fontWeight: 700 }, "TapTime"),
      ...(eyebrow
        ? [
          el("div", {
            fontSize: 28,
            color: BRAND.light,
            marginLeft: 12,
            paddingLeft: 24,
            borderLeft: `2px solid ${BRAND.accent}`,
          }, eyebrow),
        ]
        : []),
    ]),
    el("div", { display: "flex", alignItems: "center", width: CONTENT_WIDTH }, [
      ...(initials
        ? [
          el("div", {
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            flexShrink: 0,
            marginRight: AVATAR_GAP,
            width: AVATAR_SIZE,
            height: AVATAR_SIZE,
            borderRadius: AVATAR_SIZE / 2,
            backgroundColor: BRAND.light,
            color: BRAND.deep,
            fontSize: 84,
            fontWeight: 700,
          }, initials),
        ]
        : []),
      el("div", {
        display: "flex",
        flexDirection: "column",
        width: initials
          ? CONTENT_WIDTH - AVATAR_SIZE - AVATAR_GAP
          : CONTENT_WIDTH,
      }, [
        el("div", {
          fontSize: title.length > 40 ? 60 : 72,
          fontWeight: 700,
          lineHeight: 1.1,
          lineClamp: 2,
        }, clip(title, MAX_TITLE)),
        ...(subtitle
          ? [
            el("div", {
              fontSize: 34,
              lineHeight: 1.35,
              marginTop: 24,
              color: BRAND.light,
              lineClamp: 2,
            }, clip(subtitle, MAX_SUBTITLE)),
          ]
          : []),
      ]),
    ]),
    el(
      "div",
      { display: "flex", gap: 20, height: 64 },
      facts.map((fact, index) =>
        el("div", {
          display: "flex",
          alignItems: "center",
          gap: 12,
          padding: "12px 28px",
          borderRadius: 40,
          backgroundColor: "rgba(255,255,255,0.14)",
          fontSize: 30,
          fontWeight: 700,
        }, [
          ...(index === 0 && content.firstFactIsRating ? [star()] : []),
          fact,
        ])
      ),
    ),
  ]);
}

/** The speech bubble with a clock from static/logo.svg. */
function logoMark(): Node {
  return el("svg", {}, [
    el("path", {}, undefined, {
      d: "M16 3C8.8 3 3 8.4 3 15c0 3.2 1.4 6.1 3.6 8.2L5.5 29l6.1-2.9c1.4.4 2.9.7 4.4.7 7.2 0 13-5.4 13-11.8S23.2 3 16 3Z",
      fill: "white",
    }),
    el("circle", {}, undefined, { cx: 16, cy: 15, r: 7.5, fill: BRAND.main }),
    el("path", {}, undefined, {
      d: "M16 10.5V15l3.2 2.2",
      fill: "none",
      stroke: "white",
      "stroke-width": 2.2,
      "stroke-linecap": "round",
    }),
  ], { width: 56, height: 56, viewBox: "0 0 32 32" });
}

function star(): Node {
  return el("svg", {}, [
    el("path", {}, undefined, {
      d: "M12 2.5l2.9 6.2 6.6.7-4.9 4.6 1.4 6.6L12 17.3l-5.9 3.3 1.4-6.6-4.9-4.6 6.6-.7z",
      fill: "#fbbf24",
    }),
  ], { width: 32, height: 32, viewBox: "0 0 24 24" });
}

/** `text` cut at a word boundary to at most `max` characters. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${
    (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")
  }…`;
}
