/**
 * Reading an event stream outside a browser (tests, the benchmark): parses
 * Server-Sent Events from a response body as EventSource would, keeping
 * comment lines apart so heartbeats can be seen.
 */

export interface SseMessage {
  id: string | null;
  event: string;
  // Whatever the server sent as JSON.
  // deno-lint-ignore no-explicit-any
  data: any;
}

/** Reads events from `body` one at a time. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  // A read that outlived a timeout: the next call awaits it rather than
  // starting another, so no chunk it brings is lost.
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  readonly comments: string[] = [];
  retry: number | null = null;
  closed = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /**
   * The next event, or null when the stream ended; rejects after
   * `timeoutMs` without one.
   */
  async next(timeoutMs = 5_000): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.take();
      if (message) return message;
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("No event arrived in time.");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), left);
      });
      this.pending ??= this.reader.read();
      const read = await Promise.race([this.pending, timeout]);
      clearTimeout(timer);
      if (read === "timeout") throw new Error("No event arrived in time.");
      this.pending = null;
      if (read.done) this.closed = true;
      else this.buffer += this.decoder.decode(read.value, { stream: true });
    }
  }

  /** Events until the stream ends or `timeoutMs` passes without one. */
  async drain(timeoutMs = 300): Promise<SseMessage[]> {
    const messages: SseMessage[] = [];
    try {
      for (;;) {
        const message = await this.next(timeoutMs);
        if (!message) return messages;
        messages.push(message);
      }
    } catch {
      return messages;
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }

  /** Parses one complete event from the buffer, skipping comment-only blocks. */
  private take(): SseMessage | null {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end < 0) return null;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | null = null;
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
        else if (line.startsWith("id:")) id = line.slice(3).trim();
        else if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        else if (line.startsWith("retry:")) {
          this.retry = Number(line.slice(6).trim());
        }
      }
      if (data.length > 0) {
        return { id, event, data: JSON.parse(data.join("\n")) };
      }
    }
  }
}
