import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  contactInputSchema,
  listContactMessages,
  saveContactMessage,
} from "./contact.ts";
import { ValidationError } from "@/services/platform/errors.ts";

const valid = {
  name: "  Ada Lovelace ",
  email: " ada@example.com ",
  subject: "Partnership",
  message: "I would love to offer sessions on TapTime.",
};

Deno.test("a contact message is trimmed, stored under [contact_messages, id] as new", async () => {
  using kv = await openTestKv();
  const saved = await saveContactMessage(kv, valid);
  expect(saved).toMatchObject({
    name: "Ada Lovelace",
    email: "ada@example.com",
    status: "new",
  });
  expect((await kv.get(["contact_messages", saved.id])).value).toEqual(saved);
});

Deno.test("contact messages list newest first, a page at a time", async () => {
  using kv = await openTestKv();
  for (const subject of ["first", "second", "third"]) {
    await saveContactMessage(kv, { ...valid, subject });
  }
  const page = await listContactMessages(kv, { limit: 2 });
  expect(page.messages.map((m) => m.subject)).toEqual(["third", "second"]);
  const rest = await listContactMessages(kv, {
    limit: 2,
    cursor: page.nextCursor!,
  });
  expect(rest.messages.map((m) => m.subject)).toEqual(["first"]);
  expect(rest.nextCursor).toBeNull();
});

Deno.test("contact input limits", async () => {
  const result = contactInputSchema.safeParse({
    name: " ",
    email: "not-an-email",
    subject: "x".repeat(151),
    message: "too short",
  });
  expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(
    ["email", "message", "name", "subject"],
  );
  expect(
    contactInputSchema.safeParse({ ...valid, message: "x".repeat(5001) })
      .success,
  ).toBe(false);
  using kv = await openTestKv();
  await expect(saveContactMessage(kv, { ...valid, email: "" })).rejects
    .toThrow(ValidationError);
  expect(await Array.fromAsync(kv.list({ prefix: [] }))).toEqual([]);
});
