/**
 * The page layer's public entry: configuration helper, the `define` helpers
 * and every type route files use. Runtime pieces live in `runtime.ts`
 * (`Head`, `ClientScript`, `IS_BROWSER`), `server.ts` (`createApp`), `build.ts` (`build`) and
 * `manifest.ts`.
 */
import type { FreshConfig } from "./types.ts";

export type * from "./types.ts";
export { ClientScript, Head, IS_BROWSER } from "./runtime.ts";
export { HttpError } from "./http_error.ts";
export {
  createDefine,
  type Define,
  type HandlerData,
  type LayoutComponent,
  type PageComponent,
  type Renders,
} from "./define.ts";

/** Identity helper that gives `fresh.config.ts` its type. */
export function defineConfig(config: FreshConfig): FreshConfig {
  return config;
}
