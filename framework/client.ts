/**
 * The browser runtime, one static module for every page with islands. It
 * runs by itself: it reads the page's two JSON data blocks (the islands'
 * props, and which module holds each island), imports those modules and
 * hydrates every `<fresh-island>` element. The page carries no inline
 * script, so the Content-Security-Policy needs no nonce and the HTML is the
 * same for every visitor.
 */
import { type ComponentType, h, hydrate } from "preact";
import { deserializeState } from "./deserialize.ts";
import { noteEarlyInput, replayEarlyInput } from "./early_input.ts";
import {
  ISLAND_MODULES_ID,
  ISLAND_STATE_ID,
  type IslandModuleUrls,
  type SerializedState,
} from "./serialize.ts";

function readJson<T>(id: string): T | null {
  const text = document.getElementById(id)?.textContent;
  return text ? JSON.parse(text) as T : null;
}

/** Hydrates every island on the page. */
export async function boot(): Promise<void> {
  const state = readJson<SerializedState>(ISLAND_STATE_ID);
  const modules = readJson<IslandModuleUrls>(ISLAND_MODULES_ID);
  if (!state || !modules) return;
  const islands = deserializeState(state);
  const loaded = new Map<string, Promise<Record<string, unknown>>>();
  for (const [url] of Object.values(modules)) {
    if (!loaded.has(url)) loaded.set(url, import(url));
  }

  for (const element of document.querySelectorAll("fresh-island[data-id]")) {
    const island = islands[Number(element.getAttribute("data-id"))];
    if (!island) continue;
    const entry = modules[island.name];
    const module = entry ? await loaded.get(entry[0]) : undefined;
    const component = module?.[entry![1]] as ComponentType | undefined;
    if (!component) {
      console.error(`Island "${island.name}" has no loaded component`);
      continue;
    }
    const early = noteEarlyInput(element);
    hydrate(h(component, island.props), element);
    replayEarlyInput(early);
    // Its JSX handlers are attached (effects run after the next paint): a
    // test, or a style, can tell it has started.
    element.setAttribute("data-hydrated", "");
  }
}

if (typeof document !== "undefined") boot();
