/**
 * Messages sent through the contact form.
 *
 * KV keys
 *   ["contact_messages", id] → ContactMessage   id is a ULID, so the key
 *                                                order is arrival order
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  emailSchema,
  idSchema,
  personNameSchema,
} from "@/services/platform/model.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";

export const CONTACT_PREFIX = ["contact_messages"] as const;

export const contactInputSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  subject: z.string().trim().min(1, "Add a subject.").max(150),
  message: z.string().trim().min(10, "Write at least 10 characters.").max(5000),
});

export type ContactInput = z.input<typeof contactInputSchema>;

export const contactMessageSchema = contactInputSchema.extend({
  id: idSchema,
  createdAt: z.iso.datetime(),
  status: z.enum(["new", "read", "answered"]),
});

export type ContactMessage = z.infer<typeof contactMessageSchema>;

/** Validates and stores a contact message with status "new". */
export async function saveContactMessage(
  kv: Deno.Kv,
  input: ContactInput,
): Promise<ContactMessage> {
  const fields = parseInput(
    contactInputSchema,
    input,
    "The message is invalid.",
  );
  const message: ContactMessage = {
    id: newId(),
    ...fields,
    createdAt: new Date().toISOString(),
    status: "new",
  };
  const key = [...CONTACT_PREFIX, message.id];
  await withLockRetry(() =>
    kv.atomic().check({ key, versionstamp: null }).set(key, message).commit()
  );
  return message;
}

/** Contact messages, newest first, a page at a time. */
export async function listContactMessages(
  kv: Deno.Kv,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ messages: ContactMessage[]; nextCursor: string | null }> {
  const page: Page<ContactMessage> = await listNewestFirst(
    kv,
    CONTACT_PREFIX,
    opts,
  );
  return { messages: page.items, nextCursor: page.nextCursor };
}
