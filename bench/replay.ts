/**
 * Recording one response for bench/replay_server.ts: fetched once with the
 * same Accept-Encoding the load uses, kept whole (status, headers, the
 * compressed bytes), and written as JSON. Headers the server sets by
 * itself (`date`) or that describe the connection are left out.
 */
import { get } from "node:http";
import { encodeBase64 } from "@/services/platform/crypto.ts";

export interface RecordedResponse {
  status: number;
  headers: [string, string][];
  /** The body as sent (still compressed), base64. */
  body: string;
}

const LEFT_OUT = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
]);

/**
 * Fetches `url` once and records its response as sent. Through node:http,
 * because `fetch` decompresses bodies and the compressed bytes are what
 * the page costs to send.
 */
export function recordResponse(
  url: string,
  acceptEncoding: string,
): Promise<RecordedResponse> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { headers: { "accept-encoding": acceptEncoding } },
      (response) => {
        const chunks: Uint8Array[] = [];
        response.on("data", (chunk: Uint8Array) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const body = new Uint8Array(
            chunks.reduce((sum, chunk) => sum + chunk.length, 0),
          );
          let at = 0;
          for (const chunk of chunks) {
            body.set(chunk, at);
            at += chunk.length;
          }
          const headers: [string, string][] = [];
          const raw = response.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) {
            const name = raw[i].toLowerCase();
            if (!LEFT_OUT.has(name)) headers.push([name, raw[i + 1]]);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: encodeBase64(body),
          });
        });
      },
    );
    request.on("error", reject);
  });
}

export function readRecordedResponse(text: string): RecordedResponse {
  return JSON.parse(text) as RecordedResponse;
}
