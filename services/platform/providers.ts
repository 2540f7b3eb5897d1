/**
 * The platform's providers — the file store, the email and text-message
 * senders, the clock — chosen once per database handle.
 *
 * Why this shape: feature code takes one `kv` parameter and nothing else
 * (`getFileStore(kv)`, `getEmailProvider(kv)`), so adding S3 or SMTP never
 * changes a feature's signature or its callers. Which provider stands behind
 * that call is decided once, from the configuration, by the code that opens
 * the database (`runtime.ts`, used by main.ts and the test fixtures):
 *
 *   bindProviders(kv, [
 *     provide(fileStoreProvider, createFileStore(kv, config.storage)),
 *     provide(emailProvider, createEmailProvider(kv, config.email)),
 *     provide(smsProvider, createSmsProvider(kv, config.sms, linkBase)),
 *     provide(clockProvider, systemClock),
 *   ]);
 *
 * A handle nothing was bound to gets each slot's development default (KV file
 * chunks, the KV outbox, the system clock), which is what unit tests use.
 *
 * Each provider kind is a typed slot declared by the module that owns the
 * interface (`fileStoreProvider` in services/storage, `emailProvider` in
 * ./email, `smsProvider` in ./sms.ts, `clockProvider` in ./clock.ts), so
 * the platform names no feature's types. Bindings live in a WeakMap keyed by the handle: they go
 * away with it, and two apps in one process (tests) never share providers.
 */

/** One kind of provider, with the default used when none is bound. */
export interface ProviderSlot<T> {
  readonly name: string;
  readonly fallback: (kv: Deno.Kv) => T;
}

/** A value for one slot, as `bindProviders` takes it. */
export interface ProviderBinding {
  readonly slot: ProviderSlot<unknown>;
  readonly value: unknown;
}

/** Declares a provider slot; `fallback` builds the development default. */
export function defineProviderSlot<T>(
  name: string,
  fallback: (kv: Deno.Kv) => T,
): ProviderSlot<T> {
  return { name, fallback };
}

/** Pairs a slot with the provider to use for it (typed by the slot). */
export function provide<T>(slot: ProviderSlot<T>, value: T): ProviderBinding {
  return { slot: slot as ProviderSlot<unknown>, value };
}

const resolved = new WeakMap<Deno.Kv, Map<ProviderSlot<unknown>, unknown>>();

/**
 * Binds providers to `kv`, once, before anything uses them. Binding a slot
 * twice, or after it was already read (and so given its default), is a
 * wiring mistake and throws: half the app would otherwise use one provider
 * and half another.
 */
export function bindProviders(
  kv: Deno.Kv,
  bindings: readonly ProviderBinding[],
): void {
  const slots = resolved.get(kv) ?? new Map();
  for (const { slot } of bindings) {
    if (slots.has(slot)) {
      throw new Error(
        `The ${slot.name} provider of this database is already in use; bind providers once, before the app starts.`,
      );
    }
  }
  for (const { slot, value } of bindings) slots.set(slot, value);
  resolved.set(kv, slots);
}

/** The provider bound to `kv` for `slot`, or (from then on) its default. */
export function providerFor<T>(kv: Deno.Kv, slot: ProviderSlot<T>): T {
  let slots = resolved.get(kv);
  if (!slots) {
    slots = new Map();
    resolved.set(kv, slots);
  }
  if (!slots.has(slot)) slots.set(slot, slot.fallback(kv));
  return slots.get(slot) as T;
}
