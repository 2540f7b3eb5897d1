import { IS_BROWSER } from "../../runtime.ts";

/** Shows a description of every prop it received, to check the round trip. */
export default function Props(props: Record<string, unknown>) {
  const describe = (value: unknown): string => {
    if (value instanceof Date) return `Date(${value.toISOString()})`;
    if (value instanceof Map) return `Map(${value.size})`;
    if (value instanceof Set) return `Set(${value.size})`;
    if (value instanceof URL) return `URL(${value.href})`;
    if (typeof value === "bigint") return `BigInt(${value})`;
    if (value === undefined) return "undefined";
    return JSON.stringify(value);
  };
  return (
    <dl data-browser={String(IS_BROWSER)}>
      {Object.entries(props).map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd class={`prop-${key}`}>{describe(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
