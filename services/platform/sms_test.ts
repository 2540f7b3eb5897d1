/**
 * Text messages: the KV outbox, the official Twilio SDK against a local
 * server speaking Twilio's Messages API, and queued delivery that sends
 * each key once.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { startTwilioStandIn } from "@/tests/support/twilio_server.ts";
import { bindProviders, provide } from "./providers.ts";
import { startJobWorker } from "./jobs.ts";
import {
  createOutboxSmsProvider,
  createSmsProvider,
  createTwilioSmsProvider,
  deliverSmsOnce,
  getSmsProvider,
  listSmsOutbox,
  queueSms,
  smsDeliveryJob,
  smsProvider,
  SmsSendError,
} from "./sms.ts";

const TO = "+447911123456";

Deno.test("the outbox keeps texts newest first and finds them by number", async () => {
  using kv = await openTestKv();
  const outbox = getSmsProvider(kv);
  expect(outbox.linkBase).toBe("http://localhost:8000");
  const receipt = await outbox.send({ to: TO, body: "First" });
  expect(receipt.status).toBe("outbox");
  await outbox.send({ to: "+14155550100", body: "Second" });
  expect((await listSmsOutbox(kv)).map((m) => m.body)).toEqual([
    "Second",
    "First",
  ]);
  expect((await listSmsOutbox(kv, { to: "7911 123" })).map((m) => m.body))
    .toEqual(["First"]);
});

Deno.test("createSmsProvider: the outbox without settings, Twilio with them", async () => {
  using kv = await openTestKv();
  const twilio = startTwilioStandIn();
  try {
    await createSmsProvider(kv, undefined, "https://taptime.example/").send({
      to: TO,
      body: "kept",
    });
    expect(await listSmsOutbox(kv)).toHaveLength(1);
    const provider = createSmsProvider(kv, {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: twilio.from,
      apiUrl: twilio.url,
    }, "https://taptime.example/");
    expect(provider.linkBase).toBe("https://taptime.example");
    await provider.send({ to: TO, body: "sent" });
    expect(twilio.messages.map((m) => m.body)).toEqual(["sent"]);
    expect(await listSmsOutbox(kv)).toHaveLength(1);
  } finally {
    await twilio.close();
  }
});

Deno.test("Twilio: the SDK posts To, From and Body with Basic auth and reads the answer", async () => {
  const twilio = startTwilioStandIn();
  try {
    const provider = createTwilioSmsProvider({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: twilio.from,
      apiUrl: twilio.url,
    });
    const receipt = await provider.send({ to: TO, body: "Your code: 123456" });
    expect(receipt.id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(receipt.status).toBe("queued");
    expect(twilio.requests).toEqual([{
      method: "POST",
      path: `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
    }]);
    expect(twilio.messages[0]).toMatchObject({
      sid: receipt.id,
      to: TO,
      from: twilio.from,
      body: "Your code: 123456",
    });

    // A Messaging Service SID as the sender.
    const service = `MG${"a".repeat(32)}`;
    const viaService = createTwilioSmsProvider({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: service,
      apiUrl: twilio.url,
    });
    expect((await viaService.send({ to: TO, body: "hi" })).status).toBe(
      "accepted",
    );
    expect(twilio.messages[1]).toMatchObject({
      from: null,
      messagingServiceSid: service,
    });
  } finally {
    await twilio.close();
  }
});

Deno.test("Twilio: its error JSON becomes an SmsSendError saying what went wrong", async () => {
  const twilio = startTwilioStandIn();
  const settings = {
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: twilio.from,
    apiUrl: twilio.url,
  };
  const refusal = async (send: Promise<unknown>) => {
    const error = await send.then(() => null, (error) => error);
    expect(error).toBeInstanceOf(SmsSendError);
    return error as SmsSendError;
  };
  try {
    const badToken = await refusal(
      createTwilioSmsProvider({ ...settings, authToken: "wrong" }).send({
        to: TO,
        body: "x",
      }),
    );
    expect(badToken).toMatchObject({
      status: 401,
      code: 20003,
      permanent: true,
    });
    expect(badToken.message).toBe(
      "Twilio refused the message (error 20003): Authenticate",
    );

    const provider = createTwilioSmsProvider(settings);
    const invalid = await refusal(provider.send({ to: "+1", body: "x" }));
    expect(invalid).toMatchObject({ status: 400, code: 21211 });
    expect(invalid.moreInfo).toBe("https://www.twilio.com/docs/errors/21211");

    twilio.failNext(503);
    const outage = await refusal(provider.send({ to: TO, body: "x" }));
    expect(outage).toMatchObject({ status: 503, permanent: false });

    const unreachable = await refusal(
      createTwilioSmsProvider({ ...settings, apiUrl: "http://127.0.0.1:9" })
        .send({ to: TO, body: "x" }),
    );
    expect(unreachable).toMatchObject({ status: 0, permanent: false });
    expect(unreachable.message).toMatch(/^Twilio could not be reached/);
    expect(twilio.messages).toEqual([]);
  } finally {
    await twilio.close();
  }
});

Deno.test("deliverSmsOnce: one text per key, retried after an outage, not after a refusal", async () => {
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
    const text = { key: "reminder:1", to: TO, body: "Soon" };
    const runs = await Promise.allSettled([
      deliverSmsOnce(kv, text),
      deliverSmsOnce(kv, text),
      deliverSmsOnce(kv, text),
    ]);
    expect(
      runs.filter((run) => run.status === "fulfilled" && run.value === "sent"),
    ).toHaveLength(1);
    expect(await deliverSmsOnce(kv, text)).toBe("already_sent");
    expect(twilio.messages).toHaveLength(1);

    // An outage: the run throws (the job retries) and the retry sends.
    twilio.failNext(503);
    const later = { ...text, key: "reminder:2" };
    await expect(deliverSmsOnce(kv, later)).rejects.toThrow(SmsSendError);
    expect(await deliverSmsOnce(kv, later)).toBe("sent");
    expect(twilio.messages).toHaveLength(2);

    // The recipient replied STOP: refused for good, and not tried again.
    const stopped = "+14155550123";
    twilio.refuse(stopped, {
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
      status: 400,
    });
    const refused = { key: "reminder:3", to: stopped, body: "Soon" };
    expect(await deliverSmsOnce(kv, refused)).toBe("refused");
    expect(await deliverSmsOnce(kv, refused)).toBe("already_sent");
    expect(
      twilio.requests.filter((r) => r.method === "POST"),
    ).toHaveLength(4);
  } finally {
    await twilio.close();
  }
});

Deno.test("queueSms: the sms.deliver job sends a queued text once", async () => {
  const kv = await openTestKv();
  bindProviders(kv, [
    provide(smsProvider, createOutboxSmsProvider(kv)),
  ]);
  const worker = startJobWorker(kv, [smsDeliveryJob]);
  try {
    await queueSms(kv, { key: "k", to: TO, body: "Queued" });
    await queueSms(kv, { key: "k", to: TO, body: "Queued" });
    const deadline = Date.now() + 5_000;
    while ((await kv.get(["sms_sent", "k"])).value === null) {
      if (Date.now() > deadline) throw new Error("the job never ran");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Give the second message time to run too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await listSmsOutbox(kv)).map((m) => m.body)).toEqual(["Queued"]);
  } finally {
    kv.close();
    await worker;
  }
});
