/**
 * Where credit packs and top-ups live in Deno KV.
 *
 * KV keys
 *   ["credit_packs", packId]                    → CreditPack
 *   ["top_ups", topUpId]                        → TopUp (ULID: time order)
 *   ["top_ups_by_learner", learnerId, topUpId]  → topUpId
 *   ["top_ups_by_status", status, topUpId]      → topUpId   admin lists
 *   ["top_ups_by_payment", paymentRef]          → topUpId   disputes name the payment
 *   ["top_ups_disputed", topUpId]               → topUpId   the admin's disputes list
 *   ["top_up_guard", learnerId]                 → ISO time  serialises a learner's new top-ups
 *   ["payment_events", eventId]                 → { topUpId, type, at }
 *
 * A processor event is marked applied in the same atomic operation as its
 * effect, so a repeated webhook finds the mark and does nothing twice.
 */
import type { CreditPack, TopUp } from "./model.ts";

export const PACKS = "credit_packs";
export const TOP_UPS = "top_ups";
export const BY_LEARNER = "top_ups_by_learner";
export const BY_STATUS = "top_ups_by_status";
export const BY_PAYMENT = "top_ups_by_payment";
export const GUARD = "top_up_guard";
export const DISPUTED = "top_ups_disputed";
export const EVENTS = "payment_events";

export const topUpKey = (id: string): Deno.KvKey => [TOP_UPS, id];
export const eventKey = (id: string): Deno.KvKey => [EVENTS, id];

/** Writes `next` (replacing `previous`) with its indexes into `op`. */
export function writeTopUp(
  op: Deno.AtomicOperation,
  next: TopUp,
  previous: TopUp | null,
): Deno.AtomicOperation {
  op.set(topUpKey(next.id), next);
  if (!previous) op.set([BY_LEARNER, next.learnerId, next.id], next.id);
  if (previous && previous.status !== next.status) {
    op.delete([BY_STATUS, previous.status, next.id]);
  }
  op.set([BY_STATUS, next.status, next.id], next.id);
  if (next.disputed && !previous?.disputed) {
    op.set([DISPUTED, next.id], next.id);
  }
  if (next.paymentRef && next.paymentRef !== previous?.paymentRef) {
    op.set([BY_PAYMENT, next.paymentRef], next.id);
  }
  return op;
}

export async function readTopUp(
  kv: Deno.Kv,
  id: string,
): Promise<Deno.KvEntryMaybe<TopUp>> {
  return await kv.get<TopUp>(topUpKey(id));
}

export async function findTopUpByPayment(
  kv: Deno.Kv,
  paymentRef: string,
): Promise<string | null> {
  return (await kv.get<string>([BY_PAYMENT, paymentRef])).value;
}

export async function listPacks(kv: Deno.Kv): Promise<CreditPack[]> {
  const packs: CreditPack[] = [];
  for await (const entry of kv.list<CreditPack>({ prefix: [PACKS] })) {
    packs.push(entry.value);
  }
  return packs.sort((a, b) =>
    a.currency.localeCompare(b.currency) || a.order - b.order ||
    a.priceMinor - b.priceMinor
  );
}
