import { expect } from "expect";
import { renderToString } from "preact-render-to-string";
import { BarChart, LineChart } from "./Chart.tsx";
import {
  gridValues,
  niceMaximum,
  visibleLabelIndexes,
  wholeNumberAxis,
} from "./model.ts";

Deno.test("the value axis tops out at a round number above the largest value", () => {
  expect(niceMaximum([])).toBe(1);
  expect(niceMaximum([0, 0])).toBe(1);
  expect(niceMaximum([3])).toBe(5);
  expect(niceMaximum([7.2])).toBe(10);
  expect(niceMaximum([18])).toBe(20);
  expect(niceMaximum([21])).toBe(25);
  expect(niceMaximum([120, 80])).toBe(200);
  expect(niceMaximum([0.3])).toBe(0.5);
  expect(gridValues(20)).toEqual([0, 5, 10, 15, 20]);
});

Deno.test("long series print every n-th label and always the last", () => {
  expect([...visibleLabelIndexes(5, 8)].sort((a, b) => a - b)).toEqual([
    0,
    1,
    2,
    3,
    4,
  ]);
  const shown = visibleLabelIndexes(90, 8);
  expect(shown.size).toBeLessThanOrEqual(8);
  expect(shown.has(89)).toBe(true);
});

Deno.test("a chart draws one bar per point and repeats the numbers in a table", () => {
  const html = renderToString(
    <BarChart
      title="Hours per month"
      points={[
        { label: "Oct", value: 2, description: "October 2026" },
        { label: "Nov", value: 4.5, description: "November 2026" },
      ]}
      format={(hours) => `${hours} h`}
      valueHeading="Hours"
    />,
  );
  // Drawn twice: for phones and for wider screens.
  expect(html.match(/<rect/g)?.length).toBe(4);
  expect(html).toContain('aria-hidden="true"');
  expect(html).toContain("<caption>Hours per month</caption>");
  expect(html).toContain("November 2026");
  expect(html).toContain("4.5 h");
});

Deno.test("a line chart draws a dot per point; no points says so", () => {
  const html = renderToString(
    <LineChart
      title="Rating"
      points={[{ label: "A", value: 4 }, { label: "B", value: 5 }]}
    />,
  );
  expect(html.match(/<circle/g)?.length).toBe(4);
  expect(html).toContain("<path");
  const empty = renderToString(
    <LineChart title="Rating" points={[]} empty="No reviews yet." />,
  );
  expect(empty).toContain("No reviews yet.");
  expect(empty).not.toContain("<svg");
});

Deno.test("count axes have whole-number gridlines only", () => {
  expect(wholeNumberAxis([1])).toEqual({ maximum: 1, steps: 1 });
  expect(wholeNumberAxis([3])).toEqual({ maximum: 5, steps: 5 });
  expect(wholeNumberAxis([2])).toEqual({ maximum: 2, steps: 2 });
  expect(wholeNumberAxis([21])).toEqual({ maximum: 25, steps: 5 });
  expect(wholeNumberAxis([0.4])).toEqual({ maximum: 1, steps: 1 });
  const html = renderToString(
    <BarChart title="Sessions" counts points={[{ label: "A", value: 1 }]} />,
  );
  expect(html).not.toContain(">0.5<");
});

Deno.test("wide value labels get room left of the plot", () => {
  const html = renderToString(
    <BarChart
      title="Earnings"
      points={[{ label: "A", value: 1000 }]}
      format={(value) => `$${value.toFixed(2)}`}
    />,
  );
  // "$1000.00" is 8 characters: its right edge sits past 8 × 7.5 units.
  const x = Number(/<text x="([\d.]+)"[^>]*>\$1000\.00</.exec(html)?.[1]);
  expect(x).toBeGreaterThanOrEqual(60);
});

Deno.test("a chart drawn before is reused only while everything it shows is the same", () => {
  const points = [{ label: "Oct", value: 3 }, { label: "Nov", value: 4 }];
  const draw = (
    format: (value: number) => string,
    shown = points,
    Chart = BarChart,
  ) =>
    renderToString(
      <Chart title="Earnings" points={shown} format={format} />,
    );
  const dollars = (value: number) => `$${value}`;
  const euros = (value: number) => `€${value}`;
  expect(draw(dollars)).toBe(draw(dollars));
  // The same numbers in another currency, a changed value, another kind.
  expect(draw(euros)).toContain("€4");
  expect(draw(euros)).not.toContain("$4");
  const changed = draw(dollars, [{ label: "Oct", value: 3 }, {
    label: "Nov",
    value: 5,
  }]);
  expect(changed).toContain("$5");
  expect(draw(dollars, points, LineChart)).toContain("<circle");
  expect(draw(dollars)).not.toContain("<circle");
});
