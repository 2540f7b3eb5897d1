/**
 * One open event stream: a pull stream whose body asks for more only when
 * the client has taken what was queued (up to `queueLimit` chunks). Then it
 * reads what the user has not been sent from KV (services/platform/
 * events.ts), or waits for its channel to say something new arrived, with a
 * heartbeat comment when nothing does. Memory per connection is its queue
 * and a few numbers; a client that falls behind falls behind in KV.
 */
import {
  type EphemeralEvent,
  latestEventSeq,
  readEventsAfter,
} from "@/services/platform/events.ts";
import { closedReasonEvent, encodeSse, type StreamEnd } from "./sse.ts";

/** A connection's timings and bound (the hub's options include them). */
export interface ConnectionOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Chunks (events) queued per connection before reading stops. */
  queueLimit: number;
  /** A connection whose client took nothing for this long while data waits is closed. */
  stallMs: number;
  /** The reconnection delay suggested to clients (`retry:`). */
  retryMs: number;
}

/** What a connection needs from the user's channel. */
export interface ConnectionSource {
  readonly kv: Deno.Kv;
  readonly userId: string;
  /** The user's latest event number known to this process. */
  readonly latest: number;
  /** Forgets a finished connection. */
  detach(connection: Connection): void;
}

const encoder = new TextEncoder();

/** One open event stream. */
export class Connection {
  readonly stream: ReadableStream<Uint8Array>;
  sentSeq: number;
  lastPullAt = Date.now();
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private ephemeral: EphemeralEvent[] = [];
  private waiter: (() => void) | null = null;
  private pulling = false;
  private ending: StreamEnd | null = null;
  private finished = false;
  /** Whether a resume point ahead of the channel was checked against KV. */
  private checkedAhead = false;

  constructor(
    readonly channel: ConnectionSource,
    readonly options: ConnectionOptions,
    lastEventId: number | null,
    readonly isLive: () => Promise<boolean>,
  ) {
    this.sentSeq = lastEventId ?? channel.latest;
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        controller.enqueue(
          encoder.encode(`retry: ${options.retryMs}\n: connected\n\n`),
        );
      },
      pull: (controller) => this.pull(controller),
      cancel: () => this.cleanup(),
    }, new CountQueuingStrategy({ highWaterMark: options.queueLimit }));
  }

  get queued(): number {
    return this.finished
      ? 0
      : this.options.queueLimit - (this.controller.desiredSize ?? 0);
  }

  /** True when the client has taken nothing for a while although data waits. */
  get stalled(): boolean {
    return !this.finished && (this.controller.desiredSize ?? 1) <= 0 &&
      Date.now() - this.lastPullAt > this.options.stallMs;
  }

  /** Queues an ephemeral event (only the last few are kept). */
  push(event: EphemeralEvent): void {
    this.ephemeral.push(event);
    if (this.ephemeral.length > 4) this.ephemeral.shift();
  }

  wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** Ends the stream, telling the client why first (unless it is gone). */
  close(reason: StreamEnd): void {
    if (this.finished || this.ending) return;
    this.ending = reason;
    if (this.pulling) this.wake();
    else this.finish();
  }

  /** Drops the stream at once, queue and all (a stalled client). */
  abort(): void {
    if (this.finished) return;
    try {
      this.controller.error(new Error("The client stopped reading."));
    } catch {
      // Already closed.
    }
    this.cleanup();
  }

  private finish(): void {
    if (this.finished) return;
    try {
      const end = closedReasonEvent(this.ending ?? "shutdown");
      if (end) this.controller.enqueue(encoder.encode(end));
      this.controller.close();
    } catch {
      // The client went away first.
    }
    this.cleanup();
  }

  private cleanup(): void {
    if (this.finished) return;
    this.finished = true;
    this.wake();
    this.channel.detach(this);
  }

  private async pull(
    controller: ReadableStreamDefaultController<Uint8Array>,
  ): Promise<void> {
    this.pulling = true;
    this.lastPullAt = Date.now();
    try {
      await this.fill(controller);
    } catch (error) {
      // The database closed under us, or a read failed: the client reconnects.
      if (!this.finished) {
        console.error("A live stream failed:", error);
        this.ending ??= "shutdown";
      }
    } finally {
      this.pulling = false;
    }
    if (this.ending) this.finish();
  }

  /** Queues what the client should get next, waiting for it if nothing is due. */
  private async fill(
    controller: ReadableStreamDefaultController<Uint8Array>,
  ): Promise<void> {
    for (;;) {
      if (this.finished || this.ending) return;
      if (this.ephemeral.length > 0) {
        for (const event of this.ephemeral.splice(0)) {
          controller.enqueue(encoder.encode(encodeSse(event)));
        }
        return;
      }
      const latest = this.channel.latest;
      if (this.sentSeq < latest) {
        // Never past `latest`: KV may already hold events this process has
        // not heard of yet, and a position ahead of `latest` would look
        // like an id from the future below and be sent again.
        const room = Math.min(
          Math.max(1, controller.desiredSize ?? 1),
          latest - this.sentSeq,
        );
        const { events, gap } = await readEventsAfter(
          this.channel.kv,
          this.channel.userId,
          this.sentSeq,
          room,
        );
        if (this.finished) return;
        if (gap || events.length === 0) {
          // Events the client never got have expired: it must reload its state.
          controller.enqueue(encoder.encode(encodeSse({
            seq: latest,
            type: "resync",
            data: {},
          })));
          this.sentSeq = latest;
          return;
        }
        for (const event of events) {
          controller.enqueue(encoder.encode(encodeSse(event)));
        }
        this.sentSeq = events[events.length - 1].seq;
        return;
      }
      if (this.sentSeq > latest && !this.checkedAhead) {
        // The page saw a newer event than this process has heard of yet
        // (its watch lags under load), or the id is from the future
        // (another database, a reset). Only the latter starts over: going
        // back for the former would send the page events it already has.
        this.checkedAhead = true;
        const stored = await latestEventSeq(
          this.channel.kv,
          this.channel.userId,
        );
        if (this.finished) return;
        if (stored < this.sentSeq) this.sentSeq = stored;
        continue;
      }
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.waiter = null;
          resolve(false);
        }, this.options.heartbeatMs);
        this.waiter = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      if (!woken) {
        controller.enqueue(encoder.encode(": heartbeat\n\n"));
        return;
      }
    }
  }
}
