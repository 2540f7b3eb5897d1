/**
 * The hand-over from the call page's pre-join screen to the call room, two
 * islands that start one after the other. A join is announced as a
 * `taptime:call-join` event on `window` and also left on `window` until the
 * room takes it: the room is the larger script and may start after a quick
 * learner has already joined, and an event sent before anyone listened is
 * lost (the call would never connect).
 *
 * @example
 * // Pre-join, once the server grants access:
 * announceCallJoin({ bookingId, access, stream });
 * // Room, in an effect:
 * return takeCallJoins(bookingId, (join) => connect(join));
 */

const JOIN_EVENT = "taptime:call-join";

/** Where a join waits for the room, on `window`. */
const WAITING = "__taptimeCallJoin";

interface Announced {
  bookingId: string;
}

type Holder = { [WAITING]?: Announced };

/** Announces a join to the call room, now or whenever it starts. */
export function announceCallJoin<T extends Announced>(join: T): void {
  (globalThis as Holder)[WAITING] = join;
  globalThis.dispatchEvent(new CustomEvent(JOIN_EVENT, { detail: join }));
}

/**
 * Calls `onJoin` with each join of `bookingId`, including one announced
 * before this was called; returns the function that stops listening.
 */
export function takeCallJoins<T extends Announced>(
  bookingId: string,
  onJoin: (join: T) => void,
): () => void {
  const take = (join: Announced | undefined) => {
    if (join?.bookingId !== bookingId) return;
    delete (globalThis as Holder)[WAITING];
    onJoin(join as T);
  };
  const listener = (event: Event) =>
    take((event as CustomEvent<Announced>).detail);
  globalThis.addEventListener(JOIN_EVENT, listener);
  take((globalThis as Holder)[WAITING]);
  return () => globalThis.removeEventListener(JOIN_EVENT, listener);
}
