/**
 * /api/me/phone over HTTP: a number texted a code (through the SMS outbox,
 * and through the Twilio SDK to a local server speaking Twilio's API), the
 * code verifying it, text reminders on and off, removal, and each refusal
 * with its own 4xx. Every answer is checked against the OpenAPI document.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { startTwilioStandIn } from "@/tests/support/twilio_server.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import { checkApiAnswers } from "./contract.ts";
import { createCheckedAuthApp } from "./support.ts";

const code = (body: string) => body.match(/^(\d{6}) /)![1];

Deno.test("PUT, verify, PATCH and DELETE /api/me/phone", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");

  const empty = await learner.api("GET", "/api/me/phone");
  expect(empty).toMatchObject({
    status: 200,
    body: {
      phone: {
        number: null,
        verifiedAt: null,
        smsReminders: false,
        pending: null,
      },
    },
  });

  // The user's time zone (Europe/Paris) reads a national number as French.
  const bad = await learner.api("PUT", "/api/me/phone", { number: "12" });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe("validation_error");
  expect(bad.body.details.number[0]).toMatch(/valid number in France/);
  const landline = await learner.api("PUT", "/api/me/phone", {
    number: "020 7946 0018",
    country: "GB",
  });
  expect(landline.body.details.number[0]).toMatch(/landline/);

  const sent = await learner.api("PUT", "/api/me/phone", {
    number: "07911 123456",
    country: "GB",
  });
  expect(sent.status).toBe(200);
  expect(sent.body.phone.pending).toMatchObject({
    number: "+447911123456",
    attemptsLeft: 5,
    expired: false,
  });
  const [text] = await listSmsOutbox(app.kv, { to: "+447911123456" });

  const tooEarly = await learner.api("PATCH", "/api/me/phone", {
    smsReminders: true,
  });
  expect(tooEarly).toMatchObject({
    status: 409,
    body: { error: "phone_not_verified" },
  });

  const wrongCode = code(text.body) === "000000" ? "111111" : "000000";
  const wrong = await learner.api("POST", "/api/me/phone/verify", {
    code: wrongCode,
  });
  expect(wrong).toMatchObject({
    status: 400,
    body: {
      error: "invalid_code",
      details: { code: ["That code isn't right. You have 4 tries left."] },
    },
  });
  const shape = await learner.api("POST", "/api/me/phone/verify", {
    code: "12ab",
  });
  expect(shape).toMatchObject({
    status: 400,
    body: { error: "validation_error" },
  });

  const verified = await learner.api("POST", "/api/me/phone/verify", {
    code: code(text.body),
  });
  expect(verified.status).toBe(200);
  expect(verified.body.phone).toMatchObject({
    number: "+447911123456",
    smsReminders: false,
    pending: null,
  });
  const again = await learner.api("POST", "/api/me/phone/verify", {
    code: code(text.body),
  });
  expect(again).toMatchObject({
    status: 400,
    body: { error: "no_code_pending" },
  });
  const same = await learner.api("PUT", "/api/me/phone", {
    number: "+447911123456",
  });
  expect(same).toMatchObject({
    status: 409,
    body: { error: "already_verified" },
  });

  const on = await learner.api("PATCH", "/api/me/phone", {
    smsReminders: true,
  });
  expect(on.body.phone.smsReminders).toBe(true);
  // What GET answers, PATCH takes back unchanged.
  const before = await learner.api("GET", "/api/me/phone");
  const back = await learner.api("PATCH", "/api/me/phone", {
    smsReminders: before.body.phone.smsReminders,
  });
  expect(back.body).toEqual(before.body);

  const events = await learner.api("GET", "/api/me/security-events");
  expect(
    events.body.events.map((event: { type: string }) => event.type).slice(
      0,
      2,
    ),
  ).toEqual(["phone_verified", "phone_added"]);

  const removed = await learner.api("DELETE", "/api/me/phone");
  expect(removed).toMatchObject({
    status: 200,
    body: { phone: { number: null, smsReminders: false } },
  });
  expect((await learner.api("DELETE", "/api/me/phone")).status).toBe(200);

  // Another user sees none of it.
  const other = await signUp(app, "expert");
  expect((await other.api("GET", "/api/me/phone")).body.phone.number).toBe(
    null,
  );
});

Deno.test("the sixth code in an hour is refused with 429 and Retry-After", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  for (let i = 0; i < 5; i++) {
    const sent = await learner.api("PUT", "/api/me/phone", {
      number: "+33 6 12 34 56 78",
    });
    expect(sent.status).toBe(200);
  }
  const limited = await learner.api("PUT", "/api/me/phone", {
    number: "06 12 34 56 78",
  });
  expect(limited.status).toBe(429);
  expect(limited.body.error).toBe("rate_limited");
  expect(limited.body.message).toMatch(/several codes in the last hour/);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
});

Deno.test("with Twilio configured, the code goes through Twilio's Messages API", async () => {
  const twilio = startTwilioStandIn();
  try {
    await using app = checkApiAnswers(
      await createAuthTestApp({ env: twilio.env }),
    );
    const learner = await signUp(app, "learner");
    const sent = await learner.api("PUT", "/api/me/phone", {
      number: "+1 415 555 2671",
    });
    expect(sent.status).toBe(200);
    expect(await listSmsOutbox(app.kv)).toEqual([]);
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]).toMatchObject({
      to: "+14155552671",
      from: twilio.from,
    });
    const verified = await learner.api("POST", "/api/me/phone/verify", {
      code: code(twilio.messages[0].body),
    });
    expect(verified.body.phone.number).toBe("+14155552671");

    // A number Twilio refuses: a 400 beside the field; an outage: a 502.
    twilio.refuse("+12015550123", {
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
      status: 400,
    });
    const refused = await learner.api("PUT", "/api/me/phone", {
      number: "+1 201 555 0123",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("sms_refused");
    expect(refused.body.details.number[0]).toMatch(/STOP/);
    twilio.failNext(503);
    const down = await learner.api("PUT", "/api/me/phone", {
      number: "+1 201 555 0124",
    });
    expect(down).toMatchObject({
      status: 502,
      body: { error: "sms_unavailable" },
    });
  } finally {
    await twilio.close();
  }
});
