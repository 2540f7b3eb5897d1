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
import { MarkupCache } from "@/framework/markup.ts";
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

const HEIGHT = 240;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const PLOT_H = HEIGHT - TOP - BOTTOM;
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
    <ChartFrame {...props} kind="bar">
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
    <ChartFrame {...props} kind="line">
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

/**
 * Drawn charts by everything they show. A chart is a few hundred elements
 * (drawn twice, for phones and wider screens), most of a dashboard's
 * render, and the same until its figures change.
 */
const kept = new MarkupCache(500);

/** Axes, gridlines, labels and the text equivalent shared by both charts. */
function ChartFrame(
  props: ChartProps & {
    kind: "bar" | "line";
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
  const grid = gridValues(axis.maximum, axis.steps);
  const axisChars = Math.max(3, ...grid.map((value) => format(value).length));
  const drawing = {
    points: props.points,
    grid,
    maximum: axis.maximum,
    format,
    axisChars,
    draw: props.children,
  };
  // The key names all the chart shows: the format is a function, so its
  // output for each value shown stands for it.
  const shown = JSON.stringify([
    props.kind,
    props.title,
    props.labelHeading,
    props.valueHeading,
    props.points.map((point) => [
      point.label,
      point.description,
      point.value,
      format(point.value),
    ]),
    grid.map((value) => [value, format(value)]),
  ]);
  return kept.get(shown, () => (
    <figure>
      <figcaption class="font-semibold text-slate-900">
        {props.title}
      </figcaption>
      {
        /* Drawn twice, narrow for phones and wide above, so the labels keep
           a readable size whatever the chart's width. */
      }
      <ChartSvg {...drawing} size={PHONE} class="sm:hidden" />
      <ChartSvg {...drawing} size={WIDE} class="hidden sm:block" />
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
  ));
}

/** One drawing size: the SVG's width and how many x labels fit. */
interface ChartSize {
  width: number;
  maxLabels: number;
}

const PHONE: ChartSize = { width: 300, maxLabels: 4 };
const WIDE: ChartSize = { width: 640, maxLabels: 8 };

/** The axes, gridlines and labels at one size, with the chart's marks. */
function ChartSvg(
  props: {
    points: readonly ChartPoint[];
    grid: number[];
    maximum: number;
    format: (value: number) => string;
    axisChars: number;
    draw: (layout: Layout) => ComponentChildren;
    size: ChartSize;
    class: string;
  },
) {
  const { width, maxLabels } = props.size;
  const left = 12 + CHAR_WIDTH * props.axisChars;
  const plotWidth = width - left - RIGHT;
  const count = props.points.length;
  const layout: Layout = {
    left,
    plotWidth,
    count,
    y: (value) => TOP + PLOT_H - (value / props.maximum) * PLOT_H,
    center: (i) => left + (plotWidth / count) * (i + 0.5),
  };
  const labels = visibleLabelIndexes(count, maxLabels);
  return (
    <svg
      viewBox={`0 0 ${width} ${HEIGHT}`}
      class={`mt-2 h-auto w-full text-[13px] ${props.class}`}
      aria-hidden="true"
      focusable="false"
    >
      {props.grid.map((value) => (
        <g key={value}>
          <line
            x1={left}
            x2={width - RIGHT}
            y1={layout.y(value)}
            y2={layout.y(value)}
            class="stroke-slate-200"
          />
          <text
            x={left - 8}
            y={layout.y(value) + 4}
            text-anchor="end"
            class="fill-slate-600"
          >
            {props.format(value)}
          </text>
        </g>
      ))}
      {props.draw(layout)}
      {props.points.map((point, i) =>
        labels.has(i) && (
          <text
            key={i}
            x={labelX(layout, i, point.label, width)}
            y={HEIGHT - 8}
            text-anchor="middle"
            class="fill-slate-600"
          >
            {point.label}
          </text>
        )
      )}
    </svg>
  );
}

/**
 * Where an x label's middle goes: under its slot, but pulled in so a long
 * label at either end stays inside the drawing.
 */
function labelX(
  layout: Layout,
  i: number,
  label: string,
  width: number,
): number {
  const half = (CHAR_WIDTH * label.length) / 2;
  return Math.min(
    Math.max(layout.center(i), layout.left + half),
    width - half - 2,
  );
}
