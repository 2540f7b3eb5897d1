/**
 * The public pages keep in step with the product: booking and paying from
 * the wallet exist and are said plainly; the session itself is not hosted
 * on TapTime (no calls, no messages), and the pages say how people meet.
 * (tests/pages_test.ts lists the phrases they must not use.)
 */
import { expect } from "expect";
import { createTestApp } from "@/tests/support/helpers.ts";

async function pageText(
  app: { fetch: (req: Request) => Promise<Response> },
  path: string,
): Promise<string> {
  const response = await app.fetch(new Request(`http://localhost:8000${path}`));
  expect(response.status).toBe(200);
  return (await response.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")
    .replaceAll("&#x27;", "'").replaceAll("&#39;", "'");
}

Deno.test("the public pages say what exists now, and how a session is met", async (t) => {
  await using app = await createTestApp();
  const expected: Record<string, (string | RegExp)[]> = {
    "/": [/book a session/i, "pay for it from your credits", "booking note"],
    "/how-it-works": [
      "pay with credits from your wallet",
      "doesn't host the session itself yet",
      "booking note",
    ],
    "/join": ["Learners pay when they book", "how they'd like to meet"],
    "/faq": [
      "Where does the session take place?",
      "doesn't host calls or messages yet",
      "pause new bookings on your availability page",
    ],
  };
  for (const [path, phrases] of Object.entries(expected)) {
    await t.step(path, async () => {
      const text = await pageText(app, path);
      for (const phrase of phrases) {
        const found = typeof phrase === "string"
          ? (text.includes(phrase) ? phrase : null)
          : text.match(phrase)?.[0] ?? null;
        expect({ path, phrase: String(phrase), found: found !== null })
          .toEqual({ path, phrase: String(phrase), found: true });
      }
    });
  }
});
