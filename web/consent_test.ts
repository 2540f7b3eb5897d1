/**
 * The consent contract's pure parts: reading the choice from cookies, the
 * cookies a choice writes, and which events a page view stands for.
 */
import { expect } from "expect";
import { choiceCookies, consentFrom, eventsForPage } from "./consent.ts";

Deno.test("the choice is read from the cookie; anything else is no choice", () => {
  expect(consentFrom("a=1; tt_consent=allow; b=2")).toBe("allow");
  expect(consentFrom("tt_consent=decline")).toBe("decline");
  expect(consentFrom("tt_consent=yes")).toBeNull();
  expect(consentFrom("xtt_consent=allow")).toBeNull();
  expect(consentFrom(null)).toBeNull();
});

Deno.test("declining also drops the visitor id; https adds Secure", () => {
  expect(choiceCookies("allow", true)).toEqual([
    "tt_consent=allow; Path=/; Max-Age=31536000; SameSite=Lax; Secure",
  ]);
  expect(choiceCookies("decline", false)[1]).toBe(
    "tt_visitor=; Path=/; Max-Age=0; SameSite=Lax",
  );
});

Deno.test("a page is a page view; profiles and the booking page say more", () => {
  const site = "https://taptime.example";
  expect(eventsForPage(new URL(`${site}/faq?x=1`), `${site}/`)).toEqual([
    { type: "page_view", path: "/faq" },
  ]);
  expect(
    eventsForPage(
      new URL(`${site}/experts/01JABC`),
      "https://search.example/q?who=me",
    ),
  ).toEqual([
    {
      type: "page_view",
      path: "/experts/01JABC",
      referrerHost: "search.example",
    },
    { type: "profile_view", subjectId: "01JABC", path: "/experts/01JABC" },
  ]);
  expect(eventsForPage(new URL(`${site}/book/01JABC?offering=o1`), "")).toEqual(
    [
      { type: "page_view", path: "/book/01JABC" },
      {
        type: "booking_started",
        subjectId: "01JABC",
        offeringId: "o1",
        path: "/book/01JABC",
      },
    ],
  );
  // Deeper paths under a profile (photos) are not profile views.
  expect(eventsForPage(new URL(`${site}/experts/01JABC/photo/p`), ""))
    .toHaveLength(1);
  expect(eventsForPage(new URL(`${site}/experts`), "not a url")).toEqual([
    { type: "page_view", path: "/experts" },
  ]);
});
