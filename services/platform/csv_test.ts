/** The CSV encoder: quoting, formula guarding, and a round trip. */
import { expect } from "expect";
import { csvCell, parseCsv, toCsv } from "./csv.ts";

Deno.test("CSV cells are quoted where needed and formulas stay text", () => {
  const csv = toCsv([
    { name: 'Ada "A" Lovelace', note: "line\nbreak", amount: -500 },
    { name: '=HYPERLINK("x")', note: "+1", amount: 12 },
  ], [
    { header: "name", value: (r) => r.name },
    { header: "note", value: (r) => r.note },
    { header: "amount", value: (r) => r.amount },
  ]);
  expect(csv).toBe(
    'name,note,amount\r\n"Ada ""A"" Lovelace","line\nbreak",-500\r\n"\'=HYPERLINK(""x"")",\'+1,12\r\n',
  );
});

Deno.test("every formula start is guarded; numbers and empties are not", () => {
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvCell("-2+3")).toBe("'-2+3");
  expect(csvCell("\tx")).toBe("'\tx");
  expect(csvCell("-12.50")).toBe("-12.50");
  expect(csvCell(null)).toBe("");
  expect(csvCell(undefined)).toBe("");
  expect(csvCell(false)).toBe("false");
  expect(csvCell("a,b")).toBe('"a,b"');
});

Deno.test("parseCsv reads back what toCsv wrote", () => {
  const rows = [
    { a: 'say "hi"', b: "x,y" },
    { a: "two\r\nlines", b: "" },
  ];
  const text = toCsv(rows, [
    { header: "a", value: (r) => r.a },
    { header: "b", value: (r) => r.b },
  ]);
  expect(parseCsv(text)).toEqual([
    ["a", "b"],
    ['say "hi"', "x,y"],
    ["two\r\nlines", ""],
  ]);
});
