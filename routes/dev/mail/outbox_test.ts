/** The development outbox finds messages by any part of the address. */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";

Deno.test("/dev/mail?to= matches part of an address, in any case", async () => {
  await using app = await createAuthTestApp();
  await signUp(app, "learner", { email: "nina.kowalski@example.com" });
  await signUp(app, "learner", { email: "omar@example.com" });
  const outbox = async (to: string) => {
    const response = await app.fetch(
      new Request(`http://localhost:8000/dev/mail?to=${to}`),
      "127.0.0.1",
    );
    expect(response.status).toBe(200);
    return await response.text();
  };
  const nina = await outbox("NINA");
  expect(nina).toContain("nina.kowalski@example.com");
  expect(nina).not.toContain("omar@example.com");
  // The box accepts part of an address (an email field would refuse it).
  expect(nina).toContain('type="search"');
  // The whole address still works.
  expect(await outbox("omar%40example.com")).toContain("omar@example.com");
});
