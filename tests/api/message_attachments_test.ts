/**
 * Files sent with messages, over HTTP (every answer checked against the
 * OpenAPI document): each accepted type goes through and comes back to the
 * other party with safe headers; disguised, oversized and over-quota files
 * are refused with nothing stored; only the two parties (and admins, once
 * the message is reported) can open a file; deleting the message deletes
 * the file and gives back its quota.
 */
import { expect } from "expect";
import {
  type ApiAnswer,
  type Client,
  logIn,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { JPEG, PDF, PNG } from "@/tests/support/files.ts";
import {
  getFileStore,
  reserveStorage,
  STORAGE_QUOTA_BYTES,
  storageUsed,
} from "@/services/storage/mod.ts";
import { openConversation } from "@/services/messaging/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

/** The start of a WebP image: RIFF, its length, WEBP, a VP8L chunk. */
const WEBP = new Uint8Array([
  ...new TextEncoder().encode("RIFF"),
  ...[26, 0, 0, 0],
  ...new TextEncoder().encode("WEBPVP8L"),
  ...[13, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88],
]);

async function sendFile(
  client: Client,
  conversationId: string,
  file: File,
  text?: string,
): Promise<ApiAnswer> {
  const form = new FormData();
  form.append("file", file);
  if (text !== undefined) form.append("text", text);
  const response = await client.request(
    `/api/conversations/${conversationId}/messages`,
    { method: "POST", body: form },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  };
}

async function setUp() {
  const app = await createCheckedAuthApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);
  const conversation = await openConversation(
    app.kv,
    pair.learner,
    pair.expert.id,
  );
  return { app, pair, learner, expert, conversationId: conversation.id };
}

Deno.test("PDF, PNG, JPEG and WebP go through and come back to the other party with safe headers", async () => {
  const { app, learner, expert, conversationId } = await setUp();
  await using _app = app;
  const cases = [
    { bytes: PDF, name: "notes.pdf", type: "application/pdf" },
    { bytes: PNG, name: "diagram.png", type: "image/png" },
    { bytes: JPEG, name: "photo.jpg", type: "image/jpeg" },
    { bytes: WEBP, name: "sketch.webp", type: "image/webp" },
  ];
  for (const { bytes, name, type } of cases) {
    const sent = await sendFile(
      learner,
      conversationId,
      new File([bytes], name, { type }),
      type === "application/pdf" ? "Here are my notes" : undefined,
    );
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachment).toEqual({
      name,
      contentType: type,
      size: bytes.length,
    });
    const file = await expert.request(
      `/api/conversations/${conversationId}/messages/${sent.body.message.id}/file`,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe(type);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect(file.headers.get("content-disposition")).toMatch(
      type === "application/pdf" ? /^attachment; / : /^inline; /,
    );
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  }
  const history = await expert.api(
    "GET",
    `/api/conversations/${conversationId}/messages`,
  );
  expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(
    ["", "", "", "Here are my notes"],
  );
  expect(await storageUsed(app.kv, learner.user!.id)).toBe(
    PDF.length + PNG.length + JPEG.length + WEBP.length,
  );
  // Text alone still goes as JSON.
  const text = await learner.api(
    "POST",
    `/api/conversations/${conversationId}/messages`,
    { text: "And a plain message" },
  );
  expect(text.status).toBe(201);
  expect(text.body.message.attachment).toBeNull();
});

Deno.test("disguised, oversized and over-quota files are refused and nothing is stored", async () => {
  const { app, learner, expert, conversationId } = await setUp();
  await using _app = app;
  const html = new TextEncoder().encode("<html><script>alert(1)</script>");
  const disguised = await sendFile(
    learner,
    conversationId,
    new File([html], "cat.png", { type: "image/png" }),
  );
  expect(disguised.status).toBe(400);
  expect(disguised.body.details.file[0]).toMatch(/claims to be a PNG/);
  const gif = await sendFile(
    learner,
    conversationId,
    new File([new TextEncoder().encode("GIF89a....")], "a.gif"),
  );
  expect(gif.status).toBe(400);

  // Just over 10 MB fits the body limit: the upload check says why.
  const justOver = new Uint8Array(10 * 1024 * 1024 + 1);
  justOver.set(PNG);
  const large = await sendFile(
    learner,
    conversationId,
    new File([justOver], "big.png", { type: "image/png" }),
  );
  expect(large.status).toBe(400);
  expect(large.body.details.file[0]).toMatch(/larger than 10 MB/);
  // Well over it: the body limit answers 413 in the error shape.
  const huge = new Uint8Array(11 * 1024 * 1024);
  huge.set(PNG);
  const tooLarge = await sendFile(
    learner,
    conversationId,
    new File([huge], "huge.png", { type: "image/png" }),
  );
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.body).toEqual({
    error: "payload_too_large",
    message: expect.stringMatching(/larger than 10 MB/),
  });

  // Almost full: the file does not fit the sender's quota.
  await reserveStorage(
    app.kv,
    learner.user!.id,
    STORAGE_QUOTA_BYTES - 10,
  );
  const overQuota = await sendFile(
    learner,
    conversationId,
    new File([PDF], "notes.pdf", { type: "application/pdf" }),
  );
  expect(overQuota.status).toBe(400);
  expect(overQuota.body.details.file[0]).toMatch(/does not fit/);
  expect(await storageUsed(app.kv, learner.user!.id)).toBe(
    STORAGE_QUOTA_BYTES - 10,
  );
  const history = await expert.api(
    "GET",
    `/api/conversations/${conversationId}/messages`,
  );
  expect(history.body.messages.length).toBe(0);
  // No file in the body at all.
  const form = new FormData();
  form.append("text", "no file");
  const missing = await learner.request(
    `/api/conversations/${conversationId}/messages`,
    { method: "POST", body: form },
  );
  expect(missing.status).toBe(400);
  expect((await missing.json()).details.file).toBeDefined();
});

Deno.test("only the two parties open a file; admins once it is reported; deleting the message deletes it", async () => {
  const { app, learner, expert, conversationId } = await setUp();
  await using _app = app;
  const sent = await sendFile(
    expert,
    conversationId,
    new File([PNG], "slide.png", { type: "image/png" }),
  );
  const messageId = sent.body.message.id;
  const path =
    `/api/conversations/${conversationId}/messages/${messageId}/file`;
  const stranger = await signUp(app, "learner");
  const strangerAnswer = await stranger.api("GET", path);
  expect(strangerAnswer.status).toBe(404);
  const strangerSend = await sendFile(
    stranger,
    conversationId,
    new File([PNG], "x.png", { type: "image/png" }),
  );
  expect(strangerSend.status).toBe(404);
  const admin = await signInAdmin(app, { twoFactor: true });
  expect((await admin.api("GET", path)).status).toBe(404);
  const reported = await learner.api(
    "POST",
    `/api/conversations/${conversationId}/messages/${messageId}/report`,
    { reason: "Not what we talked about" },
  );
  expect(reported.status).toBe(201);
  const adminFile = await admin.request(path);
  expect(adminFile.status).toBe(200);
  await adminFile.body?.cancel();

  const fileKey = `message_files/${conversationId}/${messageId}`;
  expect(await getFileStore(app.kv).head(fileKey)).not.toBeNull();
  expect(await storageUsed(app.kv, expert.user!.id)).toBe(PNG.length);
  const deleted = await expert.api(
    "DELETE",
    `/api/conversations/${conversationId}/messages/${messageId}`,
  );
  expect(deleted.status).toBe(200);
  expect(deleted.body.message.attachment).toBeNull();
  expect(await getFileStore(app.kv).head(fileKey)).toBeNull();
  expect(await storageUsed(app.kv, expert.user!.id)).toBe(0);
  expect((await learner.api("GET", path)).status).toBe(404);
});
