/**
 * The browser's half of island props serialization (see serialize.ts):
 * decoding a page's state document into live props, with one signal per
 * signal table entry. Kept apart so the server never loads
 * @preact/signals.
 */
import { type Signal, signal } from "@preact/signals";
import { type Encoded, type SerializedState, TAG } from "./serialize.ts";

/** Decodes a page's state document into island names and live props. */
export function deserializeState(
  state: SerializedState,
): { name: string; props: Record<string, unknown> }[] {
  const signals = new Map<number, Signal<unknown>>();
  const decode = (value: Encoded): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(decode);
    if (!(TAG in value)) {
      const object: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        object[key] = decode(item);
      }
      return object;
    }
    const payload = value.v;
    switch (value[TAG]) {
      case "undefined":
        return undefined;
      case "Number":
        return Number(payload);
      case "BigInt":
        return BigInt(payload as string);
      case "Date":
        return new Date(payload === null ? NaN : payload as string);
      case "URL":
        return new URL(payload as string);
      case "Map":
        return new Map(
          (payload as Encoded[][]).map(([key, item]) => [
            decode(key),
            decode(item),
          ]),
        );
      case "Set":
        return new Set((payload as Encoded[]).map(decode));
      case "Object": {
        const object: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(payload as object)) {
          object[key] = decode(item);
        }
        return object;
      }
      case "Signal": {
        const index = payload as number;
        let existing = signals.get(index);
        if (!existing) {
          existing = signal<unknown>(undefined);
          signals.set(index, existing);
          existing.value = decode(state.signals[index]);
        }
        return existing;
      }
      default:
        throw new Error(`Unknown serialized tag: ${String(value[TAG])}`);
    }
  };
  return state.islands.map(([name, props]) => ({
    name,
    props: decode(props) as Record<string, unknown>,
  }));
}
