/**
 * Markup kept as a string. Signed-in pages render per request, and most of
 * their HTML is the site chrome (the header's navigation, the footer's link
 * columns), the same on every page of a kind; a long fixed list such as the
 * time zone options is the same for every form. A `MarkupCache` renders such
 * a part once per key and puts the string into later pages as it is, which
 * costs a string copy instead of a render of a few hundred elements.
 *
 * Only plain markup may be kept: an island or a `<Head>` inside would be
 * rendered without the page that needs it, so rendering one throws.
 */
import { type ComponentChildren, h, type VNode } from "preact";
import { jsxTemplate } from "preact/jsx-runtime";
import { renderToString } from "preact-render-to-string";
import { IslandRenderContext, type IslandRenderState } from "./islands.ts";
import { HeadContext } from "./runtime.ts";
import { PropsSerializer } from "./serialize.ts";

/**
 * Already-rendered HTML as a node, without a wrapping element. The string
 * goes into the page unescaped: only ever pass markup rendered by Preact.
 */
export function trustedMarkup(html: string): VNode {
  return jsxTemplate([html]);
}

/** Renders plain markup (no islands, no `<Head>`) to a string. */
export function renderMarkup(children: ComponentChildren): string {
  const islands: IslandRenderState = {
    serializer: new PropsSerializer(),
    used: new Map(),
  };
  const refuseHead = () => {
    throw new Error("A kept part of a page cannot add to <head>.");
  };
  const html = renderToString(
    h(
      HeadContext.Provider,
      { value: refuseHead },
      h(IslandRenderContext.Provider, { value: islands }, children),
    ),
  );
  if (islands.used.size > 0) {
    throw new Error(
      `A kept part of a page cannot hold islands (${
        [...islands.used.keys()].join(", ")
      }).`,
    );
  }
  return html;
}

/**
 * Rendered parts by key, at most `maxEntries` (then it starts over, which
 * costs a render each, never a wrong page). A key must name everything the
 * part shows.
 *
 * @example
 * const footerParts = new MarkupCache();
 * footerParts.get(`columns ${year}`, () => <FooterColumns year={year} />);
 */
export class MarkupCache {
  readonly maxEntries: number;
  #entries = new Map<string, string>();

  constructor(maxEntries = 200) {
    this.maxEntries = maxEntries;
  }

  /**
   * The part under `key`, rendered by `render` the first time. The render
   * happens in a component of its own, so a caller's hooks never see
   * another tree's state.
   */
  get(key: string, render: () => ComponentChildren): VNode {
    return h(KeptPart, {
      cache: this as MarkupCache,
      id: key,
      render,
    }) as VNode;
  }

  /** The markup under `key`, rendered now when missing. */
  markup(key: string, render: () => ComponentChildren): string {
    let html = this.#entries.get(key);
    if (html === undefined) {
      html = renderMarkup(render());
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(key, html);
    }
    return html;
  }
}

function KeptPart(
  { cache, id, render }: {
    cache: MarkupCache;
    id: string;
    render: () => ComponentChildren;
  },
): VNode {
  return trustedMarkup(cache.markup(id, render));
}
