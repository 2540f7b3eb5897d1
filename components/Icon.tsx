/**
 * An icon from the Lucide set (`lucide-static`), drawn on the server as
 * inline SVG: no icon font, no emoji font, no client JavaScript. Icons are
 * decoration beside words, so they are hidden from screen readers; the
 * caller's classes size and colour them (the strokes use `currentColor`).
 * Server-only: islands must not import it (it would ship the whole set).
 */
import { h } from "preact";
import * as lucide from "lucide-static";
import { MarkupCache } from "@/framework/markup.ts";
import { IconFrame } from "./IconFrame.tsx";

/** One shape of an icon (`path`, `circle`, `rect`…) and its attributes. */
export type IconNode = [tag: string, attributes: Record<string, string>];

const SVG_BODY = /<svg[^>]*>([\s\S]*)<\/svg>/;
const SHAPE = /<([a-z]+)((?:\s+[a-z0-9-]+="[^"]*")*)\s*\/>/g;
const ATTRIBUTE = /([a-z0-9-]+)="([^"]*)"/g;
const parsed = new Map<string, IconNode[] | null>();

/** "chart-column" → "ChartColumn", the package's export name. */
function exportName(icon: string): string {
  return icon.split("-").map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The shapes of a Lucide icon, or null when the set has no icon of that
 * name. Lucide's icons are flat lists of self-closing shapes; anything else
 * left over means the markup is not understood, and counts as missing
 * rather than being drawn wrong.
 */
export function iconNodes(icon: string): IconNode[] | null {
  if (parsed.has(icon)) return parsed.get(icon)!;
  const svg = (lucide as Record<string, unknown>)[exportName(icon)];
  const body = typeof svg === "string" ? SVG_BODY.exec(svg)?.[1] : undefined;
  let nodes: IconNode[] | null = null;
  if (body && body.replace(SHAPE, "").trim() === "") {
    nodes = [...body.matchAll(SHAPE)].map(([, tag, attributes]) => [
      tag,
      Object.fromEntries(
        [...attributes.matchAll(ATTRIBUTE)].map(([, name, value]) => [
          name,
          value,
        ]),
      ),
    ]);
    if (nodes.length === 0) nodes = null;
  }
  parsed.set(icon, nodes);
  return nodes;
}

/** Each icon at each size is drawn once, then reused as markup. */
const kept = new MarkupCache(1_000);

/** Draws the Lucide icon `name` (kebab-case, e.g. "circle-check"). */
export function Icon(
  { name, class: className = "h-5 w-5" }: { name: string; class?: string },
) {
  return kept.get(
    `${name} ${className}`,
    () => (
      <IconFrame class={`shrink-0 ${className}`}>
        {(iconNodes(name) ?? []).map(([tag, attributes], index) =>
          h(tag, { key: index, ...attributes })
        )}
      </IconFrame>
    ),
  );
}
