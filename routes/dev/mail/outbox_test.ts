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

Deno.test("/dev/mail shows text messages beside the emails, found by part of the number", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const sent = await learner.api("PUT", "/api/me/phone", {
    number: "+44 7911 123456",
  });
  expect(sent.status).toBe(200);
  const outbox = async (to: string) => {
    const response = await app.fetch(
      new Request(`http://localhost:8000/dev/mail?to=${to}`),
      "127.0.0.1",
    );
    expect(response.status).toBe(200);
    return await response.text();
  };
  const all = await outbox("");
  expect(all).toContain("Text messages");
  expect(all).toMatch(/\d{6} is your TapTime code to verify \+44 7911 123456/);
  expect(await outbox("%2B44%207911")).toContain("To +447911123456");
  expect(await outbox("%2B1415")).toContain("No text messages yet.");
  // Not for other machines.
  const remote = await app.fetch(new Request("http://localhost:8000/dev/mail"));
  expect(remote.status).toBe(404);
  await remote.body?.cancel();
});
