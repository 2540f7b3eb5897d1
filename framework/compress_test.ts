import { expect } from "expect";
import { Hono } from "hono";
import { gunzipSync, zstdDecompressSync } from "node:zlib";
import { compressResponses, withWholeBody } from "./compress.ts";

const PAGE = `<!DOCTYPE html><html><body>${
  "<p>Sessions with an expert.</p>".repeat(200)
}</body></html>`;

function app(): Hono {
  const hono = new Hono();
  hono.use(...compressResponses());
  hono.get("/page", () =>
    withWholeBody(
      new Response(PAGE, {
        headers: {
          "content-type": "text/html; charset=utf-8",
          etag: '"v1"',
          vary: "Accept-Encoding",
        },
      }),
      PAGE,
    ));
  hono.get("/small", () =>
    withWholeBody(
      new Response("<p>hi</p>", { headers: { "content-type": "text/html" } }),
      "<p>hi</p>",
    ));
  hono.get("/no-transform", () =>
    withWholeBody(
      new Response(PAGE, {
        headers: {
          "content-type": "text/html",
          "cache-control": "private, no-transform",
        },
      }),
      PAGE,
    ));
  hono.get("/json", (c) => c.json({ items: Array(200).fill("a session") }));
  return hono;
}

const get = (path: string, acceptEncoding?: string, method = "GET") =>
  app().fetch(
    new Request(`http://localhost${path}`, {
      method,
      headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
    }),
  );

Deno.test("a whole rendered page is compressed at once, as a new representation", async () => {
  for (
    const [acceptEncoding, encoding, decompress] of [
      // Chromium and Firefox take Zstandard; Safari gzip.
      ["gzip, deflate, br, zstd", "zstd", zstdDecompressSync],
      ["gzip, deflate, br", "gzip", gunzipSync],
    ] as const
  ) {
    const response = await get("/page", acceptEncoding);
    expect(response.headers.get("content-encoding")).toBe(encoding);
    expect(response.headers.get("etag")).toBe('W/"v1"');
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    expect(response.headers.get("content-type")).toBe(
      "text/html; charset=utf-8",
    );
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.byteLength).toBeLessThan(PAGE.length / 10);
    expect(new TextDecoder().decode(decompress(body))).toBe(PAGE);
  }
});

Deno.test("a page is sent as it is when compression is not wanted or would not pay", async () => {
  for (
    const [path, acceptEncoding, method] of [
      ["/page", undefined, "GET"],
      ["/page", "br", "GET"],
      ["/page", "gzip;q=0, identity", "GET"],
      ["/small", "gzip", "GET"],
      ["/no-transform", "gzip", "GET"],
    ] as const
  ) {
    const response = await get(path, acceptEncoding, method);
    expect({ path, acceptEncoding, method, encoding: null }).toEqual({
      path,
      acceptEncoding,
      method,
      encoding: response.headers.get("content-encoding"),
    });
    if (method === "GET") {
      const text = await response.text();
      expect(text).toBe(path === "/small" ? "<p>hi</p>" : PAGE);
    }
  }
  expect((await get("/page")).headers.get("etag")).toBe('"v1"');
});

Deno.test("a HEAD answer names what the GET would send", async () => {
  for (const acceptEncoding of ["zstd", "gzip", undefined]) {
    const get = await app().fetch(
      new Request("http://localhost/page", {
        headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
      }),
    );
    const sent = (await get.arrayBuffer()).byteLength;
    const head = await app().fetch(
      new Request("http://localhost/page", {
        method: "HEAD",
        headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
      }),
    );
    expect({
      encoding: head.headers.get("content-encoding"),
      length: head.headers.get("content-length"),
      body: (await head.arrayBuffer()).byteLength,
    }).toEqual({
      encoding: acceptEncoding ?? null,
      length: String(sent),
      body: 0,
    });
  }
});

Deno.test("other bodies still stream through the general compression", async () => {
  const response = await get("/json", "gzip");
  expect(response.headers.get("content-encoding")).toBe("gzip");
  const body = new Uint8Array(await response.arrayBuffer());
  expect(JSON.parse(new TextDecoder().decode(gunzipSync(body))).items)
    .toHaveLength(200);
});
