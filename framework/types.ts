/**
 * The public types of the page layer. They follow Fresh 1.x's names and
 * shapes so that route files read the same as they would on Fresh itself.
 *
 * This folder knows nothing of TapTime.
 */
import type { ComponentChildren, ComponentType } from "preact";

/** Per-request state shared by middlewares, handlers and pages. */
export type DefaultState = Record<string, unknown>;

/** What a route module's default component receives. */
export interface PageProps<Data = unknown, State = DefaultState> {
  /** The request URL. */
  url: URL;
  /** Values of the route's dynamic segments, e.g. `{ id: "42" }` for `[id].tsx`. */
  params: Record<string, string>;
  /** What the handler passed to `ctx.render(data)`; `undefined` when there is no handler. */
  data: Data;
  /** Request state filled by middlewares. */
  state: State;
  /** The route pattern that matched, e.g. `/experts/:id`. */
  route: string;
  /** Set on the `_500` page: what was thrown. */
  error?: unknown;
}

/** Props of `_app.tsx` and every `_layout.tsx`: the page props plus the inner component. */
export interface AppProps<Data = unknown, State = DefaultState>
  extends PageProps<Data, State> {
  Component: ComponentType<Record<never, never>>;
}
export type LayoutProps<Data = unknown, State = DefaultState> = AppProps<
  Data,
  State
>;

/** The context every handler and middleware receives. */
export interface FreshContext<State = DefaultState, Data = unknown> {
  req: Request;
  url: URL;
  params: Record<string, string>;
  state: State;
  /** Route pattern that matched; empty for static files and unmatched paths. */
  route: string;
  /** The client's address, when the server passed `Deno.ServeHandlerInfo`. */
  remoteAddr?: Deno.Addr;
  /** Render the route's page (inside layouts and `_app`) with `data`. */
  render(data?: Data, init?: ResponseInit): Promise<Response>;
  /** Render the `_404` page with status 404. */
  renderNotFound(): Promise<Response>;
  /** In middleware: run the rest of the chain (inner middlewares, then the route). */
  next(): Promise<Response>;
}

export type Handler<Data = unknown, State = DefaultState> = (
  req: Request,
  ctx: FreshContext<State, Data>,
) => Response | Promise<Response>;

/** Per-method handlers. A missing method gets 405 (GET falls back to rendering the page). */
export type Handlers<Data = unknown, State = DefaultState> = Partial<
  Record<
    "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS",
    Handler<Data, State>
  >
>;

export type MiddlewareHandler<State = DefaultState> = (
  req: Request,
  ctx: FreshContext<State>,
) => Response | Promise<Response>;

/**
 * What a route file may export. The type parameters are `any` on purpose (as
 * in Fresh): each route narrows its own `Data` and `State`, and function
 * parameters are checked contravariantly, so `unknown` here would reject
 * every typed page, handler and layout in `fresh.gen.ts`.
 */
export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<any>;
  // deno-lint-ignore no-explicit-any
  handler?: Handler<any, any> | Handlers<any, any>;
  config?: RouteConfig;
}

export interface RouteConfig {
  /** Render this page without the `_app` wrapper (the page returns a whole document). */
  skipAppWrapper?: boolean;
  /** On a page: render without any `_layout`. On a layout: drop the layouts of parent folders. */
  skipInheritedLayouts?: boolean;
}

export interface MiddlewareModule {
  // deno-lint-ignore no-explicit-any
  handler: MiddlewareHandler<any> | MiddlewareHandler<any>[];
}

/** The generated `fresh.gen.ts`: every route and island module, keyed by path. */
export interface Manifest {
  /** Keys like `./routes/experts/[id].tsx`. */
  routes: Record<string, RouteModule | MiddlewareModule>;
  /** Keys like `./islands/ExpertFilters.tsx`. */
  islands: Record<string, Record<string, unknown>>;
  /** `import.meta.url` of the manifest: the project root is its folder. */
  baseUrl: string;
}

/** A build step contributed by a plugin (Tailwind is one). */
export interface Plugin {
  name: string;
  /**
   * Source files the plugin reads (relative to the project root), such as
   * Tailwind's input stylesheet. Never served, even from the static folder:
   * only what the plugin builds is.
   */
  inputs?: string[];
  /** Runs during `build`, writing into `outDir`; returns CSS files to link on every page. */
  build?(ctx: { root: string; outDir: string; dev: boolean }): Promise<
    { css?: string[] } | void
  >;
}

/** `fresh.config.ts`. */
export interface FreshConfig {
  plugins?: Plugin[];
  /** Output folder for built assets, relative to the project root. Default `_fresh`. */
  outDir?: string;
  /** Folder of static files served at `/`. Default `static`. */
  staticDir?: string;
  /**
   * Content-Security-Policy for HTML responses. Pages carry no inline
   * script (island props travel in JSON data blocks, the runtime is a static
   * module), so `script-src 'self'` is enough and the policy is the same for
   * every response.
   */
  csp?: string;
  /**
   * Static client scripts: name → entry file relative to the project root.
   * Each is bundled content-hashed and loaded with `<ClientScript name>`.
   */
  scripts?: Record<string, string>;
}

/** For `Head`: children rendered into the document's `<head>`. */
export interface HeadProps {
  children?: ComponentChildren;
}
