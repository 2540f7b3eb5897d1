/**
 * Recordings over HTTP: the expert's browser uploads a peer-to-peer
 * recording in ordered, idempotent, size-limited chunks inside the join
 * window; the two parties list it and stream it with range requests
 * (206, Content-Range, 416, ETag, private no-store); a third user, an
 * admin and another booking's path get 404; no consent, no recording.
 * Time moves with a fake clock.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
  recordedBooking as bookedForRecording,
} from "@/tests/support/bookings.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";
import {
  IDLE_FINISH_MS,
  MAX_CHUNK_BYTES,
  recordingIdleJob,
} from "@/services/recordings/mod.ts";
import { checkApiAnswers } from "./contract.ts";

const START = new Date("2030-06-03T08:00:00Z");

/** An expert offering recording, a learner who booked tomorrow at 10:00 UTC (consenting or not). */
async function recordedBooking(
  options: { consent?: boolean; offered?: boolean } = {},
) {
  const app = checkApiAnswers(await createAuthTestApp());
  return { app, ...await bookedForRecording(app, options) };
}

const bytes = (length: number, fill: number) =>
  new Uint8Array(length).fill(fill);

function upload(
  client: Awaited<ReturnType<typeof signUp>>,
  path: string,
  body: Uint8Array,
) {
  return client.request(path, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: body as BodyInit,
  });
}

Deno.test("the expert's browser uploads ordered chunks; both parties stream the recording with ranges; nobody else sees it", async () => {
  using clock = useFakeClock(START);
  const { app, expert, learner, id, booking, start } = await recordedBooking();
  await using _app = app;
  expect(booking.recordingConsent).toBe(true);
  const stranger = await signUp(app, "learner");
  const admin = await signInAdmin(app, { twoFactor: true });
  const base = `/api/bookings/${id}/recordings`;

  const early = await expert.api("POST", base);
  expect(early.status).toBe(403);
  expect(early.body.error).toBe("recording_outside_window");

  clock.set(new Date(start));
  const byLearner = await learner.api("POST", base);
  expect(byLearner.status).toBe(403);
  expect(byLearner.body.error).toBe("recording_expert_only");
  expect((await stranger.api("POST", base)).status).toBe(404);

  const started = await expert.api("POST", base);
  expect(started.status).toBe(201);
  const recording = started.body.recording;
  expect(recording).toMatchObject({ status: "recording", chunks: 0 });
  const chunk = (n: number) => `${base}/${recording.id}/chunks/${n}`;

  // In order only; a retry of the same bytes is fine; other bytes are not.
  const outOfOrder = await upload(expert, chunk(1), bytes(10, 1));
  expect(outOfOrder.status).toBe(409);
  expect((await outOfOrder.json()).message).toContain("chunk 0 comes next");
  const first = await upload(expert, chunk(0), bytes(10, 1));
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({
    duplicate: false,
    recording: { chunks: 1, sizeBytes: 10 },
  });
  const retried = await upload(expert, chunk(0), bytes(10, 1));
  expect((await retried.json()).duplicate).toBe(true);
  expect((await upload(expert, chunk(0), bytes(10, 2))).status).toBe(409);
  // Size limits: empty is refused, over the limit never reaches the handler.
  expect((await upload(expert, chunk(1), bytes(0, 0))).status).toBe(400);
  const tooBig = await upload(expert, chunk(1), bytes(MAX_CHUNK_BYTES + 1, 3));
  expect(tooBig.status).toBe(413);
  const full = await upload(expert, chunk(1), bytes(MAX_CHUNK_BYTES, 3));
  expect(full.status).toBe(200);
  // Only the expert uploads; nobody else even sees the booking.
  expect((await upload(learner, chunk(2), bytes(5, 4))).status).toBe(403);
  expect((await upload(stranger, chunk(2), bytes(5, 4))).status).toBe(404);
  expect((await upload(expert, `${base}/nope/chunks/2`, bytes(5, 4))).status)
    .toBe(404);
  expect(
    (await upload(expert, `${base}/${recording.id}/chunks/x`, bytes(5, 4)))
      .status,
  )
    .toBe(404);

  // Still recording: listed, but not playable yet.
  const during = await learner.api("GET", base);
  expect(during.body.recordings).toMatchObject([
    { id: recording.id, status: "recording", url: null },
  ]);

  const finished = await expert.api("POST", `${base}/${recording.id}/finish`, {
    durationMs: 4200,
  });
  expect(finished.status).toBe(200);
  expect(finished.body.recording).toMatchObject({
    status: "ready",
    sizeBytes: 10 + MAX_CHUNK_BYTES,
    durationSeconds: 4,
  });
  const again = await expert.api("POST", `${base}/${recording.id}/finish`, {});
  expect(again.body.recording.status).toBe("ready");
  expect((await upload(expert, chunk(2), bytes(5, 4))).status).toBe(409);

  for (const party of [learner, expert]) {
    const listed = await party.api("GET", base);
    expect(listed.status).toBe(200);
    expect(listed.headers.get("cache-control")).toBe("private, no-store");
    expect(listed.body.recordings).toHaveLength(1);
    expect(listed.body.recordings[0].url).toBe(
      `/bookings/${id}/recordings/${recording.id}`,
    );
  }
  expect((await stranger.api("GET", base)).status).toBe(404);
  expect((await admin.api("GET", base)).status).toBe(404);

  // Streaming, whole and in ranges.
  const url = `/bookings/${id}/recordings/${recording.id}`;
  const size = 10 + MAX_CHUNK_BYTES;
  const whole = await learner.request(url);
  expect(whole.status).toBe(200);
  expect(whole.headers.get("content-type")).toBe("video/webm");
  expect(whole.headers.get("accept-ranges")).toBe("bytes");
  expect(whole.headers.get("cache-control")).toBe("private, no-store");
  expect(whole.headers.get("content-length")).toBe(String(size));
  const etag = whole.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
  const body = new Uint8Array(await whole.arrayBuffer());
  expect(body.byteLength).toBe(size);
  expect([body[0], body[9], body[10], body[size - 1]]).toEqual([1, 1, 3, 3]);

  const ranged = await expert.request(url, {
    headers: { range: "bytes=8-11" },
  });
  expect(ranged.status).toBe(206);
  expect(ranged.headers.get("content-range")).toBe(`bytes 8-11/${size}`);
  expect([...new Uint8Array(await ranged.arrayBuffer())]).toEqual([1, 1, 3, 3]);
  const tail = await learner.request(url, { headers: { range: "bytes=-3" } });
  expect(tail.status).toBe(206);
  expect(tail.headers.get("content-range")).toBe(
    `bytes ${size - 3}-${size - 1}/${size}`,
  );
  await tail.body?.cancel();
  const open = await learner.request(url, {
    headers: { range: `bytes=${size - 1}-` },
  });
  expect(open.status).toBe(206);
  expect((await open.arrayBuffer()).byteLength).toBe(1);
  const outside = await learner.request(url, {
    headers: { range: `bytes=${size}-` },
  });
  expect(outside.status).toBe(416);
  expect(outside.headers.get("content-range")).toBe(`bytes */${size}`);
  await outside.body?.cancel();
  const cached = await learner.request(url, {
    headers: { "if-none-match": etag },
  });
  expect(cached.status).toBe(304);
  const stale = await learner.request(url, {
    headers: { range: "bytes=0-1", "if-range": '"another"' },
  });
  expect(stale.status).toBe(200);
  await stale.body?.cancel();

  for (const outsider of [stranger, admin]) {
    const refused = await outsider.request(url);
    expect(refused.status).toBe(404);
    await refused.body?.cancel();
  }

  // Another booking of the same expert does not reach this recording.
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  await fundLearner(app.kv, stranger.user!.id, 12000);
  const other = await stranger.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(now(), 2, 10),
  });
  expect(other.status).toBe(201);
  const crossed = await expert.request(
    `/bookings/${other.body.booking.id}/recordings/${recording.id}`,
  );
  expect(crossed.status).toBe(404);
  await crossed.body?.cancel();
  const crossedChunk = await upload(
    expert,
    `/api/bookings/${other.body.booking.id}/recordings/${recording.id}/chunks/2`,
    bytes(3, 1),
  );
  expect(crossedChunk.status).toBe(403); // no consent on that booking
});

Deno.test("no recording without the offering offering it and the learner agreeing", async () => {
  using clock = useFakeClock(START);
  const declined = await recordedBooking({ consent: false });
  await using _a = declined.app;
  clock.set(new Date(declined.start));
  expect(declined.booking.recordingConsent).toBeUndefined();
  const refused = await declined.expert.api(
    "POST",
    `/api/bookings/${declined.id}/recordings`,
  );
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("recording_not_consented");

  const notOffered = await recordedBooking({ offered: false, consent: true });
  await using _b = notOffered.app;
  expect(notOffered.booking.recordingConsent).toBeUndefined();
  expect(
    (await notOffered.expert.api(
      "POST",
      `/api/bookings/${notOffered.id}/recordings`,
    )).body.error,
  ).toBe("recording_not_consented");
});

Deno.test("a recording whose page vanished is finished by the idle job; one with nothing in it disappears", async () => {
  using clock = useFakeClock(START);
  const { app, expert, learner, id, start } = await recordedBooking();
  await using _app = app;
  clock.set(new Date(start));
  const base = `/api/bookings/${id}/recordings`;
  const kept = (await expert.api("POST", base)).body.recording;
  const empty = (await expert.api("POST", base)).body.recording;
  await upload(expert, `${base}/${kept.id}/chunks/0`, bytes(100, 7));

  clock.advance(IDLE_FINISH_MS / 2);
  await recordingIdleJob.handler({ recordingId: kept.id }, {
    kv: app.kv,
    id: "job",
  });
  expect((await learner.api("GET", base)).body.recordings[0].status).toBe(
    "recording",
  );
  clock.advance(IDLE_FINISH_MS);
  for (const recording of [kept, empty]) {
    await recordingIdleJob.handler({ recordingId: recording.id }, {
      kv: app.kv,
      id: "job",
    });
  }
  const listed = (await learner.api("GET", base)).body.recordings;
  expect(listed).toMatchObject([
    { id: kept.id, status: "ready", sizeBytes: 100, durationSeconds: null },
  ]);
  const played = await learner.request(listed[0].url);
  expect((await played.arrayBuffer()).byteLength).toBe(100);
});
