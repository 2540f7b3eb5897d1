import { expect } from "expect";
import { startJobWorker } from "@/services/platform/jobs.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  createEmailProvider,
  createSmtpProvider,
  emailDeliveryJob,
  emailProvider,
  getEmailProvider,
  getOutboxMessage,
  listOutbox,
} from "./mod.ts";

Deno.test("without SMTP, email goes to the KV outbox, newest first", async () => {
  using kv = await openTestKv();
  // Nothing bound: the development default.
  const provider = getEmailProvider(kv);
  await provider.send({ to: "a@example.com", subject: "one", text: "1" });
  await provider.send({
    to: "B@example.com",
    subject: "two",
    text: "2",
    html: "<p>2</p>",
  });
  await provider.send({ to: "a@example.com", subject: "three", text: "3" });
  const all = await listOutbox(kv);
  expect(all.map((m) => m.subject)).toEqual(["three", "two", "one"]);
  expect((await listOutbox(kv, { to: "b@EXAMPLE.com" })).map((m) => m.subject))
    .toEqual(["two"]);
  expect((await listOutbox(kv, { limit: 1 })).map((m) => m.subject)).toEqual([
    "three",
  ]);
  const stored = await getOutboxMessage(kv, all[1].id);
  expect(stored).toMatchObject({ to: "B@example.com", html: "<p>2</p>" });
  // A message with only text gets its HTML part on the way.
  expect(all[0].html).toContain("<!DOCTYPE html>");
  expect(all[0].from).toBe("TapTime <no-reply@localhost>");
  expect(await getOutboxMessage(kv, "missing")).toBeNull();
});

Deno.test("the outbox keeps an email's attachments", async () => {
  using kv = await openTestKv();
  const invite = {
    filename: "invite.ics",
    contentType: "text/calendar; method=REQUEST",
    content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
  };
  await getEmailProvider(kv).send({
    to: "a@example.com",
    subject: "with a file",
    text: "see attached",
    attachments: [invite],
  });
  await getEmailProvider(kv).send({
    to: "a@example.com",
    subject: "plain",
    text: "",
  });
  const [plain, withFile] = await listOutbox(kv);
  expect(withFile.attachments).toEqual([invite]);
  expect(plain.attachments).toBeUndefined();
});

/**
 * A tiny SMTP server speaking just enough of RFC 5321 for one client
 * (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT); it records each message.
 */
function startSmtpServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const received: { from: string; to: string[]; data: string }[] = [];
  const connections: Promise<void>[] = [];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  async function serve(conn: Deno.Conn) {
    const write = (line: string) => conn.write(encoder.encode(`${line}\r\n`));
    await write("220 test.local ESMTP ready");
    let buffer = "";
    let from = "";
    let to: string[] = [];
    let inData = false;
    const chunk = new Uint8Array(65536);
    try {
      while (true) {
        const n = await conn.read(chunk);
        if (n === null) break;
        buffer += decoder.decode(chunk.subarray(0, n));
        while (true) {
          if (inData) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end === -1) break;
            received.push({ from, to, data: buffer.slice(0, end) });
            buffer = buffer.slice(end + 5);
            inData = false;
            await write("250 OK queued");
            continue;
          }
          const eol = buffer.indexOf("\r\n");
          if (eol === -1) break;
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO") {
            await write("250-test.local");
            await write("250 AUTH PLAIN LOGIN");
          } else if (verb === "HELO") await write("250 test.local");
          else if (verb === "AUTH") await write("235 Authenticated");
          else if (verb === "MAIL") {
            from = line.match(/<(.*)>/)?.[1] ?? "";
            to = [];
            await write("250 OK");
          } else if (verb === "RCPT") {
            to.push(line.match(/<(.*)>/)?.[1] ?? "");
            await write("250 OK");
          } else if (verb === "DATA") {
            inData = true;
            await write("354 End data with <CR><LF>.<CR><LF>");
          } else if (verb === "RSET" || verb === "NOOP") await write("250 OK");
          else if (verb === "QUIT") {
            await write("221 Bye");
            return;
          } else await write("502 Not implemented");
        }
      }
    } finally {
      conn.close();
    }
  }

  const accepting = (async () => {
    for await (const conn of listener) connections.push(serve(conn));
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    received,
    async close() {
      listener.close();
      await accepting.catch(() => {});
      await Promise.allSettled(connections);
    },
  };
}

Deno.test("with an SMTP URL, email is queued and the delivery job hands it to the SMTP server", async () => {
  const server = startSmtpServer();
  try {
    using kv = await openTestKv();
    const url = `smtp://mailer:secret@127.0.0.1:${server.port}`;
    bindProviders(kv, [
      provide(
        emailProvider,
        createEmailProvider(kv, {
          smtpUrl: url,
          from: "TapTime <hello@taptime.example>",
        }),
      ),
    ]);
    const delivering = startJobWorker(kv, [emailDeliveryJob]);
    await getEmailProvider(kv).send({
      to: "learner@example.com",
      subject: "Reset your TapTime password",
      text: "Open http://localhost/reset-password?token=abc",
      attachments: [{
        filename: "invite.ics",
        contentType: "text/calendar; method=REQUEST",
        content:
          "BEGIN:VCALENDAR\r\nUID:queued-attachment\r\nEND:VCALENDAR\r\n",
      }],
    });
    // Sending only queued it; the delivery worker talks to the server.
    for (let i = 0; i < 200 && server.received.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message.from).toBe("hello@taptime.example");
    expect(message.to).toEqual(["learner@example.com"]);
    expect(message.data).toMatch(/Subject: Reset your TapTime password/);
    expect(message.data).toMatch(/reset-password\?token=abc/);
    // Text and HTML, as alternatives, from the configured sender.
    expect(message.data).toMatch(/^From: TapTime <hello@taptime\.example>/m);
    expect(message.data).toMatch(/Content-Type: multipart\/alternative/);
    expect(message.data).toMatch(/Content-Type: text\/plain/);
    expect(message.data).toMatch(/Content-Type: text\/html/);
    // The attachment survived the queue and went out as its own part.
    expect(message.data).toMatch(/filename=invite\.ics/);
    expect(message.data).toMatch(/text\/calendar/);
    // Nothing went to the outbox.
    expect(await listOutbox(kv)).toEqual([]);
    // An unreachable server is an error the caller sees.
    const dead = createSmtpProvider("smtp://127.0.0.1:1");
    await expect(
      dead.send({ to: "x@example.com", subject: "s", text: "t" }),
    ).rejects.toThrow();
    kv.close();
    await delivering;
  } finally {
    await server.close();
  }
});

Deno.test("mail queued while SMTP was configured still reaches the outbox without it", async () => {
  using kv = await openTestKv();
  const delivering = startJobWorker(kv, [emailDeliveryJob]);
  await kv.enqueue({
    job: "email.deliver",
    id: "left-over",
    payload: { to: "a@example.com", subject: "queued", text: "t" },
  });
  for (let i = 0; i < 200 && (await listOutbox(kv)).length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect((await listOutbox(kv)).map((m) => m.subject)).toEqual(["queued"]);
  kv.close();
  await delivering;
});
