/**
 * Turns a page component, its layouts and `_app` into a complete HTML
 * document: collects `Head` children into `<head>`, links the built CSS, and,
 * only when islands were rendered, adds the islands' data blocks and the
 * static runtime module. Nothing in the document is an inline script and
 * nothing depends on the request beyond the page's own props, so the same
 * HTML can be served to every visitor (and cached).
 */
import {
  type ComponentChildren,
  type ComponentType,
  Fragment,
  h,
  toChildArray,
  type VNode,
} from "preact";
import { renderToString } from "preact-render-to-string";
import { ClientScriptsContext, HeadContext } from "./runtime.ts";
import { IslandRenderContext, type IslandRenderState } from "./islands.ts";
import {
  escapeScriptJson,
  ISLAND_MODULES_ID,
  ISLAND_STATE_ID,
  type IslandModuleUrls,
  PropsSerializer,
} from "./serialize.ts";
import type { AppProps, PageProps } from "./types.ts";

/** Where the built browser assets live, as URLs. */
export interface AssetUrls {
  /** URL of the client runtime module. */
  runtime: string | null;
  /** URL of each island file's module, by island manifest key. */
  islandModules: Record<string, string>;
  /** Stylesheets linked on every page. */
  css: string[];
  /** URL of each built client script, by its configured name. */
  scripts: Record<string, string>;
}

export interface RenderInput {
  page: ComponentType<PageProps>;
  /** Outermost first. */
  layouts: ComponentType<AppProps>[];
  /** `null` to render without `_app` (the default document shell is used). */
  app: ComponentType<AppProps> | null;
  /** True when the page itself returns the whole document. */
  pageIsDocument: boolean;
  props: PageProps;
  assets: AssetUrls;
}

/** Renders a full HTML document (with `<!DOCTYPE html>`). */
export function renderDocument(input: RenderInput): string {
  const { props } = input;
  const headNodes: VNode[] = [];
  const islands: IslandRenderState = {
    serializer: new PropsSerializer(),
    used: new Map(),
  };

  // deno-lint-ignore no-explicit-any
  let tree: VNode<any> = h(input.page, props);
  for (const Layout of [...input.layouts].reverse()) {
    tree = h(Layout, { ...props, Component: wrapAsComponent(tree) });
  }
  if (input.app) {
    tree = h(input.app, { ...props, Component: wrapAsComponent(tree) });
  } else if (!input.pageIsDocument) {
    tree = h(DefaultShell, null, tree);
  }

  const collect = (children: ComponentChildren) => {
    for (const child of toChildArray(children)) {
      if (typeof child === "object") headNodes.push(child);
    }
  };
  const html = renderToString(
    h(
      HeadContext.Provider,
      { value: collect },
      h(
        ClientScriptsContext.Provider,
        { value: input.assets.scripts },
        h(IslandRenderContext.Provider, { value: islands }, tree),
      ),
    ),
  );

  const headNodesKept = dedupeHeadNodes(headNodes);
  let headHtml = input.assets.css
    .map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`)
    .join("");
  headHtml += renderToString(h(Fragment, null, headNodesKept));
  let bodyEnd = "";
  if (islands.used.size > 0) {
    const { head, body } = islandTags(islands, input.assets);
    headHtml += head;
    bodyEnd = body;
  }
  return assemble(
    html,
    headHtml,
    bodyEnd,
    headNodesKept.some((node) => node.type === "title"),
  );
}

/**
 * The document: the rendered markup with `headHtml` at the end of its head
 * (its own `<title>` removed when the page gave one) and `bodyEnd` at the
 * end of its body. The markup is one long string of many small pieces;
 * searching it joins them once, and everything else is slices of that.
 */
function assemble(
  html: string,
  headHtml: string,
  bodyEnd: string,
  dropTitle: boolean,
): string {
  const end = headEnd(html);
  let beforeHeadEnd: string;
  let rest: string;
  if (end !== -1) {
    beforeHeadEnd = html.slice(0, end);
    if (dropTitle) {
      beforeHeadEnd = beforeHeadEnd.replace(
        /<title\b[^>]*>[\s\S]*?<\/title>/gi,
        "",
      );
    }
    rest = html.slice(end);
  } else {
    const htmlOpen = /<html\b[^>]*>/i.exec(html);
    const at = htmlOpen ? htmlOpen.index + htmlOpen[0].length : 0;
    beforeHeadEnd = html.slice(0, at) + (headHtml === "" ? "" : "<head>");
    rest = (headHtml === "" ? "" : "</head>") + html.slice(at);
  }
  if (bodyEnd !== "") {
    const at = bodyEndIn(rest);
    rest = at === -1
      ? rest + bodyEnd
      : rest.slice(0, at) + bodyEnd + rest.slice(at);
  }
  return "<!DOCTYPE html>" + beforeHeadEnd + headHtml + rest;
}

function wrapAsComponent(
  tree: VNode<unknown>,
): ComponentType<Record<never, never>> {
  return function Inner() {
    return tree;
  };
}

function DefaultShell(props: { children?: ComponentChildren }): VNode {
  return h(
    "html",
    null,
    h(
      "head",
      null,
      h("meta", { charset: "utf-8" }),
      h("meta", {
        name: "viewport",
        content: "width=device-width, initial-scale=1",
      }),
    ),
    h("body", null, props.children),
  );
}

/** Keeps only the last `<title>` and the last meta per name/property. */
function dedupeHeadNodes(nodes: VNode[]): VNode[] {
  const keyOf = (node: VNode): string | null => {
    if (node.type === "title") return "title";
    if (node.type === "meta") {
      const props = node.props as Record<string, unknown>;
      if (typeof props.name === "string") return `meta:name:${props.name}`;
      if (typeof props.property === "string") {
        return `meta:property:${props.property}`;
      }
      if ("charset" in props || "charSet" in props) return "meta:charset";
    }
    if (node.type === "link") {
      const props = node.props as Record<string, unknown>;
      if (props.rel === "canonical") return "link:canonical";
    }
    return null;
  };
  const lastIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    const key = keyOf(node);
    if (key) lastIndex.set(key, i);
  });
  return nodes.filter((node, i) => {
    const key = keyOf(node);
    return key === null || lastIndex.get(key) === i;
  });
}

// Preact always writes lower-case tags, so a plain search finds them; the
// case-insensitive scan is only for hand-written upper-case documents.
function headEnd(html: string): number {
  const end = html.indexOf("</head>");
  return end !== -1 ? end : html.search(/<\/head>/i);
}

/** Where the last `</body>` starts, or -1. */
function bodyEndIn(html: string): number {
  const at = html.lastIndexOf("</body>");
  if (at !== -1) return at;
  const matches = [...html.matchAll(/<\/body>/gi)];
  return matches[matches.length - 1]?.index ?? -1;
}

/**
 * The runtime module and a preload of each island module (in `<head>`, so
 * they download while the page parses) and the two JSON data blocks the
 * runtime reads (before `</body>`). Data blocks are not scripts: the CSP
 * does not apply to them and they never run.
 */
function islandTags(
  state: IslandRenderState,
  assets: AssetUrls,
): { head: string; body: string } {
  if (!assets.runtime) {
    throw new Error(
      "This page renders islands but no client build was found. Run `deno task build`.",
    );
  }
  const modules: IslandModuleUrls = {};
  const urls = new Set<string>();
  for (const info of state.used.values()) {
    const url = assets.islandModules[info.file];
    if (!url) {
      throw new Error(
        `Island ${info.file} is missing from the client build. Run \`deno task build\`.`,
      );
    }
    urls.add(url);
    modules[info.name] = [url, info.exportName];
  }
  const head =
    [...urls].map((url) =>
      `<link rel="modulepreload" href="${escapeAttr(url)}">`
    ).join("") +
    `<script type="module" src="${escapeAttr(assets.runtime)}"></script>`;
  const body =
    `<script type="application/json" id="${ISLAND_STATE_ID}">${state.serializer.toScriptText()}</script>` +
    `<script type="application/json" id="${ISLAND_MODULES_ID}">${
      escapeScriptJson(JSON.stringify(modules))
    }</script>`;
  return { head, body };
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(
    /</g,
    "&lt;",
  );
}
