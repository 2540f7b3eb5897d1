import { expect } from "expect";
import { brotliCompressSync } from "node:zlib";
import { decodeBase64 } from "@/services/platform/crypto.ts";
import { recordResponse } from "./replay.ts";

Deno.test("a response is recorded as it crossed the wire: compressed body, its headers, no date", async () => {
  const page = new TextEncoder().encode("<p>kept page</p>".repeat(50));
  const compressed = new Uint8Array(brotliCompressSync(page));
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) =>
      new Response(compressed, {
        headers: {
          "content-type": "text/html; charset=utf-8",
          "content-encoding": "br",
          etag: `"${req.headers.get("accept-encoding")}"`,
        },
      }),
  );
  const recorded = await recordResponse(
    `http://127.0.0.1:${server.addr.port}/`,
    "gzip, br",
  );
  expect(recorded.status).toBe(200);
  expect(decodeBase64(recorded.body)).toEqual(compressed);
  const headers = new Map(recorded.headers);
  expect(headers.get("content-encoding")).toBe("br");
  expect(headers.get("etag")).toBe('"gzip, br"');
  expect(headers.has("date")).toBe(false);
});
