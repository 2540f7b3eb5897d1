import { expect } from "expect";
import {
  clearPendingCookie,
  clearSessionCookie,
  readCookie,
  setPendingCookie,
  setsCookie,
  setSessionCookie,
} from "./cookies.ts";

const http = new Request("http://localhost:8000/");
const https = new Request("https://taptime.example/");

Deno.test("session and pending cookies carry the right attributes", () => {
  const headers = new Headers();
  setSessionCookie(headers, "abc", http, false);
  setPendingCookie(headers, "def", https, false);
  const [session, pending] = headers.getSetCookie();
  expect(session).toBe(
    "tt_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000",
  );
  expect(pending).toBe(
    "tt_2fa=def; Path=/; HttpOnly; SameSite=Lax; Max-Age=300; Secure",
  );
  expect(setsCookie(headers, "tt_session")).toBe(true);
  expect(setsCookie(new Headers(), "tt_session")).toBe(false);
});

Deno.test("clearing sets an empty value that expires at once", () => {
  const headers = new Headers();
  clearSessionCookie(headers, https, false);
  clearPendingCookie(headers, http, false);
  expect(headers.getSetCookie()).toEqual([
    "tt_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure",
    "tt_2fa=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
  ]);
});

Deno.test("readCookie finds one cookie among many and ignores junk", () => {
  const req = (cookie: string) =>
    new Request("http://x/", { headers: { cookie } });
  expect(readCookie(req("a=1; tt_session=tok-en_1; b=2"), "tt_session")).toBe(
    "tok-en_1",
  );
  expect(readCookie(req("xtt_session=nope"), "tt_session")).toBeNull();
  expect(readCookie(req("tt_session="), "tt_session")).toBeNull();
  expect(readCookie(req(`tt_session=${"x".repeat(300)}`), "tt_session"))
    .toBeNull();
  expect(readCookie(new Request("http://x/"), "tt_session")).toBeNull();
});
