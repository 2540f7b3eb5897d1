/**
 * `createDefine`: Fresh 2's `define` helpers, adapted to this layer's Fresh 1
 * shapes (`(req, ctx) => Response` handlers that call `ctx.render(data)`).
 *
 * Fresh 2 infers a page's data from what its handler returns. Here a handler
 * returns a plain `Response`, so there is nothing to infer from: the handler
 * states `Data` once, as a type argument, and carries it in a type-only brand
 * that `define.page<typeof handler>` reads back.
 */
import type { FunctionComponent } from "preact";
import type {
  DefaultState,
  Handler,
  Handlers,
  LayoutProps,
  MiddlewareHandler,
  PageProps,
} from "./types.ts";

/**
 * Type-only: no handler object ever has this property. It is not exported as
 * a value, so nothing can read it; it exists so that only handlers made by
 * `define.handlers` can be given to `define.page`, whose data type would
 * otherwise silently become `unknown`.
 */
declare const renders: unique symbol;

/** The brand `define.handlers<Data>` puts on the handlers it returns. */
export interface Renders<Data> {
  readonly [renders]: Data;
}

/** The `Data` that a handler made by `define.handlers<Data>` renders. */
export type HandlerData<H extends Renders<unknown>> = H[typeof renders];

/** A route's page component. */
export type PageComponent<Data = undefined, State = DefaultState> =
  FunctionComponent<PageProps<Data, State>>;

/** A `_layout` (or `_app`) component. Layouts wrap pages of any data type. */
export type LayoutComponent<State = DefaultState> = FunctionComponent<
  LayoutProps<unknown, State>
>;

/** The helpers returned by {@linkcode createDefine}, all fixed to one `State`. */
export interface Define<State> {
  /**
   * A route's `handler` export. `Data` is what `ctx.render` accepts and what
   * the page will receive; leave it out for handlers that render no data
   * (it is then `undefined`, matching what the page gets at runtime).
   */
  handlers<Data = undefined>(
    handlers: Handlers<Data, State>,
  ): Handlers<Data, State> & Renders<Data>;
  handlers<Data = undefined>(
    handler: Handler<Data, State>,
  ): Handler<Data, State> & Renders<Data>;
  /**
   * A route's default export. Pass `typeof handler` to type `data` as what
   * the handler renders; without it, `data` is `undefined`, as it is for a
   * page that has no handler.
   */
  page<H extends Renders<unknown> = Renders<undefined>>(
    component: PageComponent<HandlerData<H>, State>,
  ): PageComponent<HandlerData<H>, State>;
  /** A `_layout` or `_app` default export. */
  layout(component: LayoutComponent<State>): LayoutComponent<State>;
  /** A `_middleware` handler export: one middleware or several, run in order. */
  middleware<M extends MiddlewareHandler<State> | MiddlewareHandler<State>[]>(
    middleware: M,
  ): M;
}

/**
 * Creates the `define` helpers for an app's request `State`, so that routes
 * name their state type nowhere and their data type once. Every helper
 * returns its argument unchanged; they only fix the types.
 *
 * @example Once per app, in a module of its own (e.g. `utils/define.ts`,
 * which imports `createDefine` from this folder's `mod.ts` and the app's
 * state type):
 * ```ts
 * export const define = createDefine<AppState>();
 * ```
 *
 * @example A route (`routes/experts/[id].tsx`), importing that `define`:
 * ```tsx
 * export const handler = define.handlers<{ name: string }>({
 *   async GET(_req, ctx) {
 *     const expert = await findExpert(ctx.state.kv, ctx.params.id);
 *     if (!expert) return ctx.renderNotFound();
 *     return ctx.render({ name: expert.name });
 *   },
 * });
 *
 * export default define.page<typeof handler>(function Expert({ data }) {
 *   return <h1>{data.name}</h1>;
 * });
 * ```
 *
 * @example Layouts and middlewares:
 * ```tsx
 * export default define.layout(({ Component, state }) => (
 *   <main data-user={state.user?.id}><Component /></main>
 * ));
 *
 * export const handler = define.middleware(async (_req, ctx) => {
 *   const response = await ctx.next();
 *   response.headers.set("x-frame-options", "DENY");
 *   return response;
 * });
 * ```
 */
export function createDefine<State = DefaultState>(): Define<State> {
  return {
    // The brand is type-only, so the handlers pass through as they are.
    handlers: ((handlers: unknown) => handlers) as Define<State>["handlers"],
    page: (component) => component,
    layout: (component) => component,
    middleware: (middleware) => middleware,
  };
}
