/**
 * A client that stops sending mid-body (a dropped upload, a closed tab) over
 * a real socket: the API answers 400 in its error shape to a client still
 * listening, pages answer as for an empty form, and nothing is logged as an
 * unexpected error, whether the body declared its length or came chunked.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  createAuthTestApp,
  signUp,
  TEST_ORIGIN,
} from "./support/auth.ts";

/** The app behind a real listener on a port the OS picks. */
function listen(app: AuthTestApp) {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => app.fetch(req),
  );
  return {
    port: server.addr.port,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

interface Cut {
  path: string;
  contentType: string;
  /** The start of a body that never ends. */
  partial: string;
  cookie?: string;
  chunked: boolean;
  /** Half-close (still listening for the answer) or hang up entirely. */
  hangUp: boolean;
}

/**
 * Sends the head and part of the body, then stops: returns the status line
 * and body the server answered, or null when the client hung up.
 */
async function sendCut(port: number, cut: Cut): Promise<string | null> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const body = cut.chunked
    ? `${cut.partial.length.toString(16)}\r\n${cut.partial}\r\n`
    : cut.partial;
  const head = [
    `POST ${cut.path} HTTP/1.1`,
    `Host: ${new URL(TEST_ORIGIN).host}`,
    `Origin: ${TEST_ORIGIN}`,
    `Content-Type: ${cut.contentType}`,
    cut.chunked ? "Transfer-Encoding: chunked" : "Content-Length: 5000",
    ...(cut.cookie ? [`Cookie: ${cut.cookie}`] : []),
  ].join("\r\n");
  await conn.write(new TextEncoder().encode(`${head}\r\n\r\n${body}`));
  if (cut.hangUp) {
    // Let the server start reading before the connection goes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    conn.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    return null;
  }
  await conn.closeWrite();
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(16 * 1024);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
    const text = new TextDecoder().decode(
      new Uint8Array(chunks.flatMap((c) => [...c])),
    );
    // One answer is all this test waits for.
    const [headers, rest] = text.split("\r\n\r\n");
    const length = headers.match(/content-length: (\d+)/i)?.[1];
    if (rest !== undefined && length && rest.length >= Number(length)) break;
  }
  conn.close();
  const text = new TextDecoder().decode(
    new Uint8Array(chunks.flatMap((c) => [...c])),
  );
  const [headers, rest] = text.split("\r\n\r\n");
  return `${headers.split("\r\n")[0]}\n${rest ?? ""}`;
}

Deno.test("a request body cut off mid-upload is the client's error, never a logged 500", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  const cookie = [...expert.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  await using server = listen(app);

  const logged: unknown[][] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const upload = {
      path: "/api/expert/application/documents",
      contentType: "multipart/form-data; boundary=cut",
      partial: '--cut\r\nContent-Disposition: form-data; name="file"; ' +
        'filename="diploma.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ',
      cookie,
    };
    const json = {
      path: "/api/auth/login",
      contentType: "application/json",
      partial: '{"email":"someone@example.com","pass',
    };
    for (const base of [upload, json]) {
      for (const chunked of [true, false]) {
        const answer = await sendCut(server.port, {
          ...base,
          chunked,
          hangUp: false,
        });
        const [status, body] = answer!.split("\n");
        expect({ path: base.path, chunked, status }).toEqual({
          path: base.path,
          chunked,
          status: "HTTP/1.1 400 Bad Request",
        });
        const parsed = JSON.parse(body);
        expect(Object.keys(parsed)).toContain("message");
        expect(parsed.error).not.toBe("internal_error");
        // Hanging up entirely: nobody to answer, and nothing to log.
        await sendCut(server.port, { ...base, chunked, hangUp: true });
      }
    }
    // A page's form cut off reads as an empty form: the page answers it.
    for (const chunked of [true, false]) {
      const answer = await sendCut(server.port, {
        path: "/login",
        contentType: "application/x-www-form-urlencoded",
        partial: "email=someone%40example.com&pass",
        chunked,
        hangUp: false,
      });
      expect(answer!.split("\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    }
  } finally {
    console.error = originalError;
  }
  expect(logged).toEqual([]);
});
