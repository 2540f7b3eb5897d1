/**
 * The route table a manifest describes: pages by pattern (with the layouts
 * that wrap each, outer first), the folder middlewares (outer first),
 * `_app`, and the `_404`, `_500` and `_error` pages.
 */
import type { ComponentType } from "preact";
import {
  folderPattern,
  routeBaseName,
  routeFolder,
  type RoutePattern,
  routePattern,
  Router,
} from "./router.ts";
import type {
  AppProps,
  Manifest,
  MiddlewareHandler,
  MiddlewareModule,
  RouteConfig,
  RouteModule,
} from "./types.ts";

/** A renderable route: its module plus the layouts that wrap it. */
export interface PageRoute {
  key: string;
  module: RouteModule;
  layouts: ComponentType<AppProps>[];
  config: RouteConfig;
}

export interface FolderMiddleware {
  pattern: RoutePattern;
  handlers: MiddlewareHandler[];
}

/** The manifest's routes, sorted into what the request pipeline walks. */
export function collectRoutes(manifest: Manifest) {
  const router = new Router<PageRoute>();
  const middlewares: FolderMiddleware[] = [];
  const layouts = new Map<
    string,
    { component: ComponentType<AppProps>; config: RouteConfig }
  >();
  let app: ComponentType<AppProps> | null = null;
  const pages: { key: string; module: RouteModule }[] = [];

  for (const [key, module] of Object.entries(manifest.routes)) {
    const base = routeBaseName(key);
    const folder = routeFolder(key);
    if (base === "_middleware") {
      const { handler } = module as MiddlewareModule;
      middlewares.push({
        pattern: folderPattern(folder),
        handlers: Array.isArray(handler) ? handler : [handler],
      });
    } else if (base === "_layout") {
      const layout = module as RouteModule;
      if (layout.default) {
        layouts.set(folder, {
          component: layout.default as ComponentType<AppProps>,
          config: layout.config ?? {},
        });
      }
    } else if (base === "_app" && folder === "") {
      app = (module as RouteModule).default as ComponentType<AppProps> ?? null;
    } else if (
      !base.startsWith("_") || base === "_404" || base === "_500" ||
      base === "_error"
    ) {
      pages.push({ key, module: module as RouteModule });
    }
  }
  // Outer folders first, so the chain runs outer before inner.
  middlewares.sort((a, b) =>
    a.pattern.segments.length - b.pattern.segments.length
  );

  const layoutsFor = (folder: string, config: RouteConfig) => {
    const parts = folder === "" ? [] : folder.split("/");
    let chain: { component: ComponentType<AppProps>; config: RouteConfig }[] =
      [];
    for (let depth = 0; depth <= parts.length; depth++) {
      const layout = layouts.get(parts.slice(0, depth).join("/"));
      if (!layout) continue;
      if (layout.config.skipInheritedLayouts) chain = [];
      chain.push(layout);
    }
    // As in Fresh, a page that skips inherited layouts renders without any.
    if (config.skipInheritedLayouts) chain = [];
    return chain.map((layout) => layout.component);
  };

  let notFound: PageRoute | null = null;
  let error: PageRoute | null = null;
  let httpError: PageRoute | null = null;
  for (const { key, module } of pages) {
    const config = module.config ?? {};
    const entry: PageRoute = {
      key,
      module,
      config,
      layouts: layoutsFor(routeFolder(key), config),
    };
    const base = routeBaseName(key);
    if (base === "_404" && routeFolder(key) === "") notFound = entry;
    else if (base === "_500" && routeFolder(key) === "") error = entry;
    else if (base === "_error" && routeFolder(key) === "") httpError = entry;
    else if (!base.startsWith("_")) router.add(routePattern(key), entry);
  }
  return {
    router,
    middlewares,
    app: app as ComponentType<AppProps> | null,
    notFound,
    error,
    httpError,
  };
}
