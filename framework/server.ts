/**
 * `createApp`: the request pipeline of a Fresh-style project. One Hono app
 * receives every request; for each one we
 *
 * 0. answer from the page cache when the app's policy shares this
 *    request's page and a current copy is kept (see page_cache.ts),
 * 1. build the context (state from `initialState`, the matched route and
 *    its params),
 * 2. run the `_middleware`s whose folder contains the path, outer first,
 * 3. at the end of the chain serve a static file if one exists, else the
 *    matched route (handler or page), else the `_404` page.
 *
 * Errors propagate through `ctx.next()` (so middlewares may catch them) and
 * become the `_500` page at the top.
 */
import { Hono } from "hono";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAssets } from "./assets.ts";
import { HttpError } from "./http_error.ts";
import { registerIslands } from "./islands.ts";
import { type PageCache, type PageCachePolicy } from "./page_cache.ts";
import { compressResponses, withWholeBody } from "./compress.ts";
import { PRECOMPRESSED_DIR, unservedStaticPaths } from "./precompress.ts";
import { renderDocument } from "./render.ts";
import { collectRoutes, type PageRoute } from "./route_table.ts";
import { matchSegments, routeBaseName, splitPath } from "./router.ts";
import {
  findStaticFile,
  listFiles,
  serveFile,
  type StaticFolder,
} from "./static.ts";
import type {
  DefaultState,
  FreshConfig,
  FreshContext,
  Handler,
  Handlers,
  Manifest,
  PageProps,
} from "./types.ts";

export interface CreateAppOptions {
  /** Values merged into `ctx.state` at the start of every request. */
  initialState?: (
    req: Request,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Development mode: static folders are checked on disk for every request. */
  dev?: boolean;
  /** Shares pages that are the same for every visitor (see page_cache.ts). */
  pageCache?: { cache: PageCache; policy: PageCachePolicy };
  /**
   * Headers every response carries (security, default caching), added to
   * each response the app makes. A shared page gets them once, when it is
   * kept, so a hit does no header work: anything `finish` reads from the
   * request must therefore be part of the page cache's key.
   */
  finish?: (req: Request, response: Response) => Response;
}

export interface FreshApp {
  fetch(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
  hono: Hono;
  /** The route pattern a path matches (`/experts/:id`), `""` when none does. */
  routeOf(pathname: string): string;
}

const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
const STATIC_CACHE = "public, max-age=3600";
const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** What a visitor sees for an address whose percent-encoding is broken. */
const MALFORMED_ADDRESS =
  "This address is malformed: part of it is not valid percent-encoding.";

/**
 * Like `splitPath`, but a segment whose percent-encoding is malformed stays
 * as written: enough to pick the folder middlewares and a catch-all mount
 * for an address that no page can serve.
 */
function splitPathLeniently(pathname: string): string[] {
  return pathname.split("/").filter((part) => part !== "").map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
}

/**
 * A catch-all route whose handler is one function: a mounted app (such as a
 * JSON API) that owns every path under it and answers errors its own way.
 */
function isMount(route: PageRoute): boolean {
  return routeBaseName(route.key).startsWith("[...") &&
    typeof route.module.handler === "function";
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Builds the app from the generated manifest and `fresh.config.ts`. Reads
 * `<outDir>/build.json` (written by `deno task build`) once, here.
 */
export function createApp(
  manifest: Manifest,
  config: FreshConfig,
  options: CreateAppOptions = {},
): FreshApp {
  const root = fileURLToPath(new URL(".", manifest.baseUrl));
  const outDir = resolve(root, config.outDir ?? "_fresh");
  const precompressedDir = join(outDir, PRECOMPRESSED_DIR);
  const precompressed = options.dev ? undefined : {
    dir: precompressedDir,
    files: listFiles(precompressedDir),
  };
  const unserved = unservedStaticPaths(root, config);
  const staticFolder = (
    dir: string,
    urlPrefix: string,
    cacheControl: string,
  ): StaticFolder => ({
    dir,
    urlPrefix,
    cacheControl,
    files: options.dev ? null : listFiles(dir),
    exclude: new Set(
      unserved.filter((path) => path.startsWith(urlPrefix))
        .map((path) => path.slice(urlPrefix.length)),
    ),
    precompressed,
  });
  const staticFolders: StaticFolder[] = [
    staticFolder(join(outDir, "js"), "/_fresh/js/", IMMUTABLE_CACHE),
    staticFolder(join(outDir, "css"), "/_fresh/css/", IMMUTABLE_CACHE),
    staticFolder(
      resolve(root, config.staticDir ?? "static"),
      "/",
      STATIC_CACHE,
    ),
  ];

  registerIslands(manifest.islands);
  const assets = loadAssets(outDir, Object.keys(manifest.islands), config);
  const routes = collectRoutes(manifest);

  const pageResponse = (
    route: PageRoute,
    ctx: FreshContext,
    extra: { data?: unknown; error?: unknown },
    init: ResponseInit | undefined,
    defaultStatus: number,
  ): Response => {
    const page = route.module.default;
    if (!page) {
      throw new Error(`${route.key} has no default component to render`);
    }
    const props: PageProps = {
      url: ctx.url,
      params: ctx.params,
      data: extra.data,
      state: ctx.state,
      route: ctx.route,
    };
    if ("error" in extra) props.error = extra.error;
    const skipApp = route.config.skipAppWrapper === true;
    const html = renderDocument({
      page,
      layouts: route.layouts,
      app: skipApp ? null : routes.app,
      pageIsDocument: skipApp,
      props,
      assets,
    });
    const headers = new Headers(init?.headers);
    if (!headers.has("content-type")) {
      headers.set("content-type", HTML_CONTENT_TYPE);
    }
    if (config.csp) headers.set("content-security-policy", config.csp);
    // Named here because the compress step would otherwise copy the whole
    // response to add it.
    if (!headers.has("vary")) headers.set("vary", "Accept-Encoding");
    return withWholeBody(
      new Response(html, {
        status: init?.status ?? defaultStatus,
        statusText: init?.statusText,
        headers,
      }),
      html,
    );
  };

  const notFound = (ctx: FreshContext): Response => {
    if (routes.notFound?.module.default) {
      return pageResponse(routes.notFound, ctx, {}, undefined, 404);
    }
    return new Response("404 Not Found", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  };

  const serverError = (ctx: FreshContext, error: unknown): Response => {
    if (error instanceof HttpError) {
      if (routes.httpError?.module.default) {
        try {
          return pageResponse(
            routes.httpError,
            ctx,
            { error },
            undefined,
            error.status,
          );
        } catch (pageError) {
          console.error("The _error page failed to render:", pageError);
        }
      } else if (error.status === 404) {
        return notFound(ctx);
      }
      if (error.status < 500) {
        return new Response(`${error.status} ${error.message}`, {
          status: error.status,
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
    }
    console.error(`Error while handling ${ctx.req.method} ${ctx.url}:`, error);
    if (routes.error?.module.default) {
      try {
        return pageResponse(routes.error, ctx, { error }, undefined, 500);
      } catch (pageError) {
        console.error("The _500 page failed to render:", pageError);
      }
    }
    return new Response("500 Internal Server Error", {
      status: 500,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  };

  const runRoute = async (
    route: PageRoute,
    ctx: FreshContext,
  ): Promise<Response> => {
    const { handler, default: page } = route.module;
    const method = ctx.req.method.toUpperCase();
    let run: Handler | undefined;
    if (typeof handler === "function") {
      run = handler;
    } else {
      const handlers: Handlers = handler ?? {};
      run = handlers[method as keyof Handlers] ??
        (method === "HEAD" ? handlers.GET : undefined);
      if (!run && page && (method === "GET" || method === "HEAD")) {
        return await ctx.render();
      }
      if (!run) {
        const allowed = METHODS.filter((m) =>
          m in handlers ||
          ((m === "GET" || m === "HEAD") && (page || "GET" in handlers))
        );
        return new Response("405 Method Not Allowed", {
          status: 405,
          headers: {
            allow: allowed.join(", "),
            "content-type": "text/plain; charset=utf-8",
          },
        });
      }
    }
    const response = await run(ctx.req, ctx);
    if (!(response instanceof Response)) {
      throw new Error(
        `The handler of ${route.key} for ${method} did not return a Response`,
      );
    }
    return response;
  };

  const handle = async (
    req: Request,
    info: Deno.ServeHandlerInfo | undefined,
  ): Promise<Response> => {
    const url = new URL(req.url);
    let route: PageRoute | null = null;
    const ctx: FreshContext = {
      req,
      url,
      params: {},
      state: {} as DefaultState,
      route: "",
      remoteAddr: info?.remoteAddr,
      render: (data, init) => {
        if (!route) throw new Error("ctx.render() called without a route");
        return Promise.resolve(pageResponse(route, ctx, { data }, init, 200));
      },
      renderNotFound: () => Promise.resolve(notFound(ctx)),
      next: () => Promise.reject(new Error("ctx.next() outside middleware")),
    };

    try {
      if (options.initialState) {
        Object.assign(ctx.state, await options.initialState(req));
      }
      // A malformed address still runs the middlewares (so the error page
      // knows who is signed in) and ends in a 400 the `_error` page renders.
      // Only a catch-all mount (a handler function under `[...rest]`, such as
      // a JSON API) receives it: it owns its sub-paths and answers in its own
      // format.
      const decoded = splitPath(url.pathname);
      const segments = decoded ?? splitPathLeniently(url.pathname);
      const match = routes.router.match(segments);
      if (match && (decoded !== null || isMount(match.value))) {
        route = match.value;
        ctx.params = match.params;
        ctx.route = match.pattern;
      }

      const chain = routes.middlewares
        .filter((mw) => matchSegments(mw.pattern, segments, true) !== null)
        .flatMap((mw) => mw.handlers);
      const endOfChain = async (): Promise<Response> => {
        if (ctx.req.method === "GET" || ctx.req.method === "HEAD") {
          for (const folder of staticFolders) {
            const file = await findStaticFile(folder, url.pathname);
            if (file) return serveFile(ctx.req, file, folder);
          }
        }
        if (route) return runRoute(route, ctx);
        if (decoded === null) throw new HttpError(400, MALFORMED_ADDRESS);
        return notFound(ctx);
      };
      let position = 0;
      ctx.next = async () => {
        const middleware = chain[position++];
        if (!middleware) return await endOfChain();
        const response = await middleware(ctx.req, ctx);
        if (!(response instanceof Response)) {
          throw new Error("A middleware did not return a Response");
        }
        return response;
      };
      return await ctx.next();
    } catch (error) {
      return serverError(ctx, error);
    }
  };

  const routeOf = (pathname: string): string => {
    const segments = splitPath(pathname);
    if (segments === null) return "";
    return routes.router.match(segments)?.pattern ?? "";
  };

  const pageCache = options.pageCache;
  const finish = options.finish ?? ((_req: Request, res: Response) => res);
  const serve = async (
    req: Request,
    info: Deno.ServeHandlerInfo | undefined,
  ): Promise<Response> => {
    if (pageCache && (req.method === "GET" || req.method === "HEAD")) {
      const url = new URL(req.url);
      const key = await pageCache.policy.keyFor(
        req,
        routeOf(url.pathname),
        url,
      );
      if (key !== null) {
        // Rendered as a GET, so a HEAD first asks for the same entry.
        const render = async () => {
          const get = req.method === "GET"
            ? req
            : new Request(req, { method: "GET" });
          return finish(get, await handle(get, info));
        };
        return await pageCache.cache.respond(
          req,
          key,
          pageCache.policy,
          render,
        );
      }
    }
    return finish(req, await handle(req, info));
  };

  const hono = new Hono<{ Bindings: { info?: Deno.ServeHandlerInfo } }>();
  // Skips responses that are already encoded (kept pages, built copies).
  hono.use(...compressResponses());
  hono.all("*", (c) => serve(c.req.raw, c.env?.info));

  return {
    hono: hono as unknown as Hono,
    fetch: async (req, info) => await hono.fetch(req, { info }),
    routeOf,
  };
}
