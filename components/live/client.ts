/**
 * The page's one connection to the signed-in user's event stream
 * (GET /api/live, Server-Sent Events), shared by every island that listens
 * to it: the header's bell, the Messages count, a conversation's thread,
 * the call room (its signals and chat), and any later one. One
 * stream per page rather than one per island keeps a user well under the
 * server's per-user stream limit with a few tabs open.
 *
 * What it takes care of, so islands only say which event types they want:
 * - resuming: the first connection asks for what came after the event the
 *   page was rendered with (`?lastEventId=`); EventSource's own reconnects
 *   send `Last-Event-ID`, which the server prefers;
 * - an island that starts after the stream already passed events it may
 *   need (its module loaded late): the stream is opened again from that
 *   island's point, and each island is handed a numbered event once only;
 * - a stream the browser gave up on (an error answer while the server was
 *   busy or restarting): it opens a new one itself, backing off to a minute;
 * - `end` events: `session_ended` closes for good (the page is signed out);
 *   `replaced` (the user opened more streams than the server keeps, and this
 *   was the oldest) reconnects once this page is looked at again, so a tab
 *   in front never stays stale and background tabs do not take turns
 *   pushing each other out.
 *
 * Browser-only; `useLiveEvents` is the Preact hook islands use.
 */
import { useEffect, useRef, useState } from "preact/hooks";

/** What an island does with one event's data (the event's JSON). */
// deno-lint-ignore no-explicit-any
export type LiveHandler = (data: any, event: MessageEvent) => void;

/** One island's interest: handlers by event type, and the stream's state. */
interface Subscription {
  handlers: Record<string, LiveHandler>;
  onLive: (live: boolean) => void;
  /** The last numbered event it was handed or would have been. */
  after: number;
}

/** The smallest part of EventSource used here (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Where the connection lives; the page's globals unless a test says so. */
export interface LiveEnvironment {
  open: (url: string) => EventSourceLike;
  /** True when the user can see the page now. */
  visible: () => boolean;
  /** Calls `callback` when the page is shown or focused again. */
  onShown: (callback: () => void) => void;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 60_000;

function browserEnvironment(): LiveEnvironment {
  return {
    open: (url) => new EventSource(url),
    visible: () => document.visibilityState === "visible",
    onShown: (callback) => {
      const shown = () => {
        if (document.visibilityState !== "visible") return;
        document.removeEventListener("visibilitychange", shown);
        globalThis.removeEventListener("focus", shown);
        callback();
      };
      document.addEventListener("visibilitychange", shown);
      globalThis.addEventListener("focus", shown);
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (timer) => clearTimeout(timer as number),
  };
}

/** The shared connection of one page (one per environment). */
export class LiveConnection {
  private source: EventSourceLike | null = null;
  private readonly subscriptions = new Set<Subscription>();
  /** Event types with a dispatcher on the current source. */
  private attached = new Set<string>();
  /** The event to resume after: the page's, then the last one received. */
  private resumeAfter: number | null = null;
  /**
   * The current source's last event id: an event repeating it carries no
   * id of its own (EventSource keeps the last one), like typing.
   */
  private lastId = "";
  private live = false;
  private ended = false;
  private waiting = false;
  private timer: unknown = null;
  private retryMs = FIRST_RETRY_MS;

  constructor(private readonly env: LiveEnvironment) {}

  /**
   * Starts delivering `handlers`' event types to them; `liveSeq` is the
   * user's latest event id when the page was made. Returns the undo.
   */
  subscribe(
    liveSeq: number,
    handlers: Record<string, LiveHandler>,
    onLive: (live: boolean) => void = () => {},
  ): () => void {
    const subscription = { handlers, onLive, after: liveSeq };
    this.subscriptions.add(subscription);
    // Islands of one page subscribe in turn: resume from the earliest.
    const behind = this.resumeAfter !== null && liveSeq < this.resumeAfter;
    if (this.resumeAfter === null || behind) this.resumeAfter = liveSeq;
    if (!this.source && !this.waiting && !this.ended) {
      this.schedule(0);
    } else if (this.source && behind) {
      // Events after this island's point went by before it listened.
      this.drop();
      this.schedule(0);
      onLive(this.live);
    } else {
      for (const type of Object.keys(handlers)) this.attach(type);
      onLive(this.live);
    }
    return () => {
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0) this.stop();
    };
  }

  /** True while a stream is open. */
  get isLive(): boolean {
    return this.live;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) return;
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      this.connect();
    }, ms);
  }

  private connect(): void {
    if (this.ended || this.subscriptions.size === 0) return;
    this.waiting = false;
    const query = this.resumeAfter === null
      ? ""
      : `?lastEventId=${this.resumeAfter}`;
    const source = this.env.open(`/api/live${query}`);
    this.source = source;
    this.attached = new Set();
    this.lastId = "";
    source.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.setLive(true);
    };
    source.onerror = () => {
      this.setLive(false);
      // EventSource retries by itself unless the answer was not a stream.
      if (source.readyState === CLOSED && this.source === source) {
        this.drop();
        this.schedule(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      }
    };
    source.addEventListener("end", (event) => this.onEnd(event));
    for (const subscription of this.subscriptions) {
      for (const type of Object.keys(subscription.handlers)) this.attach(type);
    }
  }

  /** Makes sure the current source hands `type` events to subscribers. */
  private attach(type: string): void {
    const source = this.source;
    if (!source || this.attached.has(type) || type === "end") return;
    this.attached.add(type);
    source.addEventListener(type, (event) => {
      const numbered = event.lastEventId !== "" &&
        event.lastEventId !== this.lastId;
      const id = numbered ? Number(event.lastEventId) : null;
      if (numbered) {
        this.lastId = event.lastEventId;
        this.resumeAfter = id;
      }
      let data: unknown = null;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const subscription of [...this.subscriptions]) {
        // A stream opened again for a later island replays what the
        // others already had.
        if (id !== null) {
          if (id <= subscription.after) continue;
          subscription.after = id;
        }
        subscription.handlers[type]?.(data, event);
      }
    });
  }

  private onEnd(event: MessageEvent): void {
    let reason = "";
    try {
      reason = JSON.parse(event.data).reason;
    } catch {
      // Unknown: treat as the end of the session.
    }
    this.drop();
    this.setLive(false);
    if (reason === "replaced") {
      // Newer streams of this user took over; come back when looked at.
      this.waiting = true;
      if (this.env.visible()) this.schedule(FIRST_RETRY_MS);
      else this.env.onShown(() => this.schedule(0));
    } else {
      this.ended = true;
    }
  }

  private drop(): void {
    this.source?.close();
    this.source = null;
    this.attached = new Set();
  }

  private stop(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.waiting = false;
    this.drop();
    this.live = false;
  }

  private setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    for (const subscription of [...this.subscriptions]) {
      subscription.onLive(live);
    }
  }
}

let pageConnection: LiveConnection | null = null;

/** The page's shared connection. */
export function liveConnection(): LiveConnection {
  pageConnection ??= new LiveConnection(browserEnvironment());
  return pageConnection;
}

/**
 * Calls `handlers` (by event type) with each live event of the signed-in
 * user for as long as the island is on the page; `liveSeq` is the user's
 * latest event id when the page was made. Returns true while connected.
 */
export function useLiveEvents(
  liveSeq: number,
  handlers: Record<string, LiveHandler>,
): boolean {
  const [live, setLive] = useState(false);
  // The latest handlers, so they see the island's current state.
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const forwarding: Record<string, LiveHandler> = {};
    for (const type of Object.keys(current.current)) {
      forwarding[type] = (data, event) => current.current[type]?.(data, event);
    }
    return liveConnection().subscribe(liveSeq, forwarding, setLive);
  }, []);
  return live;
}
