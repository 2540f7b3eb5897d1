import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { type Clock, clockFor, clockProvider, systemClock } from "./clock.ts";
import { useFakeClock } from "./clock.ts";
import {
  bindProviders,
  defineProviderSlot,
  provide,
  providerFor,
} from "./providers.ts";

const greeter = defineProviderSlot<{ hello(): string }>("greeter", () => ({
  hello: () => "default",
}));

Deno.test("an unbound database gets the slot's default, built once", async () => {
  using kv = await openTestKv();
  const first = providerFor(kv, greeter);
  expect(first.hello()).toBe("default");
  expect(providerFor(kv, greeter)).toBe(first);
});

Deno.test("bound providers belong to their database only", async () => {
  using kv = await openTestKv();
  using other = await openTestKv();
  const bound = { hello: () => "bound" };
  bindProviders(kv, [provide(greeter, bound)]);
  expect(providerFor(kv, greeter)).toBe(bound);
  expect(providerFor(other, greeter).hello()).toBe("default");
});

Deno.test("a slot is bound once, before it is used", async () => {
  using kv = await openTestKv();
  bindProviders(kv, [provide(greeter, { hello: () => "one" })]);
  expect(() => bindProviders(kv, [provide(greeter, { hello: () => "two" })]))
    .toThrow(/greeter provider of this database is already in use/);

  using used = await openTestKv();
  providerFor(used, greeter);
  expect(() => bindProviders(used, [provide(greeter, { hello: () => "x" })]))
    .toThrow(/already in use/);
  expect(providerFor(used, greeter).hello()).toBe("default");
});

Deno.test("the clock: the system clock follows useFakeClock; a bound one wins", async () => {
  using kv = await openTestKv();
  expect(clockFor(kv)).toBe(systemClock);
  {
    using fake = useFakeClock(new Date("2030-01-01T00:00:00Z"));
    fake.advance(1000);
    expect(clockFor(kv).now().toISOString()).toBe("2030-01-01T00:00:01.000Z");
  }
  using own = await openTestKv();
  const fixed: Clock = { now: () => new Date("2031-05-05T00:00:00Z") };
  bindProviders(own, [provide(clockProvider, fixed)]);
  expect(clockFor(own).now().getUTCFullYear()).toBe(2031);
});
