/**
 * Turns a page component, its layouts and `_app` into a complete HTML
 * document: collects `Head` children into `<head>`, links the built CSS, and,
 * only when islands were rendered, adds the props state and the boot script.
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
import { HeadContext } from "./runtime.ts";
import { IslandRenderContext, type IslandRenderState } from "./islands.ts";
import { PropsSerializer } from "./serialize.ts";
import type { AppProps, PageProps } from "./types.ts";

/** Where the built browser assets live, as URLs. */
export interface AssetUrls {
  /** URL of the client runtime module. */
  runtime: string | null;
  /** URL of each island file's module, by island manifest key. */
  islandModules: Record<string, string>;
  /** Stylesheets linked on every page. */
  css: string[];
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
  nonce: string;
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
  let html = renderToString(
    h(
      HeadContext.Provider,
      { value: collect },
      h(IslandRenderContext.Provider, { value: islands }, tree),
    ),
  );

  const headNodesKept = dedupeHeadNodes(headNodes);
  if (headNodesKept.some((node) => node.type === "title")) {
    html = removeTitleFromHead(html);
  }
  let headHtml = input.assets.css
    .map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`)
    .join("");
  headHtml += renderToString(h(Fragment, null, headNodesKept));
  html = insertIntoHead(html, headHtml);

  if (islands.used.size > 0) {
    html = insertBeforeBodyEnd(html, islandScripts(islands, input));
  }
  return "<!DOCTYPE html>" + html;
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

function removeTitleFromHead(html: string): string {
  const end = headEnd(html);
  if (end === -1) return html;
  const head = html.slice(0, end).replace(
    /<title\b[^>]*>[\s\S]*?<\/title>/gi,
    "",
  );
  return head + html.slice(end);
}

function insertIntoHead(html: string, extra: string): string {
  if (extra === "") return html;
  const end = headEnd(html);
  if (end !== -1) return html.slice(0, end) + extra + html.slice(end);
  const htmlOpen = /<html\b[^>]*>/i.exec(html);
  if (htmlOpen) {
    const at = htmlOpen.index + htmlOpen[0].length;
    return html.slice(0, at) + `<head>${extra}</head>` + html.slice(at);
  }
  return `<head>${extra}</head>` + html;
}

function insertBeforeBodyEnd(html: string, extra: string): string {
  let at = html.lastIndexOf("</body>");
  if (at === -1) {
    const matches = [...html.matchAll(/<\/body>/gi)];
    at = matches[matches.length - 1]?.index ?? -1;
  }
  if (at === -1) return html + extra;
  return html.slice(0, at) + extra + html.slice(at);
}

function islandScripts(state: IslandRenderState, input: RenderInput): string {
  const { assets, nonce } = input;
  if (!assets.runtime) {
    throw new Error(
      "This page renders islands but no client build was found. Run `deno task build`.",
    );
  }
  const imports = [`import { boot } from ${JSON.stringify(assets.runtime)};`];
  const moduleVars = new Map<string, string>();
  const entries: string[] = [];
  for (const info of state.used.values()) {
    const url = assets.islandModules[info.file];
    if (!url) {
      throw new Error(
        `Island ${info.file} is missing from the client build. Run \`deno task build\`.`,
      );
    }
    let variable = moduleVars.get(url);
    if (!variable) {
      variable = `$${moduleVars.size}`;
      moduleVars.set(url, variable);
      imports.push(`import * as ${variable} from ${JSON.stringify(url)};`);
    }
    entries.push(
      `${JSON.stringify(info.name)}: [${variable}, ${
        JSON.stringify(info.exportName)
      }]`,
    );
  }
  const bootCall = `boot({ ${entries.join(", ")} });`;
  const nonceAttr = `nonce="${escapeAttr(nonce)}"`;
  return `<script type="application/json" id="__FRSH_STATE" ${nonceAttr}>${state.serializer.toScriptText()}</script>` +
    `<script type="module" ${nonceAttr}>${
      // The boot code only holds our own URLs and names; escape anyway.
      [...imports, bootCall].join("").replace(/</g, "\\u003c")}</script>`;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(
    /</g,
    "&lt;",
  );
}
