/**
 * GET /api/live through the whole app: who may open it, what it answers
 * without an event-stream Accept header, delivery of a user's own events,
 * and the end of the stream when its session ends (logout, a password
 * change on another device, suspension).
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  signInAdmin,
  signUp,
  TEST_PASSWORD,
} from "@/tests/support/auth.ts";
import { publishEvent } from "@/services/platform/events.ts";
import { providerFor } from "@/services/platform/providers.ts";
import { liveHubProvider } from "./hub.ts";
import { SseReader } from "./sse_client.ts";

const EVENT_STREAM = { accept: "text/event-stream" };

/** The app with quick session checks, so a test need not wait seconds. */
async function liveApp(): Promise<AuthTestApp> {
  const app = await createAuthTestApp();
  providerFor(app.kv, liveHubProvider).tune({ sessionCheckMs: 50 });
  return app;
}

async function openStream(client: Client, query = ""): Promise<SseReader> {
  const response = await client.request(`/api/live${query}`, {
    headers: EVENT_STREAM,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(
    "text/event-stream; charset=utf-8",
  );
  expect(response.headers.get("cache-control")).toContain("no-store");
  return new SseReader(response.body!);
}

Deno.test("the event stream needs a session and an event-stream Accept header", async () => {
  await using app = await liveApp();
  const anonymous = await app.client().request("/api/live", {
    headers: EVENT_STREAM,
  });
  expect(anonymous.status).toBe(401);
  await anonymous.body?.cancel();
  const learner = await signUp(app, "learner");
  const plain = await learner.api("GET", "/api/live");
  expect(plain.status).toBe(406);
  expect(plain.body.error).toBe("not_acceptable");
  const badResume = await learner.api("GET", "/api/live", undefined, {
    ...EVENT_STREAM,
    "last-event-id": "yesterday",
  });
  expect(badResume.status).toBe(400);
  expect(badResume.body.details.lastEventId).toBeDefined();
});

Deno.test("a signed-in user's stream carries their events, and resumes after the last id", async () => {
  await using app = await liveApp();
  const learner = await signUp(app, "learner");
  const other = await signUp(app, "learner");
  const stream = await openStream(learner);
  await publishEvent(app.kv, other.user!.id, { type: "note", data: {} });
  await publishEvent(app.kv, learner.user!.id, {
    type: "note",
    data: { hello: 1 },
  });
  expect(await stream.next()).toEqual({
    id: "1",
    event: "note",
    data: { hello: 1 },
  });
  await stream.cancel();
  await publishEvent(app.kv, learner.user!.id, { type: "note", data: {} });
  const resumed = await openStream(learner, "?lastEventId=1");
  expect((await resumed.next())?.id).toBe("2");
  await resumed.cancel();
});

Deno.test("the stream ends when its session is logged out", async () => {
  await using app = await liveApp();
  const learner = await signUp(app, "learner");
  const stream = await openStream(learner);
  const cookies = new Map(learner.cookies);
  expect((await learner.api("POST", "/api/auth/logout")).status).toBe(204);
  expect(await stream.next(3_000)).toEqual({
    id: null,
    event: "end",
    data: { reason: "session_ended" },
  });
  expect(await stream.next()).toBeNull();
  // The old cookie opens nothing any more.
  for (const [name, value] of cookies) learner.cookies.set(name, value);
  const again = await learner.request("/api/live", { headers: EVENT_STREAM });
  expect(again.status).toBe(401);
  await again.body?.cancel();
});

Deno.test("a password change on another device ends this device's stream", async () => {
  await using app = await liveApp();
  const learner = await signUp(app, "learner");
  const stream = await openStream(learner);
  const otherDevice = app.client();
  const login = await otherDevice.api("POST", "/api/auth/login", {
    email: learner.user!.email,
    password: TEST_PASSWORD,
  });
  expect(login.status).toBe(200);
  const changed = await otherDevice.api("POST", "/api/auth/password/change", {
    currentPassword: TEST_PASSWORD,
    newPassword: "another long passphrase 42",
  });
  expect(changed.status).toBeLessThan(300);
  expect((await stream.next(3_000))?.data).toEqual({
    reason: "session_ended",
  });
});

Deno.test("suspending a user ends their streams", async () => {
  await using app = await liveApp();
  const learner = await signUp(app, "learner");
  const admin = await signInAdmin(app, { twoFactor: true });
  const stream = await openStream(learner);
  const suspended = await admin.api(
    "POST",
    `/api/admin/users/${learner.user!.id}/suspend`,
    { reason: "Testing the live stream" },
  );
  expect(suspended.status).toBe(200);
  expect((await stream.next(3_000))?.data).toEqual({
    reason: "session_ended",
  });
});
