/**
 * Verifying a number: a code by text (read back from the SMS outbox), its
 * 10 minutes, its 5 tries, the hourly limits, and the audit log.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { startTwilioStandIn } from "@/tests/support/twilio_server.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import {
  createTwilioSmsProvider,
  listSmsOutbox,
  smsProvider,
} from "@/services/platform/sms.ts";
import {
  CodeSendLimitError,
  getPhoneState,
  PhoneError,
  requestPhoneCode,
  verifyPhoneCode,
} from "./mod.ts";

const META = { ip: "192.0.2.7", userAgent: "test", baseUrl: "http://x" };
const USER = { id: "01USERPHONE0000000000000001", timeZone: "Europe/London" };
const NOW = new Date("2030-03-04T08:00:00Z");

/** The code in the newest text to `number`. */
async function codeSentTo(kv: Deno.Kv, number: string): Promise<string> {
  const [text] = await listSmsOutbox(kv, { to: number });
  const code = text?.body.match(/^(\d{6}) is your TapTime code/)?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(text)}`);
  return code;
}

async function refusal(promise: Promise<unknown>) {
  return await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error) => error as PhoneError,
  );
}

const wrong = (code: string) => code === "000000" ? "111111" : "000000";

Deno.test("a code texted to a number in the user's country verifies it", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const sent = await requestPhoneCode(kv, USER, {
    number: "07911 123456",
  }, META);
  expect(sent).toEqual({
    number: null,
    verifiedAt: null,
    smsReminders: false,
    pending: {
      number: "+447911123456",
      expiresAt: "2030-03-04T08:10:00.000Z",
      attemptsLeft: 5,
      expired: false,
    },
  });
  const code = await codeSentTo(kv, "+447911123456");
  // The code is not stored, only its hash.
  const pending = await kv.get<Record<string, unknown>>([
    "phone_pending",
    USER.id,
  ]);
  expect(JSON.stringify(pending.value)).not.toContain(code);

  const verified = await verifyPhoneCode(kv, USER.id, {
    code: `${code.slice(0, 3)} ${code.slice(3)}`,
  }, META);
  expect(verified).toEqual({
    number: "+447911123456",
    verifiedAt: NOW.toISOString(),
    smsReminders: false,
    pending: null,
  });
  expect(await getPhoneState(kv, USER.id)).toEqual(verified);
  const { events } = await listSecurityEvents(kv, { userId: USER.id });
  expect(events.map((event) => [event.type, event.details.number])).toEqual([
    ["phone_verified", "…3456"],
    ["phone_added", "…3456"],
  ]);
  // The same number again: nothing to do.
  const again = await refusal(
    requestPhoneCode(kv, USER, { number: "+44 7911 123456" }, META),
  );
  expect(again).toMatchObject({ code: "already_verified", status: 409 });
});

Deno.test("wrong codes count down to none; an expired code says so; no code says so", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const none = await refusal(
    verifyPhoneCode(kv, USER.id, { code: "123456" }, META),
  );
  expect(none).toMatchObject({ code: "no_code_pending", status: 400 });

  await requestPhoneCode(kv, USER, { number: "+447911123456" }, META);
  const code = await codeSentTo(kv, "+447911123456");
  const badShape = await refusal(
    verifyPhoneCode(kv, USER.id, { code: "12345" }, META),
  );
  expect(badShape).toBeInstanceOf(ValidationError);

  const messages: string[] = [];
  for (let i = 0; i < 5; i++) {
    const error = await refusal(
      verifyPhoneCode(kv, USER.id, { code: wrong(code) }, META),
    );
    expect(error).toMatchObject({ code: "invalid_code", status: 400 });
    messages.push(error.fieldErrors.code[0]);
  }
  expect(messages[0]).toBe("That code isn't right. You have 4 tries left.");
  expect(messages[3]).toBe("That code isn't right. You have 1 try left.");
  expect(messages[4]).toMatch(/last try/);
  // Even the right code is refused now.
  const locked = await refusal(verifyPhoneCode(kv, USER.id, { code }, META));
  expect(locked).toMatchObject({ code: "too_many_attempts", status: 429 });

  // A new code starts afresh, and lapses after 10 minutes.
  await requestPhoneCode(kv, USER, { number: "+447911123456" }, META);
  const fresh = await codeSentTo(kv, "+447911123456");
  clock.advance(10 * 60_000);
  expect((await getPhoneState(kv, USER.id)).pending?.expired).toBe(true);
  const expired = await refusal(
    verifyPhoneCode(kv, USER.id, { code: fresh }, META),
  );
  expect(expired).toMatchObject({ code: "code_expired", status: 400 });
});

Deno.test("codes per hour are limited per account and per number", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  for (let i = 0; i < 5; i++) {
    await requestPhoneCode(kv, USER, { number: "+447911123456" }, META);
  }
  const limited = await refusal(
    requestPhoneCode(kv, USER, { number: "+447911123457" }, META),
  );
  expect(limited).toBeInstanceOf(CodeSendLimitError);
  expect(limited.message).toMatch(/several codes in the last hour/);
  expect((limited as unknown as CodeSendLimitError).retryAfterSeconds)
    .toBeGreaterThan(0);
  // Another account cannot flood the same number either.
  const other = { id: "01USERPHONE0000000000000002", timeZone: "UTC" };
  const flooded = await refusal(
    requestPhoneCode(kv, other, { number: "+447911123456" }, META),
  );
  expect(flooded).toBeInstanceOf(CodeSendLimitError);
  expect(await listSmsOutbox(kv)).toHaveLength(5);
  clock.advance(3_600_000);
  await requestPhoneCode(kv, other, { number: "+447911123456" }, META);
  expect(await listSmsOutbox(kv)).toHaveLength(6);
});

Deno.test("a number the SMS provider refuses is reported beside the field, and nothing waits", async () => {
  using kv = await openTestKv();
  const twilio = startTwilioStandIn();
  try {
    bindProviders(kv, [
      provide(
        smsProvider,
        createTwilioSmsProvider({
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          from: twilio.from,
          apiUrl: twilio.url,
        }),
      ),
    ]);
    twilio.refuse("+447911123456", {
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
      status: 400,
    });
    const stopped = await refusal(
      requestPhoneCode(kv, USER, { number: "+447911123456" }, META),
    );
    expect(stopped).toMatchObject({ code: "sms_refused", status: 400 });
    expect(stopped.fieldErrors.number[0]).toMatch(/replied STOP/);

    twilio.failNext(503);
    const down = await refusal(
      requestPhoneCode(kv, USER, { number: "+447911123400" }, META),
    );
    expect(down).toMatchObject({ code: "sms_unavailable", status: 502 });
    expect((await getPhoneState(kv, USER.id)).pending).toBe(null);

    await requestPhoneCode(kv, USER, { number: "+447911123400" }, META);
    expect(twilio.messages.map((m) => m.to)).toEqual(["+447911123400"]);
    expect(twilio.messages[0].body).toMatch(
      /^\d{6} is your TapTime code to verify \+44 7911 123400\./,
    );
  } finally {
    await twilio.close();
  }
});
