/**
 * Credit packs: fixed amounts learners buy in one click, managed by admins.
 * A fresh database gets the default packs (50, 100 and 200 in each
 * currency, the larger two with bonus credits) the first time packs are
 * listed, so a new deployment can sell credits at once.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { NotFoundError, parseInput } from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  minorUnitExponent,
  SUPPORTED_CURRENCIES,
} from "@/services/platform/money.ts";
import {
  type CreditPack,
  type CreditPackInput,
  creditPackInputSchema,
} from "./model.ts";
import { listPacks, PACKS } from "./store.ts";

const DEFAULT_PACKS = [
  { major: 50, bonusPercent: 0 },
  { major: 100, bonusPercent: 5 },
  { major: 200, bonusPercent: 10 },
];

function defaultPacks(): CreditPack[] {
  return SUPPORTED_CURRENCIES.flatMap((currency) => {
    const unit = 10 ** minorUnitExponent(currency);
    // Rupees buy less per unit: scale packs so they are worth buying.
    const scale = currency === "INR" ? 50 : 1;
    return DEFAULT_PACKS.map(({ major, bonusPercent }, order) => {
      const priceMinor = major * scale * unit;
      return {
        id: `${currency.toLowerCase()}-${major * scale}`,
        currency,
        priceMinor,
        creditMinor: priceMinor,
        bonusMinor: Math.round(priceMinor * bonusPercent / 100),
        active: true,
        order,
      };
    });
  });
}

/** Every pack, the inactive ones included (admins see all). */
export async function listCreditPacks(kv: Deno.Kv): Promise<CreditPack[]> {
  const packs = await listPacks(kv);
  if (packs.length > 0) return packs;
  // Only the first writer seeds; the check keeps a second one from doubling.
  const marker = ["credit_packs_seeded"];
  const op = kv.atomic().check({ key: marker, versionstamp: null }).set(
    marker,
    true,
  );
  for (const pack of defaultPacks()) op.set([PACKS, pack.id], pack);
  await withLockRetry(() => op.commit());
  return await listPacks(kv);
}

/** The packs learners can buy. */
export async function listActiveCreditPacks(
  kv: Deno.Kv,
): Promise<CreditPack[]> {
  return (await listCreditPacks(kv)).filter((pack) => pack.active);
}

export async function getCreditPack(
  kv: Deno.Kv,
  id: string,
): Promise<CreditPack | null> {
  if (id.length > 64) return null;
  await listCreditPacks(kv);
  return (await kv.get<CreditPack>([PACKS, id])).value;
}

/** Adds a pack (admins). */
export async function createCreditPack(
  kv: Deno.Kv,
  adminId: string,
  input: CreditPackInput,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<CreditPack> {
  const fields = parseInput(
    creditPackInputSchema,
    input,
    "The pack is invalid.",
  );
  await listCreditPacks(kv);
  const pack: CreditPack = {
    id: newId().toLowerCase(),
    ...fields,
    creditMinor: fields.priceMinor,
  };
  const op = kv.atomic().set([PACKS, pack.id], pack);
  addSecurityEvent(op, {
    type: "credit_packs_changed",
    actorId: adminId,
    userId: null,
    details: { action: "created", packId: pack.id },
  }, meta);
  await withLockRetry(() => op.commit());
  return pack;
}

/** Changes a pack (admins); top-ups already started keep their own amounts. */
export async function updateCreditPack(
  kv: Deno.Kv,
  adminId: string,
  id: string,
  input: CreditPackInput,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<CreditPack> {
  const fields = parseInput(
    creditPackInputSchema,
    input,
    "The pack is invalid.",
  );
  const existing = await getCreditPack(kv, id);
  if (!existing) throw new NotFoundError("There is no such credit pack.");
  const pack: CreditPack = {
    ...existing,
    ...fields,
    creditMinor: fields.priceMinor,
  };
  const op = kv.atomic().set([PACKS, id], pack);
  addSecurityEvent(op, {
    type: "credit_packs_changed",
    actorId: adminId,
    userId: null,
    details: { action: "updated", packId: id },
  }, meta);
  await withLockRetry(() => op.commit());
  return pack;
}
