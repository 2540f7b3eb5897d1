/** The fixture's `define` helpers, as an app would keep them outside `routes/`. */
import { createDefine } from "../define.ts";

/** What the fixture's middlewares put on `ctx.state`. */
export type State = {
  /** Folders whose middleware ran, outer first (seeded by `initialState`). */
  trail: string[];
};

export const define = createDefine<State>();
