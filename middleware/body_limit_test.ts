import { expect } from "expect";
import {
  isRequestAborted,
  limitRequestBody,
  PayloadTooLargeError,
  RequestAbortedError,
} from "./body_limit.ts";

function chunkedRequest(chunks: Uint8Array[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Request("http://x/", { method: "POST", body });
}

Deno.test("a request without a body passes through untouched", () => {
  const request = new Request("http://x/");
  expect(limitRequestBody(request, 10)).toBe(request);
});

Deno.test("a declared length over the limit is refused before reading", () => {
  const request = new Request("http://x/", {
    method: "POST",
    // Incoming requests carry the header; a constructed one must be told.
    headers: { "content-length": "11" },
    body: "x".repeat(11),
  });
  expect(limitRequestBody(request, 10)).toBe("too-large");
});

Deno.test("a declared length within the limit passes through", async () => {
  const request = new Request("http://x/", {
    method: "POST",
    headers: { "content-length": "10" },
    body: "x".repeat(10),
  });
  const limited = limitRequestBody(request, 10);
  if (limited === "too-large") throw new Error("unexpected refusal");
  expect(await limited.text()).toBe("x".repeat(10));
});

Deno.test("an undeclared body errors once it passes the limit", async () => {
  const limited = limitRequestBody(
    chunkedRequest([new Uint8Array(6), new Uint8Array(6)]),
    10,
  );
  if (limited === "too-large") throw new Error("length was not declared");
  await expect(limited.arrayBuffer()).rejects.toBeInstanceOf(
    PayloadTooLargeError,
  );
});

Deno.test("an undeclared body within the limit reads in full", async () => {
  const limited = limitRequestBody(
    chunkedRequest([new Uint8Array(5), new Uint8Array(5)]),
    10,
  );
  if (limited === "too-large") throw new Error("length was not declared");
  expect((await limited.arrayBuffer()).byteLength).toBe(10);
});

Deno.test("an upload page's over-limit body is drained, then its reading fails", async () => {
  const request = new Request("http://x/expert/application/credentials", {
    method: "POST",
    headers: { "content-length": "30" },
    body: "x".repeat(30),
  });
  const limited = limitRequestBody(request, 10);
  if (limited === "too-large") throw new Error("refused before the handler");
  await expect(limited.arrayBuffer()).rejects.toBeInstanceOf(
    PayloadTooLargeError,
  );
  // Far over the limit, even an upload page gets the plain refusal at once.
  const huge = new Request("http://x/expert/application/credentials", {
    method: "POST",
    headers: { "content-length": "50" },
    body: "x".repeat(50),
  });
  expect(limitRequestBody(huge, 10)).toBe("too-large");
});

Deno.test("a body whose connection fails midway errors as aborted, not as a bug", async () => {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(
          new Deno.errors.BadResource(
            "Cannot read request body as underlying resource unavailable",
          ),
        );
      } else {
        sent = true;
        controller.enqueue(new Uint8Array(4));
      }
    },
  });
  const request = new Request("http://x/", {
    method: "POST",
    headers: { "content-length": "10" },
    body,
  });
  const limited = limitRequestBody(request, 10);
  if (limited === "too-large") throw new Error("unexpected refusal");
  const error = await limited.arrayBuffer().catch((error) => error);
  expect(error).toBeInstanceOf(RequestAbortedError);
  expect(isRequestAborted(error)).toBe(true);
  expect(isRequestAborted(new Error("Cannot read"))).toBe(false);
});
