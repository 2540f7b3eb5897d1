/**
 * Server-rendered SVG charts: `BarChart` for amounts per period (hours per
 * month, bookings per day) and `LineChart` for a trend (rating over time).
 * No client script: the SVG scales to its container (readable at 360 px),
 * is hidden from screen readers, and a visually hidden table beside it
 * carries the same numbers for them.
 *
 * @example
 * <BarChart
 *   title="Hours per month"
 *   points={[{ label: "Oct", value: 3 }, { label: "Nov", value: 4.5 }]}
 *   format={(hours) => `${hours} h`}
 * />
 */
import type { ComponentChildren } from "preact";
import {
  type ChartPoint,
  gridValues,
  niceMaximum,
  visibleLabelIndexes,
  wholeNumberAxis,
} from "./model.ts";

export type { ChartPoint } from "./model.ts";

export interface ChartProps {
  title: string;
  points: readonly ChartPoint[];
  /** How a value reads on the axis and in the table (default: as is). */
  format?: (value: number) => string;
  /** Column headings of the text equivalent. */
  labelHeading?: string;
  valueHeading?: string;
  /** Shown instead of the chart when there are no points. */
  empty?: ComponentChildren;
  /** The values are counts: gridlines fall on whole numbers only. */
  counts?: boolean;
}

const WIDTH = 640;
const HEIGHT = 240;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const PLOT_H = HEIGHT - TOP - BOTTOM;
/** Axis labels that fit under a chart squeezed to 360 px. */
const MAX_LABELS = 8;
/** About how wide one character of a 13 px axis label is, in SVG units. */
const CHAR_WIDTH = 7.5;

/** Where the plot sits: left of it, room for the widest value label. */
interface Layout {
  left: number;
  plotWidth: number;
  count: number;
  /** The y coordinate of a value. */
  y: (value: number) => number;
  /** The middle of the i-th slot: bars, dots and labels align. */
  center: (i: number) => number;
}

const plain = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(1);

/** Bars, one per point. */
export function BarChart(props: ChartProps) {
  return (
    <ChartFrame {...props}>
      {(layout) => {
        const slot = layout.plotWidth / layout.count;
        const bar = Math.max(2, Math.min(48, slot * 0.7));
        return props.points.map((point, i) => {
          const top = layout.y(Math.max(0, point.value));
          return (
            <rect
              key={i}
              x={layout.center(i) - bar / 2}
              y={top}
              width={bar}
              height={TOP + PLOT_H - top}
              rx="2"
              class="fill-teal-700"
            />
          );
        });
      }}
    </ChartFrame>
  );
}

/** A line through the points, with a dot on each. */
export function LineChart(props: ChartProps) {
  return (
    <ChartFrame {...props}>
      {({ y, center: x }) => {
        const path = props.points.map((point, i) =>
          `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${
            y(point.value).toFixed(1)
          }`
        ).join(" ");
        return (
          <>
            <path
              d={path}
              fill="none"
              stroke-width="2.5"
              class="stroke-teal-700"
            />
            {props.points.map((point, i) => (
              <circle
                key={i}
                cx={x(i)}
                cy={y(point.value)}
                r="3.5"
                class="fill-teal-700"
              />
            ))}
          </>
        );
      }}
    </ChartFrame>
  );
}

/** Axes, gridlines, labels and the text equivalent shared by both charts. */
function ChartFrame(
  props: ChartProps & {
    children: (layout: Layout) => ComponentChildren;
  },
) {
  const format = props.format ?? plain;
  if (props.points.length === 0) {
    return (
      <figure>
        <figcaption class="font-semibold text-slate-900">
          {props.title}
        </figcaption>
        <p class="mt-2 text-sm text-slate-600">
          {props.empty ?? "Nothing to show yet."}
        </p>
      </figure>
    );
  }
  const values = props.points.map((point) => point.value);
  const axis = props.counts
    ? wholeNumberAxis(values)
    : { maximum: niceMaximum(values), steps: 4 };
  const max = axis.maximum;
  const grid = gridValues(max, axis.steps);
  const left = 12 + CHAR_WIDTH *
      Math.max(3, ...grid.map((value) => format(value).length));
  const plotWidth = WIDTH - left - RIGHT;
  const layout: Layout = {
    left,
    plotWidth,
    count: props.points.length,
    y: (value) => TOP + PLOT_H - (value / max) * PLOT_H,
    center: (i) => left + (plotWidth / props.points.length) * (i + 0.5),
  };
  const y = layout.y;
  const labels = visibleLabelIndexes(props.points.length, MAX_LABELS);
  return (
    <figure>
      <figcaption class="font-semibold text-slate-900">
        {props.title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        class="mt-2 h-auto w-full text-[13px]"
        aria-hidden="true"
        focusable="false"
      >
        {grid.map((value) => (
          <g key={value}>
            <line
              x1={left}
              x2={WIDTH - RIGHT}
              y1={y(value)}
              y2={y(value)}
              class="stroke-slate-200"
            />
            <text
              x={left - 8}
              y={y(value) + 4}
              text-anchor="end"
              class="fill-slate-600"
            >
              {format(value)}
            </text>
          </g>
        ))}
        {props.children(layout)}
        {props.points.map((point, i) =>
          labels.has(i) && (
            <text
              key={i}
              x={layout.center(i)}
              y={HEIGHT - 8}
              text-anchor="middle"
              class="fill-slate-600"
            >
              {point.label}
            </text>
          )
        )}
      </svg>
      {/* A table keeps its content's width even when "sr-only": the div clips it. */}
      <div class="sr-only">
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col" class="py-1 font-semibold">
                {props.labelHeading ?? "Period"}
              </th>
              <th scope="col" class="py-1 text-right font-semibold">
                {props.valueHeading ?? "Value"}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((point, i) => (
              <tr key={i} class="border-t border-slate-100">
                <td class="py-1">{point.description ?? point.label}</td>
                <td class="py-1 text-right tabular-nums">
                  {format(point.value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
