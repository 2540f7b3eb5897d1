/**
 * The browser runtime. The page's boot script imports it together with the
 * modules of the islands present on the page and calls {@link boot}, which
 * reads the props state and hydrates every `<fresh-island>` element.
 */
import { type ComponentType, h, hydrate } from "preact";
import { deserializeState, type SerializedState } from "./serialize.ts";

/** Island name → [its module, the export that is the component]. */
export type IslandModules = Record<
  string,
  [Record<string, unknown>, string]
>;

/** Hydrates every island on the page. Called by the generated boot script. */
export function boot(modules: IslandModules): void {
  const stateElement = document.getElementById("__FRSH_STATE");
  if (!stateElement?.textContent) return;
  const state = JSON.parse(stateElement.textContent) as SerializedState;
  const islands = deserializeState(state);

  for (const element of document.querySelectorAll("fresh-island[data-id]")) {
    const island = islands[Number(element.getAttribute("data-id"))];
    if (!island) continue;
    const entry = modules[island.name];
    const component = entry?.[0][entry[1]] as ComponentType | undefined;
    if (!component) {
      console.error(`Island "${island.name}" has no loaded component`);
      continue;
    }
    hydrate(h(component, island.props), element);
  }
}
