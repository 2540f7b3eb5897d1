/**
 * Packages in Deno KV.
 *
 * KV keys
 *   ["packages", packageId]                        → Package (id: ULID)
 *   ["packages_by_learner", learnerId, packageId]  → packageId   a learner's
 *                                       packages, oldest first
 *
 * Money: the package's escrow is the ledger account `escrow:<packageId>`
 * (package and booking ids are both ULIDs, so they never collide). Every
 * change of a package's credits is checked on the package's versionstamp in
 * the same atomic as the ledger entry that moves their value, so two
 * bookings racing for the last credit cannot both spend it.
 */
import { getManyInBatches } from "@/services/platform/kv.ts";
import { type Package, packageSchema } from "./model.ts";

export const packageKey = (id: string): Deno.KvKey => ["packages", id];
const byLearnerKey = (learnerId: string, id: string): Deno.KvKey => [
  "packages_by_learner",
  learnerId,
  id,
];

/** A stored package read back; null when absent or unreadable. */
function readPackage(value: unknown): Package | null {
  const parsed = packageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A package with its versionstamp, for a checked write; null when absent. */
export async function getPackageEntry(
  kv: Deno.Kv,
  id: string,
): Promise<{ pkg: Package; entry: Deno.KvEntry<unknown> } | null> {
  if (id.length > 64) return null;
  const entry = await kv.get(packageKey(id));
  const pkg = readPackage(entry.value);
  return pkg ? { pkg, entry: entry as Deno.KvEntry<unknown> } : null;
}

/** Writes `pkg` (and, when new, its index) into `op`; the caller checks. */
export function writePackage(
  op: Deno.AtomicOperation,
  pkg: Package,
  isNew: boolean,
): Deno.AtomicOperation {
  op.set(packageKey(pkg.id), pkg);
  if (isNew) op.set(byLearnerKey(pkg.learnerId, pkg.id), pkg.id);
  return op;
}

/** The learner's packages, newest first (a learner holds a handful). */
export async function listLearnerPackages(
  kv: Deno.Kv,
  learnerId: string,
): Promise<Package[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>({
      prefix: ["packages_by_learner", learnerId],
    }, { reverse: true })
  ) ids.push(entry.value);
  const found: Package[] = [];
  for (const entry of await getManyInBatches(kv, ids.map(packageKey))) {
    const pkg = readPackage(entry.value);
    if (pkg) found.push(pkg);
  }
  return found;
}
