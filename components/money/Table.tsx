/**
 * The money pages' tables and tabs. A wide table scrolls sideways inside
 * its own region (focusable and named, so keyboard users can scroll it
 * too), so the page itself never does at 360 px.
 */
import type { ComponentChildren } from "preact";

/** The padding of every cell. */
export const CELL = "px-3 py-2 align-top";
/** A cell holding an amount: right-aligned, digits lined up. */
export const AMOUNT_CELL = `${CELL} text-right tabular-nums whitespace-nowrap`;

export function ScrollTable(
  { caption, head, minWidth = "36rem", children, amountColumns = [] }: {
    /** Read by screen readers; also names the scroll region. */
    caption: string;
    head: readonly string[];
    /** Below this width the table scrolls inside its region. */
    minWidth?: string;
    /** Indexes of the columns holding amounts (right-aligned headers). */
    amountColumns?: readonly number[];
    children: ComponentChildren;
  },
) {
  return (
    <div
      class="overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label={`${caption} (table)`}
    >
      <table class="w-full text-left text-sm" style={{ minWidth }}>
        <caption class="sr-only">{caption}</caption>
        <thead class="border-b border-slate-300 text-slate-900">
          <tr>
            {head.map((label, index) => (
              <th
                key={label}
                scope="col"
                class={`${CELL} ${
                  amountColumns.includes(index) ? "text-right" : ""
                }`}
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}

/** A row of links where one is the current choice (pages, statuses). */
export function Tabs(
  { label, items }: {
    /** The navigation's name ("Finance pages", "Withdrawal status"). */
    label: string;
    items: ReadonlyArray<{ href: string; label: string; current: boolean }>;
  },
) {
  return (
    <nav aria-label={label}>
      <ul class="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              class={`block rounded-full border px-3 py-1.5 text-sm font-medium ${
                item.current
                  ? "border-brand-700 bg-brand-700 text-white"
                  : "border-slate-300 bg-white text-slate-900 hover:bg-slate-50"
              }`}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Pairs of a term and its value, e.g. the lines of a receipt. */
export function Facts(
  { items, class: className = "" }: {
    items: ReadonlyArray<[term: string, value: ComponentChildren]>;
    class?: string;
  },
) {
  return (
    <dl class={`divide-y divide-slate-200 ${className}`}>
      {items.map(([term, value]) => (
        <div key={term} class="flex flex-wrap justify-between gap-x-4 py-2">
          <dt class="text-slate-700">{term}</dt>
          <dd class="font-medium text-slate-900 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
