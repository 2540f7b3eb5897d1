/**
 * Server-side island detection. Every function exported from a file in
 * `islands/` is an island. While a page renders, preact's `options.vnode`
 * hook swaps each island vnode's component for a wrapper (as Fresh 1 does);
 * the wrapper, when it is not already inside another island, renders
 *
 *   <fresh-island data-island="Counter" data-id="0" style="display:contents">
 *     …the island's server-rendered HTML…
 *   </fresh-island>
 *
 * and records the island's props for the page's state script. An island
 * inside another island renders plainly: the outer one hydrates it.
 */
import {
  type ComponentType,
  createContext,
  h,
  options,
  type VNode,
} from "preact";
import { useContext } from "preact/hooks";
import type { PropsSerializer } from "./serialize.ts";

/** One exported island component. */
export interface IslandInfo {
  /** Unique name used in `data-island`, e.g. `Counter` or `Counter.Other`. */
  name: string;
  /** Manifest key of the island's file, e.g. `./islands/Counter.tsx`. */
  file: string;
  /** The export's name in that file, e.g. `default`. */
  exportName: string;
}

/** Per-render state; present only while the server renders a page. */
export interface IslandRenderState {
  serializer: PropsSerializer;
  /** Islands rendered on this page, by name. */
  used: Map<string, IslandInfo>;
}

/** Provided by the page renderer around the whole page tree. */
export const IslandRenderContext = createContext<IslandRenderState | null>(
  null,
);
const InsideIslandContext = createContext(false);

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

const wrappers = new Map<AnyComponent, AnyComponent>();

/** The name of the island exported as `exportName` from `file`. */
export function islandName(file: string, exportName: string): string {
  const base = file.replace(/^\.\/islands\//, "").replace(/\.[jt]sx?$/, "")
    .replaceAll("/", "_");
  return exportName === "default" ? base : `${base}.${exportName}`;
}

/**
 * Registers every function exported from the manifest's island modules and
 * returns their descriptions. Safe to call more than once.
 */
export function registerIslands(
  islands: Record<string, Record<string, unknown>>,
): IslandInfo[] {
  installHook();
  const found: IslandInfo[] = [];
  for (const [file, module] of Object.entries(islands)) {
    for (const [exportName, value] of Object.entries(module)) {
      if (typeof value !== "function") continue;
      const info = { name: islandName(file, exportName), file, exportName };
      found.push(info);
      if (!wrappers.has(value as AnyComponent)) {
        wrappers.set(
          value as AnyComponent,
          makeWrapper(value as AnyComponent, info),
        );
      }
    }
  }
  return found;
}

function makeWrapper(Island: AnyComponent, info: IslandInfo): AnyComponent {
  // deno-lint-ignore no-explicit-any
  function IslandWrapper(props: Record<string, unknown>): VNode<any> {
    const render = useContext(IslandRenderContext);
    const inside = useContext(InsideIslandContext);
    const inner = h(Island, props);
    // Undo the hook's swap for this vnode, or it would wrap itself forever.
    (inner as { type: unknown }).type = Island;
    if (!render || inside) return inner;

    const id = render.serializer.addIsland(info.name, props);
    render.used.set(info.name, info);
    return h(
      "fresh-island",
      {
        "data-island": info.name,
        "data-id": String(id),
        style: "display:contents",
      },
      h(InsideIslandContext.Provider, { value: true }, inner),
    );
  }
  IslandWrapper.displayName = `Island(${info.name})`;
  return IslandWrapper;
}

let hookInstalled = false;

function installHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (typeof vnode.type === "function") {
      const wrapper = wrappers.get(vnode.type as AnyComponent);
      if (wrapper) (vnode as { type: unknown }).type = wrapper;
    }
    previous?.(vnode);
  };
}
