import { expect } from "expect";
import { NotFoundError } from "@/services/platform/errors.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  authenticate,
  listSessions,
  logout,
  revokeSession,
  rotateSession,
} from "./account_sessions.ts";
import { SessionExpiredError } from "./errors.ts";
import { sessionTokenHash, writeSession } from "./sessions.ts";
import { randomToken } from "@/services/platform/crypto.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  DAY,
  eventTypes,
  fullLogin,
  meta,
  newLearner,
  otherDevice,
} from "./test_support.ts";

Deno.test("sessions end after 7 idle days or 30 days in all; lastSeenAt moves at most once a minute", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  using kv = await openTestKv();
  const { sessionToken } = await newLearner(kv);
  const seen = async () =>
    (await authenticate(kv, sessionToken))?.session.lastSeenAt;
  clock.advance(30_000);
  expect(await seen()).toBe("2030-01-01T00:00:00.000Z");
  clock.advance(31_000);
  expect(await seen()).toBe("2030-01-01T00:01:01.000Z");
  // Used every 6 days, it lives until the 30-day mark and not beyond.
  for (let day = 6; day < 30; day += 6) {
    clock.set(new Date(Date.UTC(2030, 0, 1 + day)));
    expect(await authenticate(kv, sessionToken)).not.toBeNull();
  }
  clock.set(new Date(Date.UTC(2030, 0, 31)));
  expect(await authenticate(kv, sessionToken)).toBeNull();

  const idle = await fullLogin(kv, "ada@example.com");
  clock.advance(7 * DAY - 1000);
  expect(await authenticate(kv, idle)).not.toBeNull();
  clock.advance(7 * DAY);
  expect(await authenticate(kv, idle)).toBeNull();
  expect(await authenticate(kv, "not-a-token")).toBeNull();
  expect(await authenticate(kv, null)).toBeNull();
});

Deno.test("logout ends the session; sessions list, describe and revoke only one's own", async () => {
  using kv = await openTestKv();
  const { user, sessionToken: laptop } = await newLearner(kv);
  const phone = await fullLogin(kv, user.email, otherDevice);
  const { user: other } = await newLearner(kv, "eve@example.com");
  const sessions = await listSessions(kv, user.id, laptop);
  expect(sessions).toHaveLength(2);
  const current = sessions.find((s) => s.current)!;
  expect(current.device).toBe("Chrome on Linux");
  const phoneSession = sessions.find((s) => !s.current)!;
  expect(phoneSession).toMatchObject({
    device: "Firefox on macOS",
    ip: otherDevice.ip,
  });
  await expect(revokeSession(kv, other.id, phoneSession.id, meta)).rejects
    .toThrow(NotFoundError);
  expect(await authenticate(kv, phone)).not.toBeNull();
  await revokeSession(kv, user.id, phoneSession.id, meta);
  expect(await authenticate(kv, phone)).toBeNull();
  await logout(kv, laptop, meta);
  expect(await authenticate(kv, laptop)).toBeNull();
  expect(await listSessions(kv, user.id)).toEqual([]);
  expect(await eventTypes(kv, user.id)).toEqual(
    expect.arrayContaining(["session_revoked", "logout"]),
  );
});

Deno.test("rotateSession swaps the token and keeps the absolute expiry", async () => {
  using kv = await openTestKv();
  const { sessionToken } = await newLearner(kv);
  const before = (await authenticate(kv, sessionToken))!.session;
  const rotated = await rotateSession(kv, sessionToken, meta);
  expect(await authenticate(kv, sessionToken)).toBeNull();
  const after = (await authenticate(kv, rotated))!.session;
  expect(after.id).not.toBe(before.id);
  expect(after.expiresAt).toBe(before.expiresAt);
  await expect(rotateSession(kv, sessionToken, meta)).rejects.toThrow(
    SessionExpiredError,
  );
});

Deno.test("a session token names its user but proves nothing by it; older tokens without the name still sign in", async () => {
  using kv = await openTestKv();
  const alice = await newLearner(kv);
  const bob = await newLearner(kv, "bob@example.com");
  const [named, secret] = alice.sessionToken.split(".");
  expect(named).toBe(alice.user.id);
  expect((await authenticate(kv, alice.sessionToken))?.user.id).toBe(
    alice.user.id,
  );
  // Another user's id in front of Alice's secret finds no session.
  expect(await authenticate(kv, `${bob.user.id}.${secret}`)).toBeNull();
  for (const malformed of ["abc", `${named}.short`, `.${secret}`, secret]) {
    expect(await authenticate(kv, malformed)).toBeNull();
  }

  // A session from before tokens named their user.
  const older = randomToken();
  const at = new Date().toISOString();
  const op = kv.atomic();
  writeSession(op, {
    id: newId(),
    tokenHash: await sessionTokenHash(older),
    userId: bob.user.id,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(Date.now() + DAY).toISOString(),
    ip: "127.0.0.1",
    userAgent: "test",
    twoFactorPending: false,
  });
  await op.commit();
  expect((await authenticate(kv, older))?.user.id).toBe(bob.user.id);
});
