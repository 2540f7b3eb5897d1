/**
 * Serialization of island props, shared by the server (encode) and the
 * browser (decode). JSON alone loses Dates, Maps, undefined and signals, so
 * values that JSON cannot carry are written as tagged objects:
 *
 *   { "$t": "Date", "v": "2024-01-01T00:00:00.000Z" }
 *   { "$t": "Signal", "v": 0 }        // index into the page's signal table
 *
 * A plain object that itself has a `$t` key is wrapped as
 * `{ "$t": "Object", "v": {...} }` so it can never be mistaken for a tag.
 *
 * Signals go into one table per page, so a signal passed to two islands comes
 * back as one signal in the browser and both islands stay in sync.
 *
 * Anything else (functions, symbols, class instances, JSX, cycles) is an
 * error that names the island and the prop path.
 */
// Types only: a page rendered on the server must not load @preact/signals,
// whose render hooks would then run for every component of every page.
// Decoding, which makes signals, is in deserialize.ts (the browser's part).
import type { Signal } from "@preact/signals";
import { isValidElement } from "preact";

/** The key that marks a tagged value. */
export const TAG = "$t";

export type Encoded =
  | null
  | boolean
  | number
  | string
  | Encoded[]
  | { [key: string]: Encoded };

/** The JSON document embedded in every page that has islands. */
export interface SerializedState {
  /** Values of every signal passed to an island, by signal table index. */
  signals: Encoded[];
  /** One `[islandName, encodedProps]` per rendered island, by `data-id`. */
  islands: [string, Encoded][];
}

/** The data block holding the islands' serialized props ({@link SerializedState}). */
export const ISLAND_STATE_ID = "__FRSH_STATE";
/** The data block naming each island's module ({@link IslandModuleUrls}). */
export const ISLAND_MODULES_ID = "__FRSH_ISLANDS";
/** Island name → [URL of its module, the export that is the component]. */
export type IslandModuleUrls = Record<string, [string, string]>;

/** Thrown when a prop cannot be carried to the browser. */
export class SerializationError extends Error {
  constructor(island: string, path: string, reason: string) {
    super(`Island "${island}" prop "${path}": ${reason}`);
    this.name = "SerializationError";
  }
}

function isSignal(value: unknown): value is Signal<unknown> {
  // Duck-typed so a second copy of @preact/signals-core still counts.
  return typeof value === "object" && value !== null &&
    "brand" in value &&
    (value as { brand: unknown }).brand === Symbol.for("preact-signals");
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Collects the props of every island on one page. Call {@link addIsland} for
 * each island as it renders, then {@link toJSON} once at the end.
 */
export class PropsSerializer {
  #signals = new Map<Signal<unknown>, number>();
  #signalValues: Encoded[] = [];
  #islands: [string, Encoded][] = [];

  /** Number of islands added so far. */
  get size(): number {
    return this.#islands.length;
  }

  /**
   * Encodes one island's props; returns its id (its index). Throws
   * {@link SerializationError} naming the island and prop on bad input.
   */
  addIsland(name: string, props: Record<string, unknown>): number {
    const encoded: Record<string, Encoded> = {};
    const seen = new Set<object>();
    for (const [key, value] of Object.entries(props)) {
      encoded[key] = this.#encode(value, name, [key], seen);
    }
    this.#islands.push([name, encoded]);
    return this.#islands.length - 1;
  }

  /** The page's state document as a JSON-ready object. */
  toJSON(): SerializedState {
    return { signals: this.#signalValues, islands: this.#islands };
  }

  /** The state as a string that is safe inside `<script type="application/json">`. */
  toScriptText(): string {
    return escapeScriptJson(JSON.stringify(this.toJSON()));
  }

  /**
   * `path` is where `value` sits, kept as parts and written out only for an
   * error: a page encodes hundreds of values and names none of them.
   */
  #encode(
    value: unknown,
    island: string,
    path: PathPart[],
    seen: Set<object>,
  ): Encoded {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        if (Number.isFinite(value) && !Object.is(value, -0)) return value;
        return {
          [TAG]: "Number",
          v: Object.is(value, -0) ? "-0" : String(value),
        };
      case "undefined":
        return { [TAG]: "undefined" };
      case "bigint":
        return { [TAG]: "BigInt", v: value.toString() };
      case "function":
        throw new SerializationError(
          island,
          pathText(path),
          "functions cannot be serialized",
        );
      case "symbol":
        throw new SerializationError(
          island,
          pathText(path),
          "symbols cannot be serialized",
        );
    }
    if (value === null) return null;
    const object = value as object;

    if (isSignal(object)) return this.#encodeSignal(object, island, path);
    if (object instanceof Date) {
      const time = object.getTime();
      return { [TAG]: "Date", v: Number.isNaN(time) ? null : object.toJSON() };
    }
    if (object instanceof URL) return { [TAG]: "URL", v: object.href };

    if (seen.has(object)) {
      throw new SerializationError(
        island,
        pathText(path),
        "circular references cannot be serialized",
      );
    }
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        return object.map((item, i) => {
          path.push(i);
          try {
            return this.#encode(item, island, path, seen);
          } finally {
            path.pop();
          }
        });
      }
      if (object instanceof Map) {
        const entries: Encoded[] = [];
        let i = 0;
        for (const [key, item] of object) {
          entries.push([
            this.#encode(
              key,
              island,
              [...path, { label: `<map key ${i}>` }],
              seen,
            ),
            this.#encode(
              item,
              island,
              [...path, { label: `<map value ${i}>` }],
              seen,
            ),
          ]);
          i++;
        }
        return { [TAG]: "Map", v: entries };
      }
      if (object instanceof Set) {
        const items: Encoded[] = [];
        let i = 0;
        for (const item of object) {
          items.push(
            this.#encode(
              item,
              island,
              [...path, { label: `<set item ${i}>` }],
              seen,
            ),
          );
          i++;
        }
        return { [TAG]: "Set", v: items };
      }
      if (isValidElement(object)) {
        throw new SerializationError(
          island,
          pathText(path),
          "JSX elements cannot be serialized (islands cannot take JSX as props or children)",
        );
      }
      if (!isPlainObject(object)) {
        const className = object.constructor?.name ?? "unknown";
        throw new SerializationError(
          island,
          pathText(path),
          `instances of class ${className} cannot be serialized`,
        );
      }
      const encoded: Record<string, Encoded> = {};
      for (const [key, item] of Object.entries(object)) {
        path.push(key);
        try {
          encoded[key] = this.#encode(item, island, path, seen);
        } finally {
          path.pop();
        }
      }
      return TAG in encoded ? { [TAG]: "Object", v: encoded } : encoded;
    } finally {
      seen.delete(object);
    }
  }

  #encodeSignal(
    value: Signal<unknown>,
    island: string,
    path: PathPart[],
  ): Encoded {
    let index = this.#signals.get(value);
    if (index === undefined) {
      index = this.#signalValues.length;
      this.#signals.set(value, index);
      this.#signalValues.push(null);
      this.#signalValues[index] = this.#encode(
        value.peek(),
        island,
        [...path, "value"],
        new Set(),
      );
    }
    return { [TAG]: "Signal", v: index };
  }
}

/** One step of a prop's path: a key, an index, or a map or set entry. */
type PathPart = string | number | { label: string };

/** A prop's path as errors name it: `deep.list[1]`, `map<map value 0>`. */
function pathText(path: readonly PathPart[]): string {
  return path.map((part, i) =>
    typeof part === "number"
      ? `[${part}]`
      : typeof part === "object"
      ? part.label
      : i === 0
      ? part
      : `.${part}`
  ).join("");
}

/** Makes JSON safe to embed in a `<script>` element: no `</script` and no `<!--`. */
export function escapeScriptJson(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
