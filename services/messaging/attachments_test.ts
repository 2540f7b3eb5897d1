/**
 * Attachments and reports at the service level: a WebP is known by its
 * bytes; a file is not stored when its sender may not write, nor kept when
 * the message fails; a report needs the other party's standing message and
 * comes once per person, and the queue shows it with its neighbours.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { sniffFileType, storageUsed } from "@/services/storage/mod.ts";
import { PNG } from "@/tests/support/files.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import {
  deleteMessage,
  listReportQueue,
  openConversation,
  reportMessage,
  sendAttachment,
  sendMessage,
  setBlocked,
} from "./mod.ts";

const WEBP = new Uint8Array([
  ...new TextEncoder().encode("RIFF"),
  ...[26, 0, 0, 0],
  ...new TextEncoder().encode("WEBPVP8L"),
]);

Deno.test("a WebP is known by its RIFF....WEBP bytes, and a RIFF that is not WebP is not", () => {
  expect(sniffFileType(WEBP)).toBe("image/webp");
  const wave = WEBP.slice();
  wave.set(new TextEncoder().encode("WAVE"), 8);
  expect(sniffFileType(wave)).toBeNull();
  expect(sniffFileType(WEBP.subarray(0, 11))).toBeNull();
});

Deno.test("a file is stored only when its sender may write, and goes with its message", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const { id } = await openConversation(kv, learner, expert.id);
  await setBlocked(kv, expert.id, id, true);
  const png = () => new File([PNG], "a.png", { type: "image/png" });
  await expect(sendAttachment(kv, learner.id, id, png())).rejects
    .toBeInstanceOf(ConflictError);
  expect(await storageUsed(kv, learner.id)).toBe(0);
  await setBlocked(kv, expert.id, id, false);
  const sent = await sendAttachment(kv, learner.id, id, png(), " ");
  expect(sent.text).toBe("");
  expect(await storageUsed(kv, learner.id)).toBe(PNG.length);
  const { fileKey } = await deleteMessage(kv, learner.id, id, sent.id);
  expect(fileKey).toBe(`message_files/${id}/${sent.id}`);
  expect(await storageUsed(kv, learner.id)).toBe(0);
});

Deno.test("a report needs the other party's standing message, once per person, and queues with context", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const { id } = await openConversation(kv, learner, expert.id);
  const first = await sendMessage(kv, learner.id, id, { text: "One" });
  const bad = await sendMessage(kv, expert.id, id, { text: "Two" });
  const gone = await sendMessage(kv, expert.id, id, { text: "Three" });
  await deleteMessage(kv, expert.id, id, gone.id);

  await expect(reportMessage(kv, learner.id, id, first.id, { reason: "x" }))
    .rejects.toThrow("You can't report your own message.");
  await expect(reportMessage(kv, learner.id, id, gone.id, { reason: "x" }))
    .rejects.toThrow("This message was deleted.");
  await expect(reportMessage(kv, learner.id, id, "nope", { reason: "x" }))
    .rejects.toBeInstanceOf(NotFoundError);
  const report = await reportMessage(kv, learner.id, id, bad.id, {
    reason: "  Rude\r\n",
  });
  expect(report.reason).toBe("Rude");
  await expect(reportMessage(kv, learner.id, id, bad.id, { reason: "Again" }))
    .rejects.toThrow("You already reported this message.");

  const { items } = await listReportQueue(kv);
  expect(items).toHaveLength(1);
  expect(items[0].context.map((m) => [m.text, m.reported])).toEqual([
    ["One", false],
    ["Two", true],
    ["", false],
  ]);
});
