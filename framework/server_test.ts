import { expect } from "expect";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { deserializeState } from "./deserialize.ts";
import type { SerializedState } from "./serialize.ts";
import { createApp } from "./server.ts";
import { buildFixture } from "./testdata/fixture.ts";
import manifest from "./testdata/fresh.gen.ts";

const fixture = await buildFixture({
  csp: "default-src 'self'; script-src 'self'",
});
addEventListener("unload", () => {
  Deno.removeSync(fixture.outDir, { recursive: true });
});
const app = createApp(manifest, fixture.config, {
  initialState: () => ({ trail: [] as string[] }),
});

/** Fetches a path from the fixture app; errors logged by the app are silenced. */
async function get(path: string, init?: RequestInit) {
  const originalError = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const response = await app.fetch(
      new Request(`http://localhost${path}`, init),
    );
    const body = await response.text();
    return { response, body, logged };
  } finally {
    console.error = originalError;
  }
}

function textOf(html: string, className: string): string | undefined {
  const match = new RegExp(`class="${className}"[^>]*>([^<]*)<`).exec(html);
  return match?.[1];
}

Deno.test("pages render inside layouts inside _app as HTML", async () => {
  const { response, body } = await get("/blog/new");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(body.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
  const root = body.indexOf('class="layout-root"');
  const blog = body.indexOf('class="layout-blog"');
  const page = body.indexOf("<h1>New post</h1>");
  expect(root).toBeGreaterThan(0);
  expect(blog).toBeGreaterThan(root);
  expect(page).toBeGreaterThan(blog);
});

Deno.test("dynamic params, route pattern and handler data reach the page", async () => {
  const { body } = await get("/blog/hello%20world");
  expect(textOf(body, "slug")).toBe("hello world");
  expect(textOf(body, "route")).toBe("/blog/:slug");
});

Deno.test("catch-all routes get the joined rest", async () => {
  expect(textOf((await get("/blog/2024/05/post")).body, "rest")).toBe(
    "2024/05/post",
  );
  expect(textOf((await get("/docs/a/b")).body, "docs")).toBe(
    "a/b via /docs/:path+",
  );
  // `/docs` alone has no segment for the catch-all.
  expect((await get("/docs")).response.status).toBe(404);
});

Deno.test("routes with dots keep them: sitemap.xml.ts serves /sitemap.xml", async () => {
  const { response, body } = await get("/sitemap.xml");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/xml");
  expect(body).toBe("<urlset></urlset>");
});

Deno.test("middlewares run outer to inner and share state", async () => {
  const home = await get("/");
  expect(textOf(home.body, "trail")).toBe("root");
  expect(home.response.headers.get("x-root-middleware")).toBe("seen");
  const post = await get("/blog/x");
  expect(textOf(post.body, "trail")).toBe("root>blog");
});

Deno.test("a middleware can answer without calling next", async () => {
  const { response, body } = await get("/blog/x?short-circuit");
  expect(response.status).toBe(418);
  expect(body).toBe("stopped by root middleware");
});

Deno.test("root middleware also runs for static files and 404s", async () => {
  expect(
    (await get("/favicon.svg")).response.headers.get("x-root-middleware"),
  ).toBe("seen");
  expect((await get("/nope")).response.headers.get("x-root-middleware")).toBe(
    "seen",
  );
});

Deno.test("unknown paths render the _404 page with status 404", async () => {
  const { response, body } = await get("/does/not/exist");
  expect(response.status).toBe(404);
  expect(body).toContain("<h1>Nothing at /does/not/exist</h1>");
  expect(body).toContain('class="layout-root"');
});

Deno.test("ctx.renderNotFound renders _404", async () => {
  const { response, body } = await get("/missing");
  expect(response.status).toBe(404);
  expect(body).toContain("Nothing at /missing");
});

Deno.test("a thrown error renders _500 with the error and logs it", async () => {
  const { response, body, logged } = await get("/boom");
  expect(response.status).toBe(500);
  expect(textOf(body, "error")).toBe("the boom route exploded");
  expect(String(logged[0]?.[1])).toContain("the boom route exploded");
});

Deno.test("a thrown HttpError renders _error with its status, unlogged", async () => {
  const { response, body, logged } = await get("/private");
  expect(response.status).toBe(403);
  expect(body).toContain('<h1 id="http-error">Error 403</h1>');
  expect(body).toContain('class="layout-root"');
  expect(logged).toEqual([]);
});

Deno.test("ctx.render passes status and headers through", async () => {
  const { response, body } = await get("/status");
  expect(response.status).toBe(201);
  expect(response.headers.get("x-custom")).toBe("yes");
  expect(textOf(body, "data")).toBe("created!");
});

Deno.test("missing methods get 405 with an Allow header", async () => {
  const { response } = await get("/api/echo");
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("POST, DELETE");
  const page = await get("/about", { method: "POST" });
  expect(page.response.status).toBe(405);
  expect(page.response.headers.get("allow")).toBe("GET, HEAD");
});

Deno.test("per-method and single-function handlers", async () => {
  const echo = await get("/api/echo", {
    method: "POST",
    body: JSON.stringify({ a: 1 }),
  });
  expect(JSON.parse(echo.body)).toEqual({ received: { a: 1 } });
  expect((await get("/api/echo", { method: "DELETE" })).response.status).toBe(
    204,
  );
  expect((await get("/api/any", { method: "PATCH" })).body).toBe("any PATCH");
});

Deno.test("HEAD renders like GET without a body", async () => {
  const { response, body } = await get("/about", { method: "HEAD" });
  expect(response.status).toBe(200);
  expect(body).toBe("");
});

Deno.test("Head: the page's title replaces the app's, later metas win", async () => {
  const { body } = await get("/");
  expect(body.match(/<title>/g)?.length).toBe(1);
  expect(body).toContain("<title>Home page</title>");
  expect(body.match(/name="description"/g)?.length).toBe(1);
  expect(body).toContain('content="second"');
  const head = body.slice(0, body.indexOf("</head>"));
  expect(head).toContain("<title>Home page</title>");
});

Deno.test("skipAppWrapper and skipInheritedLayouts render the page alone", async () => {
  const { body } = await get("/bare");
  expect(body).toBe(
    "<!DOCTYPE html><html><head><title>Bare document</title></head><body><p>bare</p></body></html>",
  );
});

Deno.test("a page without islands ships no script tags at all", async () => {
  for (const path of ["/", "/blog/x", "/nope", "/bare"]) {
    expect((await get(path)).body).not.toContain("<script");
  }
});

Deno.test("islands are marked and their props round-trip", async () => {
  const { response, body } = await get("/islands");
  expect(response.status).toBe(200);
  const markers = [...body.matchAll(
    /<fresh-island data-island="([^"]+)" data-id="(\d+)" style="display:contents">/g,
  )].map((m) => [m[1], m[2]]);
  expect(markers).toEqual([
    ["Counter", "0"],
    ["Counter.Display", "1"],
    ["Shared", "2"],
    ["Shared", "3"],
    ["Outer", "4"],
    ["Props", "5"],
    ["Note", "6"],
  ]);
  // The Counter inside Outer is hydrated by Outer: it has no marker of its own.
  // (Compiled JSX leaves a space where an absent attribute would be.)
  expect(body.replaceAll(/\s+>/g, ">")).toContain(
    '<div class="outer"><button type="button">inner: <span class="count">5</span>',
  );

  const stateText =
    /<script type="application\/json" id="__FRSH_STATE">(.*?)<\/script>/
      .exec(body)?.[1];
  expect(stateText).toBeDefined();
  const islands = deserializeState(JSON.parse(stateText!) as SerializedState);
  expect(islands[0]).toEqual({
    name: "Counter",
    props: { start: 3, label: "clicks" },
  });
  expect(islands[1].props.text).toBe("</script><!-- hi");
  expect(islands[2].props.value).toBe(islands[3].props.value);
  const props = islands[5].props;
  expect(props.date).toEqual(new Date("2024-05-06T07:08:09.000Z"));
  expect(props.map).toEqual(new Map([["a", 1]]));
  expect(props.set).toEqual(new Set([1, 2]));
  expect(props.big).toBe(10n ** 20n);
  expect(props.url).toEqual(new URL("https://example.com/x?y=1"));
  expect("missing" in props && props.missing === undefined).toBe(true);
  expect(props.nested).toEqual({ $t: "not a tag", list: [1, null, "two"] });
});

Deno.test("the runtime is one static module; a data block names the islands' modules", async () => {
  const { body } = await get("/islands");
  const runtime = `/_fresh/${fixture.info.runtime}`;
  expect(body).toContain(`<script type="module" src="${runtime}"></script>`);
  const modules = JSON.parse(
    /<script type="application\/json" id="__FRSH_ISLANDS">(.*?)<\/script>/
      .exec(body)?.[1] ?? "null",
  );
  const counter = `/_fresh/${
    fixture.info.islands["./islands/Counter.tsx"].file
  }`;
  expect(modules["Counter.Display"]).toEqual([counter, "Display"]);
  for (const island of Object.values(fixture.info.islands)) {
    expect(body).toContain(
      `<link rel="modulepreload" href="/_fresh/${island.file}">`,
    );
  }
  // A page without islands ships no script at all.
  const plain = await get("/about");
  expect(plain.body).not.toContain("<script");
});

Deno.test("no inline script: every script is a data block or a static module, the same for every response", async () => {
  const first = await get("/islands");
  expect(first.response.headers.get("content-security-policy")).toBe(
    "default-src 'self'; script-src 'self'",
  );
  const scripts = [
    ...first.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g),
  ];
  expect(scripts.length).toBe(3);
  for (const [, attributes, text] of scripts) {
    const isData = attributes.includes('type="application/json"');
    const isModule = / src="\/_fresh\//.test(attributes) && text === "";
    expect(isData || isModule).toBe(true);
    expect(attributes).not.toContain("nonce");
  }
  const second = await get("/islands");
  expect(second.body).toBe(first.body);
});

Deno.test("a prop that cannot be serialized is a 500 naming island and prop", async () => {
  const { response, body } = await get("/bad-island");
  expect(response.status).toBe(500);
  expect(body).toContain(
    "Island &quot;Counter&quot; prop &quot;onClick&quot;: functions cannot be serialized",
  );
});

Deno.test("static files: content type, cache headers, ETag and 304", async () => {
  const { response, body } = await get("/favicon.svg");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/svg+xml");
  expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  expect(body).toContain("<svg");
  const etag = response.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-f]+"$/);

  const cached = await get("/favicon.svg", {
    headers: { "if-none-match": `W/${etag}` },
  });
  expect(cached.response.status).toBe(304);
  expect(cached.body).toBe("");

  const nested = await get("/nested/file.txt");
  expect(nested.body).toBe("nested file\n");
  expect(nested.response.headers.get("content-type")).toBe(
    "text/plain; charset=utf-8",
  );
});

Deno.test("built assets are served as immutable", async () => {
  const { response, body } = await get(`/_fresh/${fixture.info.runtime}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(
    "text/javascript; charset=utf-8",
  );
  expect(response.headers.get("cache-control")).toBe(
    "public, max-age=31536000, immutable",
  );
  expect(body.length).toBeGreaterThan(100);
  expect((await get("/_fresh/build.json")).response.status).toBe(404);
});

Deno.test("static files come Brotli- or gzip-compressed from the build, with their own ETag", async () => {
  const plain = await get("/notes.txt");
  const original = plain.body;
  for (const encoding of ["br", "gzip"] as const) {
    const response = await app.fetch(
      new Request("http://localhost/notes.txt", {
        headers: { "accept-encoding": `${encoding}, deflate` },
      }),
    );
    expect(response.headers.get("content-encoding")).toBe(encoding);
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(
      encoding === "br" ? brotliDecompressSync(bytes) : gunzipSync(bytes),
    );
    expect(text).toBe(original);
    const etag = response.headers.get("etag")!;
    expect(etag).not.toBe(plain.response.headers.get("etag"));
    const again = await app.fetch(
      new Request("http://localhost/notes.txt", {
        headers: { "accept-encoding": encoding, "if-none-match": etag },
      }),
    );
    expect(again.status).toBe(304);
  }
  const runtime = await app.fetch(
    new Request(`http://localhost/_fresh/${fixture.info.runtime}`, {
      headers: { "accept-encoding": "gzip, deflate, br" },
    }),
  );
  await runtime.body?.cancel();
  expect(runtime.headers.get("content-encoding")).toBe("br");
  expect(runtime.headers.get("cache-control")).toBe(
    "public, max-age=31536000, immutable",
  );
});

Deno.test("a plugin's input in the static folder is never served", async () => {
  const withInput = createApp(manifest, {
    ...fixture.config,
    plugins: [{ name: "css", inputs: ["static/styles.css"] }],
  });
  const hidden = await withInput.fetch(
    new Request("http://localhost/styles.css"),
  );
  await hidden.body?.cancel();
  expect(hidden.status).toBe(404);
  expect((await get("/styles.css")).response.status).toBe(200);
});

Deno.test("path traversal never leaves the static folder", async () => {
  for (
    const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/nested/%2e%2e/%2e%2e/secret.txt",
      "/nested%2f..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/favicon.svg%00",
      "/_fresh/js/..%2f..%2fbuild.json",
    ]
  ) {
    const { response, body } = await get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 404 });
    expect(body).not.toContain("secret outside static");
  }
  expect((await get("/bad/%E0%A4%A")).response.status).toBe(400);
});

Deno.test("large HTML responses are gzip-compressed when accepted", async () => {
  const response = await app.fetch(
    new Request("http://localhost/islands", {
      headers: { "accept-encoding": "gzip" },
    }),
  );
  expect(response.headers.get("content-encoding")).toBe("gzip");
  const text = await new Response(
    response.body!.pipeThrough(new DecompressionStream("gzip")),
  ).text();
  expect(text).toContain("fresh-island");
});

Deno.test("a _500 page that throws falls back to a plain 500", async () => {
  const broken = createApp({
    baseUrl: manifest.baseUrl,
    islands: {},
    routes: {
      "./routes/index.tsx": {
        handler: () => {
          throw new Error("first failure");
        },
      },
      "./routes/_500.tsx": {
        default: () => {
          throw new Error("the error page fails too");
        },
      },
    },
  }, { outDir: fixture.outDir });
  const originalError = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const response = await broken.fetch(new Request("http://localhost/"));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("500 Internal Server Error");
    expect(logged.length).toBe(2);
  } finally {
    console.error = originalError;
  }
});

Deno.test("without _app, pages get a minimal document shell", async () => {
  const bare = createApp({
    baseUrl: manifest.baseUrl,
    islands: {},
    routes: { "./routes/index.tsx": { default: () => "plain page" } },
  }, { outDir: fixture.outDir });
  const response = await bare.fetch(new Request("http://localhost/"));
  const body = await response.text();
  expect(body).toMatch(/^<!DOCTYPE html><html><head><meta charset="utf-8"\/>/);
  expect(body).toContain("<body>plain page</body>");
  expect(response.headers.get("content-security-policy")).toBeNull();
});
