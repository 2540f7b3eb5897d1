/**
 * Start-up data migrations: steps main.ts runs once per start, before
 * serving, that bring stored records up to today's rules (e.g. a time zone
 * stored under an alias rewritten to its canonical IANA name). Each step is
 * idempotent — a second run finds nothing to do — so several processes
 * starting together are safe.
 *
 * A record a step cannot fix is left as it is and reported as a warning
 * naming it, so an operator can repair it by hand; it never stops the start.
 */

/** What one migration step did. */
export interface MigrationResult {
  migrated: number;
  /** Records left as they are, each with what made it unfixable. */
  unresolved: ({ id: string } & Record<string, string>)[];
}

/** One named step. */
export interface Migration {
  name: string;
  run: (kv: Deno.Kv) => Promise<MigrationResult>;
}

/** Where the report goes (the console in main.ts; a recorder in tests). */
export interface MigrationLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Runs `migrations` in order, logging what each changed and warning about
 * every record it could not fix. Returns the results by step name. A step
 * that throws stops the start: the data is in a state nobody planned for.
 */
export async function runStartupMigrations(
  kv: Deno.Kv,
  migrations: readonly Migration[],
  log: MigrationLog = console,
): Promise<Map<string, MigrationResult>> {
  const results = new Map<string, MigrationResult>();
  for (const migration of migrations) {
    const result = await migration.run(kv);
    results.set(migration.name, result);
    if (result.migrated > 0) {
      log.info(`${migration.name}: updated ${result.migrated} record(s).`);
    }
    for (const { id, ...why } of result.unresolved) {
      const details = Object.entries(why)
        .map(([field, value]) => `${field} ${JSON.stringify(value)}`)
        .join(", ");
      log.warn(
        `${migration.name}: could not fix ${id}${
          details ? ` (${details})` : ""
        }; left unchanged.`,
      );
    }
  }
  return results;
}
