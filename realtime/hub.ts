/**
 * The live hub: one per process (per KV handle), it serves every open event
 * stream of the process. Events are persisted first (services/platform/
 * events.ts); the hub only learns that a user's counter moved and lets each
 * of that user's connections read what it has not sent yet from KV.
 *
 * How a process learns of new events:
 * - one `kv.watch` per user with open connections, on the user's counter and
 *   ephemeral key: immediate for writes of this process (and, on Deno
 *   Deploy, of every instance);
 * - the local SQLite backend does not tell one process about another's
 *   writes, so with `pollMs` set the hub also reads those keys of every
 *   watched user every `pollMs` and compares versionstamps.
 *
 * Why memory stays bounded: a connection is a pull stream. The response
 * body asks for more only when the client has taken what was queued (up to
 * `queueLimit` chunks); until then nothing is read for it. A client that
 * falls behind falls behind in KV, not in memory, and catches up from there;
 * one whose events expired meanwhile gets a `resync` event; one that takes
 * nothing at all for `stallMs` while data waits is closed. Each user has at
 * most `maxConnectionsPerUser` streams per process; a new one closes the
 * oldest.
 *
 * A channel lives while it has connections or an `open` is waiting for its
 * first snapshot: a page's new stream often arrives just as the previous
 * page's stream closes, and the last connection leaving must not stop the
 * watch the newcomer is about to join.
 *
 * Connections end when their session does: every `sessionCheckMs` each
 * connection asks its `isLive` check (the auth feature's `authenticate`),
 * which fails after logout, suspension, a password change or expiry.
 */
import {
  type EphemeralEvent,
  ephemeralEventKey,
  latestEventKey,
  type LiveEvent,
} from "@/services/platform/events.ts";
import { now } from "@/services/platform/clock.ts";
import { defineProviderSlot } from "@/services/platform/providers.ts";
import {
  Connection,
  type ConnectionOptions,
  type ConnectionSource,
} from "./connection.ts";
import type { StreamEnd } from "./sse.ts";

export interface LiveHubOptions extends ConnectionOptions {
  /** Poll for other processes' writes this often; null when one process serves. */
  pollMs: number | null;
  sessionCheckMs: number;
  maxConnectionsPerUser: number;
}

export const DEFAULT_HUB_OPTIONS: LiveHubOptions = {
  pollMs: 400,
  heartbeatMs: 15_000,
  sessionCheckMs: 5_000,
  maxConnectionsPerUser: 5,
  queueLimit: 16,
  stallMs: 60_000,
  retryMs: 3_000,
};

/** What opening a stream needs. */
export interface OpenStream {
  userId: string;
  /** The last event the client has (Last-Event-ID); null: only new events. */
  lastEventId: number | null;
  /** False once the session behind the stream has ended. */
  isLive: () => Promise<boolean>;
}

/** Numbers for tests and the benchmark. */
export interface HubStats {
  users: number;
  connections: number;
  /** The most chunks any one connection has queued. */
  maxQueued: number;
}

/** The events of one user, shared by that user's connections in this process. */
class Channel implements ConnectionSource {
  readonly connections = new Set<Connection>();
  latest = 0;
  private ephemeralStamp: string | null = null;
  private primed = false;
  /** Opens waiting for `ready`: the channel must outlive them. */
  opening = 0;
  /** The watch ended (stopped, or the database closed). */
  ended = false;
  private watcher: ReadableStreamDefaultReader<Deno.KvEntryMaybe<unknown>[]>;
  /** Settles with the first snapshot, so a new connection knows the latest. */
  readonly ready: Promise<void>;

  constructor(readonly hub: LiveHub, readonly userId: string) {
    const stream = hub.kv.watch([
      latestEventKey(userId),
      ephemeralEventKey(userId),
    ]);
    const watcher = stream.getReader();
    this.watcher = watcher;
    const { promise, resolve: primed } = Promise.withResolvers<void>();
    this.ready = promise;
    (async () => {
      try {
        for (;;) {
          const { value, done } = await watcher.read();
          if (done) break;
          this.apply(value[0], value[1]);
          primed();
        }
      } catch {
        // The database closed: the connections end below.
      }
      this.ended = true;
      primed();
      this.closeAll("shutdown");
    })();
  }

  get kv(): Deno.Kv {
    return this.hub.kv;
  }

  detach(connection: Connection): void {
    this.hub.detach(connection);
  }

  /** Takes in a snapshot of the user's counter and ephemeral key. */
  apply(
    counter: Deno.KvEntryMaybe<unknown>,
    ephemeral: Deno.KvEntryMaybe<unknown>,
  ): void {
    const latest = typeof counter.value === "number" ? counter.value : 0;
    const firstLook = !this.primed;
    this.primed = true;
    if (latest > this.latest) this.latest = latest;
    if (ephemeral.versionstamp !== this.ephemeralStamp) {
      this.ephemeralStamp = ephemeral.versionstamp;
      const event = ephemeral.value as EphemeralEvent | null;
      // What was there before anyone connected is old news.
      if (!firstLook && event && event.expiresAt > now().toISOString()) {
        for (const connection of this.connections) connection.push(event);
      }
    }
    for (const connection of this.connections) connection.wake();
  }

  closeAll(reason: StreamEnd): void {
    for (const connection of [...this.connections]) connection.close(reason);
  }

  stop(): void {
    this.watcher.cancel().catch(() => {});
  }
}

/** The event streams of one process. */
export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private checking = false;
  readonly options: LiveHubOptions;

  constructor(readonly kv: Deno.Kv, options: Partial<LiveHubOptions> = {}) {
    this.options = { ...DEFAULT_HUB_OPTIONS, ...options };
  }

  /** Changes the timings (tests, the benchmark); takes effect for new timers. */
  tune(options: Partial<LiveHubOptions>): void {
    Object.assign(this.options, options);
  }

  /** Opens an event stream for `request.userId`; the caller sends it as the body. */
  async open(request: OpenStream): Promise<ReadableStream<Uint8Array>> {
    let channel = this.channels.get(request.userId);
    if (!channel) {
      channel = new Channel(this, request.userId);
      this.channels.set(request.userId, channel);
    }
    channel.opening++;
    try {
      await channel.ready;
    } finally {
      channel.opening--;
    }
    const connection = new Connection(
      channel,
      this.options,
      request.lastEventId,
      request.isLive,
    );
    const open = [...channel.connections];
    for (
      const old of open.slice(
        0,
        Math.max(0, open.length - this.options.maxConnectionsPerUser + 1),
      )
    ) old.close("replaced");
    channel.connections.add(connection);
    this.startTimers();
    // The database closed while we waited: the client reconnects.
    if (channel.ended) connection.close("shutdown");
    return connection.stream;
  }

  /** Forgets a finished connection; the last one of a user stops its watch. */
  detach(connection: Connection): void {
    const channel = connection.channel as Channel;
    channel.connections.delete(connection);
    this.release(channel);
  }

  /** Stops the watch of a channel nobody uses or waits for any more. */
  private release(channel: Channel): void {
    if (
      channel.connections.size === 0 && channel.opening === 0 &&
      this.channels.get(channel.userId) === channel
    ) {
      this.channels.delete(channel.userId);
      channel.stop();
    }
    if (this.channels.size === 0) this.stopTimers();
  }

  stats(): HubStats {
    let connections = 0;
    let maxQueued = 0;
    for (const channel of this.channels.values()) {
      for (const connection of channel.connections) {
        connections++;
        maxQueued = Math.max(maxQueued, connection.queued);
      }
    }
    return { users: this.channels.size, connections, maxQueued };
  }

  /** Ends every stream (the clients reconnect, to another process if need be). */
  close(): void {
    for (const channel of [...this.channels.values()]) {
      channel.closeAll("shutdown");
    }
    this.stopTimers();
  }

  private startTimers(): void {
    if (this.timers.length > 0) return;
    const { pollMs, sessionCheckMs } = this.options;
    if (pollMs !== null) {
      this.timers.push(setInterval(() => this.poll(), pollMs));
    }
    this.timers.push(setInterval(() => this.checkSessions(), sessionCheckMs));
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private polling = false;

  /** Reads the watched keys of every user here: other processes' writes. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const channels = [...this.channels.values()];
      // getMany reads at most 10 keys: 5 users at a time.
      for (let i = 0; i < channels.length; i += 5) {
        const batch = channels.slice(i, i + 5);
        const entries = await this.kv.getMany(batch.flatMap((channel) => [
          latestEventKey(channel.userId),
          ephemeralEventKey(channel.userId),
        ]));
        batch.forEach((channel, j) =>
          channel.apply(entries[2 * j], entries[2 * j + 1])
        );
      }
    } catch {
      // Closed or locked for a moment: the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  /** Ends the streams whose session ended, and those of stalled clients. */
  private async checkSessions(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const channel of [...this.channels.values()]) {
        for (const connection of [...channel.connections]) {
          if (connection.stalled) {
            connection.abort();
            continue;
          }
          let live = true;
          try {
            live = await connection.isLive();
          } catch {
            // Unknown (the database is busy): ask again next time.
          }
          if (!live) connection.close("session_ended");
        }
      }
    } finally {
      this.checking = false;
    }
  }
}

/**
 * The hub for a process on the database `kv` names: polling for other
 * processes' writes only on a local file, which several processes may share
 * (in memory nobody else can write; Deno Deploy's KV tells every watcher).
 */
export function createLiveHub(
  kv: Deno.Kv,
  database: { path: string; managed: boolean },
  options: Partial<LiveHubOptions> = {},
): LiveHub {
  const local = !database.managed && database.path !== ":memory:";
  return new LiveHub(kv, {
    pollMs: local ? DEFAULT_HUB_OPTIONS.pollMs : null,
    ...options,
  });
}

/** The hub of a KV handle: runtime.ts binds one configured for the process. */
export const liveHubProvider = defineProviderSlot<LiveHub>(
  "live hub",
  (kv) => new LiveHub(kv),
);

export type { LiveEvent };
