import { expect } from "expect";
import { encodeGetRequest, HttpParseError, parseResponse } from "./http1.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("a Content-Length response is complete only when its body is", () => {
  const wire = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello";
  expect(parseResponse(encode(wire.slice(0, 20)))).toBeNull();
  expect(parseResponse(encode(wire.slice(0, -1)))).toBeNull();
  expect(parseResponse(encode(wire))).toEqual({
    status: 200,
    length: wire.length,
    bodyBytes: 5,
    closes: false,
  });
});

Deno.test("the parser stops at the end of the first response", () => {
  const first = "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno";
  const second = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  const parsed = parseResponse(encode(first + second));
  expect(parsed?.status).toBe(404);
  expect(parsed?.length).toBe(first.length);
});

Deno.test("a chunked response is measured across chunks and trailers", () => {
  const wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
    "5\r\nhello\r\n" +
    "b;ext=1\r\n, chunked!!\r\n" +
    "0\r\nx-trailer: yes\r\n\r\n";
  for (let cut = 0; cut < wire.length; cut++) {
    expect(parseResponse(encode(wire.slice(0, cut)))).toBeNull();
  }
  expect(parseResponse(encode(wire))).toEqual({
    status: 200,
    length: wire.length,
    bodyBytes: 16,
    closes: false,
  });
});

Deno.test("Connection: close and HTTP/1.0 mark the connection as closing", () => {
  const close =
    "HTTP/1.1 503 Busy\r\nConnection: close\r\ncontent-length: 0\r\n\r\n";
  expect(parseResponse(encode(close))?.closes).toBe(true);
  const old = "HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n";
  expect(parseResponse(encode(old))?.closes).toBe(true);
});

Deno.test("responses without a body need no length", () => {
  const wire = "HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n";
  expect(parseResponse(encode(wire))?.length).toBe(wire.length);
});

Deno.test("malformed responses are errors, not guesses", () => {
  expect(() => parseResponse(encode("SPDY 200\r\n\r\n"))).toThrow(
    HttpParseError,
  );
  expect(() => parseResponse(encode("HTTP/1.1 200 OK\r\n\r\n"))).toThrow(
    HttpParseError,
  );
  expect(() =>
    parseResponse(
      encode("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n"),
    )
  ).toThrow("Bad chunk size");
});

Deno.test("the GET request keeps the query and asks for keep-alive", () => {
  const text = new TextDecoder().decode(
    encodeGetRequest(new URL("http://127.0.0.1:9000/experts?q=a%20b"), "gzip"),
  );
  expect(
    text.startsWith(
      "GET /experts?q=a%20b HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n",
    ),
  )
    .toBe(true);
  expect(text).toContain("Accept-Encoding: gzip\r\n");
  expect(text.endsWith("Connection: keep-alive\r\n\r\n")).toBe(true);
});
