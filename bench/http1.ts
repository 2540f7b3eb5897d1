/**
 * A minimal HTTP/1.1 response parser for the load generator. `fetch` spends
 * more CPU per request than a small server does, and on a two-core machine
 * that CPU comes out of the server under test; speaking HTTP/1.1 over a raw
 * keep-alive TCP connection keeps the generator's share small and the same
 * for every target.
 *
 * It understands what `Deno.serve` sends: `Content-Length` or chunked bodies,
 * and `Connection: close`. Anything else is an error, not a guess.
 */

/** One complete response found at the start of a buffer. */
export interface ParsedResponse {
  status: number;
  /** Bytes the response occupies in the buffer (head and body). */
  length: number;
  /** Body bytes as sent on the wire (after any chunk framing is removed). */
  bodyBytes: number;
  /** The server closes the connection after this response. */
  closes: boolean;
}

/** The response on the wire cannot be understood. */
export class HttpParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HttpParseError";
  }
}

const CR = 13;
const LF = 10;

/**
 * Parses the response at the start of `bytes`, or returns null when more
 * bytes are needed to complete it.
 */
export function parseResponse(bytes: Uint8Array): ParsedResponse | null {
  const headEnd = indexOfBlankLine(bytes);
  if (headEnd === -1) return null;
  const head = latin1(bytes, 0, headEnd);
  const bodyStart = headEnd + 4;

  const [statusLine, ...headerLines] = head.split("\r\n");
  const statusMatch = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!statusMatch) {
    throw new HttpParseError(`Bad status line: ${JSON.stringify(statusLine)}`);
  }
  const status = Number(statusMatch[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new HttpParseError(`Bad header line: ${line}`);
    headers.set(
      line.slice(0, colon).trim().toLowerCase(),
      line.slice(colon + 1).trim(),
    );
  }
  const closes = /\bclose\b/i.test(headers.get("connection") ?? "") ||
    statusLine.startsWith("HTTP/1.0");

  if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
    return { status, length: bodyStart, bodyBytes: 0, closes };
  }
  if (/\bchunked\b/i.test(headers.get("transfer-encoding") ?? "")) {
    const chunked = measureChunkedBody(bytes, bodyStart);
    if (chunked === null) return null;
    return {
      status,
      length: chunked.end,
      bodyBytes: chunked.bodyBytes,
      closes,
    };
  }
  const declared = headers.get("content-length");
  if (declared === undefined || !/^\d+$/.test(declared)) {
    throw new HttpParseError(
      `Response ${status} has neither a valid Content-Length nor chunked encoding.`,
    );
  }
  const bodyBytes = Number(declared);
  if (bytes.length < bodyStart + bodyBytes) return null;
  return { status, length: bodyStart + bodyBytes, bodyBytes, closes };
}

/** Walks chunk headers from `start`; null when the last chunk has not arrived. */
function measureChunkedBody(
  bytes: Uint8Array,
  start: number,
): { end: number; bodyBytes: number } | null {
  let position = start;
  let bodyBytes = 0;
  while (true) {
    const lineEnd = indexOfLineEnd(bytes, position);
    if (lineEnd === -1) return null;
    const sizeText = latin1(bytes, position, lineEnd).split(";")[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) {
      throw new HttpParseError(`Bad chunk size: ${JSON.stringify(sizeText)}`);
    }
    const size = parseInt(sizeText, 16);
    position = lineEnd + 2;
    if (size === 0) break;
    if (bytes.length < position + size + 2) return null;
    if (bytes[position + size] !== CR || bytes[position + size + 1] !== LF) {
      throw new HttpParseError("Chunk data is not followed by CRLF.");
    }
    bodyBytes += size;
    position += size + 2;
  }
  // Optional trailer fields, then the blank line that ends the message.
  while (true) {
    const lineEnd = indexOfLineEnd(bytes, position);
    if (lineEnd === -1) return null;
    const isBlank = lineEnd === position;
    position = lineEnd + 2;
    if (isBlank) return { end: position, bodyBytes };
  }
}

function indexOfBlankLine(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === CR && bytes[i + 1] === LF && bytes[i + 2] === CR &&
      bytes[i + 3] === LF
    ) return i;
  }
  return -1;
}

function indexOfLineEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] === CR && bytes[i + 1] === LF) return i;
  }
  return -1;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** The bytes of a keep-alive GET request for `url`'s path and query. */
export function encodeGetRequest(url: URL, acceptEncoding: string): Uint8Array {
  const request = `GET ${url.pathname}${url.search} HTTP/1.1\r\n` +
    `Host: ${url.host}\r\n` +
    "User-Agent: taptime-bench\r\n" +
    "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n" +
    `Accept-Encoding: ${acceptEncoding}\r\n` +
    "Connection: keep-alive\r\n\r\n";
  return new TextEncoder().encode(request);
}
