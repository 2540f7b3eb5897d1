/**
 * The next-free-time feature's public entry: computing an expert's soonest
 * bookable start for browse's "available in the next 7 days" filter and
 * "soonest available" sort (find.ts). The index it fills, the refresh job
 * and the cron live with the search they serve, in services/experts
 * (next_free_*.ts); this feature sits above bookings, whose claims it
 * reads, so it is plugged in as a provider.
 *
 * Wiring: runtime.ts binds
 * `provide(nextFreeFinderProvider, findNextFree)`.
 */
export { findNextFree } from "./find.ts";
export { fillMissingNextFree } from "./backfill.ts";
