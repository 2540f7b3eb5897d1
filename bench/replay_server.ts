/**
 * A second baseline: the smallest Deno HTTP server answering every request
 * with one recorded response (its status, every header and the body bytes
 * as they crossed the wire, compressed). Loaded like a page, it shows what
 * sending that page costs by itself, so a kept page can be compared with a
 * server that does nothing but send the same response: on a small machine
 * the load generator and the bytes on the wire set a ceiling that no page
 * of that size passes, however little the app does.
 *
 *   PORT=8002 REPLAY_FILE=/tmp/page.json deno run -A bench/replay_server.ts
 */
import { decodeBase64 } from "@/services/platform/crypto.ts";
import { readRecordedResponse } from "./replay.ts";

const port = Number(Deno.env.get("PORT") ?? "8002");
const file = Deno.env.get("REPLAY_FILE");
if (!file) {
  console.error("Set REPLAY_FILE to a response recorded by bench/replay.ts.");
  Deno.exit(2);
}
const recorded = readRecordedResponse(await Deno.readTextFile(file));
const body = new Uint8Array(decodeBase64(recorded.body));

Deno.serve(
  {
    hostname: "127.0.0.1",
    port,
    onListen: ({ port }) => console.log(`Replay server on port ${port}`),
  },
  () =>
    new Response(body, { status: recorded.status, headers: recorded.headers }),
);
