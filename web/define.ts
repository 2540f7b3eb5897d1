/**
 * The app's one `define`: every route states its data type with
 * `define.handlers<Data>(…)` and `define.page<typeof handler>(…)`, and its
 * request state (`AppState`) nowhere.
 */
import { createDefine } from "@/framework/define.ts";
import type { AppState } from "@/state.ts";

export const define = createDefine<AppState>();
