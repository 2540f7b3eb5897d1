import { computed, signal } from "@preact/signals";
import { expect } from "expect";
import { h } from "preact";
import { deserializeState } from "./deserialize.ts";
import {
  escapeScriptJson,
  PropsSerializer,
  type SerializedState,
} from "./serialize.ts";

/** Serializes through real JSON text, as the page does, and decodes. */
function roundTrip(props: Record<string, unknown>[]) {
  const serializer = new PropsSerializer();
  props.forEach((p, i) => serializer.addIsland(`Island${i}`, p));
  const text = serializer.toScriptText();
  return deserializeState(JSON.parse(text) as SerializedState);
}

Deno.test("JSON values round-trip unchanged", () => {
  const props = {
    text: "hi",
    number: 4.5,
    yes: true,
    nothing: null,
    list: [1, "two", [3], { four: 4 }],
    nested: { a: { b: { c: "deep" } } },
  };
  expect(roundTrip([props])[0]).toEqual({ name: "Island0", props });
});

Deno.test("undefined, Date, Map, Set, BigInt, URL and odd numbers round-trip", () => {
  const props = {
    missing: undefined,
    when: new Date("2024-01-02T03:04:05.678Z"),
    invalidDate: new Date("nope"),
    map: new Map<unknown, unknown>([["a", 1], [2, new Set(["x"])]]),
    set: new Set([1, "b", new Date(0)]),
    big: 12345678901234567890n,
    url: new URL("https://example.com/a?b=c#d"),
    nan: NaN,
    infinity: -Infinity,
    negativeZero: -0,
    listWithHoles: [undefined, 1],
  };
  const [{ props: back }] = roundTrip([props]);
  expect("missing" in back).toBe(true);
  expect(back.missing).toBeUndefined();
  expect(back.when).toEqual(props.when);
  expect(back.when).toBeInstanceOf(Date);
  expect(Number.isNaN((back.invalidDate as Date).getTime())).toBe(true);
  expect(back.map).toEqual(props.map);
  expect(back.set).toEqual(props.set);
  expect(back.big).toBe(props.big);
  expect(back.url).toEqual(props.url);
  expect(Number.isNaN(back.nan)).toBe(true);
  expect(back.infinity).toBe(-Infinity);
  expect(Object.is(back.negativeZero, -0)).toBe(true);
  expect(back.listWithHoles).toEqual([undefined, 1]);
});

Deno.test("an object with a `$t` key is not mistaken for a tag", () => {
  const props = { data: { $t: "Date", v: "2024-01-01" } };
  expect(roundTrip([props])[0].props).toEqual(props);
});

Deno.test("a signal shared by two islands comes back as one signal", () => {
  const count = signal(1);
  const label = computed(() => `count ${count.value}`);
  const [first, second] = roundTrip([
    { count, label },
    { count, nested: { again: count } },
  ]);
  const a = first.props.count as typeof count;
  const b = second.props.count as typeof count;
  expect(a).toBe(b);
  expect((second.props.nested as { again: unknown }).again).toBe(a);
  expect(a.value).toBe(1);
  a.value = 7;
  expect(b.value).toBe(7);
  expect((first.props.label as typeof count).value).toBe("count 1");
});

Deno.test("a signal holding a Date keeps its type", () => {
  const [{ props }] = roundTrip([{ at: signal(new Date(5)) }]);
  expect((props.at as { value: unknown }).value).toEqual(new Date(5));
});

Deno.test("unsupported props fail with the island and prop path", () => {
  class Money {
    amount = 1;
  }
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const cases: [Record<string, unknown>, string][] = [
    [
      { onClick: () => {} },
      'Island "Counter" prop "onClick": functions cannot be serialized',
    ],
    [
      { deep: { list: [1, Symbol("x")] } },
      'Island "Counter" prop "deep.list[1]": symbols cannot be serialized',
    ],
    [
      { price: new Money() },
      'Island "Counter" prop "price": instances of class Money cannot be serialized',
    ],
    [
      { children: h("p", null, "hi") },
      'Island "Counter" prop "children": JSX elements cannot be serialized',
    ],
    [
      { circular },
      'Island "Counter" prop "circular.self": circular references cannot be serialized',
    ],
    [
      { map: new Map([["k", () => 1]]) },
      'Island "Counter" prop "map<map value 0>": functions cannot be serialized',
    ],
  ];
  for (const [props, message] of cases) {
    const serializer = new PropsSerializer();
    expect(() => serializer.addIsland("Counter", props)).toThrow(message);
  }
});

Deno.test("the same object twice (not a cycle) is fine", () => {
  const shared = { a: 1 };
  const [{ props }] = roundTrip([{ x: shared, y: [shared, shared] }]);
  expect(props).toEqual({ x: { a: 1 }, y: [{ a: 1 }, { a: 1 }] });
});

Deno.test("script text cannot close the script element or open a comment", () => {
  const serializer = new PropsSerializer();
  serializer.addIsland("X", { text: "</script><script>alert(1)</script><!--" });
  const text = serializer.toScriptText();
  expect(text).not.toContain("</script");
  expect(text).not.toContain("<!--");
  const [{ props }] = deserializeState(JSON.parse(text));
  expect(props.text).toBe("</script><script>alert(1)</script><!--");
  expect(escapeScriptJson('"\u2028"')).toBe('"\\u2028"');
});
