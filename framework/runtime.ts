/**
 * Components and constants that route and island code may import. This
 * module runs on the server and in the browser, so it must not touch Deno
 * APIs or server-only modules.
 */
import { createContext, h, type VNode } from "preact";
import { useContext } from "preact/hooks";
import type { HeadProps } from "./types.ts";

/** True when running in the browser (inside a hydrated island). */
export const IS_BROWSER: boolean = typeof document !== "undefined";

/**
 * Where `Head` puts its children during a server render. The server renders
 * each page inside a provider and moves the collected nodes into `<head>`.
 */
export const HeadContext = createContext<
  ((children: HeadProps["children"]) => void) | null
>(null);

/**
 * Renders its children into the document's `<head>`, e.g. a page's `<title>`
 * and meta tags. Later `<title>`s and metas with the same name or property
 * replace earlier ones, so a page's title wins over the app's default.
 */
export function Head(props: HeadProps): VNode | null {
  const collect = useContext(HeadContext);
  if (collect) collect(props.children);
  return null;
}

/**
 * URLs of the built client scripts by name; provided by the server render
 * (see `FreshConfig.scripts`).
 */
export const ClientScriptsContext = createContext<Record<string, string>>({});

/**
 * A static client script (configured in `FreshConfig.scripts`, built
 * content-hashed), loaded as a deferred module: a few lines of behaviour for
 * a server-rendered page without an island or an inline script.
 */
// deno-lint-ignore no-explicit-any
export function ClientScript(props: { name: string }): VNode<any> {
  const urls = useContext(ClientScriptsContext);
  const src = urls[props.name];
  if (!src) {
    throw new Error(
      `No built client script named "${props.name}". List it under \`scripts\` in fresh.config.ts and run \`deno task build\`.`,
    );
  }
  return h("script", { type: "module", src });
}
