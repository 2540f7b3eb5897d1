/**
 * The shared live connection with a fake EventSource: one stream for all of
 * a page's islands, resuming where the page (then the stream) was, opening
 * a new stream when the browser gave up on one, and what `end` means.
 */
import { expect } from "expect";
import {
  type EventSourceLike,
  LiveConnection,
  type LiveEnvironment,
} from "./client.ts";

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
    this.readyState = 2;
  }

  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  emit(type: string, data: unknown, id = "") {
    const event = new MessageEvent(type, {
      data: JSON.stringify(data),
      lastEventId: id,
    });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
}

function fakeEnvironment() {
  const sources: FakeSource[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const shown: (() => void)[] = [];
  const page = { visible: true };
  const env: LiveEnvironment = {
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    visible: () => page.visible,
    onShown: (callback) => shown.push(callback),
    setTimeout: (callback, ms) => {
      const timer = { callback, ms };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      const at = timers.indexOf(timer as (typeof timers)[number]);
      if (at >= 0) timers.splice(at, 1);
    },
  };
  /** Runs the timers due so far; returns their delays. */
  const tick = () =>
    timers.splice(0).map((timer) => (timer.callback(), timer.ms));
  return { env, sources, tick, shown, page };
}

Deno.test("the islands of a page share one stream, resumed after the page's event", () => {
  const { env, sources, tick } = fakeEnvironment();
  const live = new LiveConnection(env);
  const bell: number[] = [];
  const count: number[] = [];
  const states: boolean[] = [];
  live.subscribe(7, {
    notification: (data) => bell.push(data.unread),
  }, (on) => states.push(on));
  live.subscribe(7, { "message.created": (data) => count.push(data.n) });
  tick();
  expect(sources.map((source) => source.url)).toEqual([
    "/api/live?lastEventId=7",
  ]);
  sources[0].open();
  sources[0].emit("notification", { unread: 2 }, "8");
  sources[0].emit("message.created", { n: 1 }, "9");
  expect(bell).toEqual([2]);
  expect(count).toEqual([1]);
  expect(states).toEqual([true]);
});

Deno.test("a stream the browser gave up on is opened again after the last event received", () => {
  const { env, sources, tick } = fakeEnvironment();
  const live = new LiveConnection(env);
  const states: boolean[] = [];
  live.subscribe(3, { notification: () => {} }, (on) => states.push(on));
  tick();
  sources[0].open();
  sources[0].emit("notification", { unread: 1 }, "4");
  // A transient error: EventSource reconnects by itself (with Last-Event-ID).
  sources[0].fail(false);
  expect(tick()).toEqual([]);
  sources[0].open();
  // An error answer: the browser stops; the page opens a new stream.
  sources[0].fail(true);
  expect(tick()).toEqual([3_000]);
  expect(sources[1].url).toBe("/api/live?lastEventId=4");
  sources[1].fail(true);
  expect(tick()).toEqual([6_000]);
  sources[2].open();
  expect(states).toEqual([true, false, true, false, true]);
});

Deno.test("a replaced stream comes back when the page is looked at; a signed-out one does not", () => {
  const { env, sources, tick, shown, page } = fakeEnvironment();
  const live = new LiveConnection(env);
  live.subscribe(0, { notification: () => {} });
  tick();
  sources[0].open();
  page.visible = false;
  sources[0].emit("end", { reason: "replaced" });
  expect(sources[0].closed).toBe(true);
  expect(tick()).toEqual([]);
  shown.splice(0).forEach((callback) => callback());
  tick();
  expect(sources.length).toBe(2);
  sources[1].open();
  sources[1].emit("end", { reason: "session_ended" });
  expect(sources[1].closed).toBe(true);
  expect(tick()).toEqual([]);
  expect(shown).toEqual([]);
  expect(live.isLive).toBe(false);
});

Deno.test("the stream closes when the last island leaves", () => {
  const { env, sources, tick } = fakeEnvironment();
  const live = new LiveConnection(env);
  const first = live.subscribe(1, { notification: () => {} });
  const second = live.subscribe(1, { "message.created": () => {} });
  tick();
  sources[0].open();
  first();
  expect(sources[0].closed).toBe(false);
  second();
  expect(sources[0].closed).toBe(true);
});

Deno.test("an island that starts after the stream passed its events gets them, and nobody gets one twice", () => {
  const { env, sources, tick } = fakeEnvironment();
  const live = new LiveConnection(env);
  const bell: number[] = [];
  const thread: string[] = [];
  live.subscribe(7, { notification: (data) => bell.push(data.unread) });
  tick();
  sources[0].open();
  sources[0].emit("notification", { unread: 1 }, "8");
  // A message nobody listened to yet, then the thread's module loads.
  sources[0].emit("message.created", { text: "early" }, "9");
  const states: boolean[] = [];
  live.subscribe(7, {
    "message.created": (data) => thread.push(data.text),
    typing: () => thread.push("typing"),
  }, (on) => states.push(on));
  expect(sources[0].closed).toBe(true);
  tick();
  expect(sources[1].url).toBe("/api/live?lastEventId=7");
  sources[1].open();
  sources[1].emit("notification", { unread: 1 }, "8");
  sources[1].emit("message.created", { text: "early" }, "9");
  // Typing has no id: EventSource repeats the last one.
  sources[1].emit("typing", {}, "9");
  sources[1].emit("notification", { unread: 2 }, "10");
  expect(bell).toEqual([1, 2]);
  expect(thread).toEqual(["early", "typing"]);
  expect(states).toEqual([true]);

  // An island as far along as the stream joins it as it is.
  live.subscribe(10, { "conversation.read": () => {} });
  expect(sources.length).toBe(2);
  expect(sources[1].closed).toBe(false);
});
