/**
 * CSV for the admin exports (RFC 4180: quoted where needed, CRLF lines).
 * Cells that a spreadsheet would run as a formula are prefixed with a quote
 * mark, so an exported name like `=HYPERLINK(…)` stays text.
 */

function cell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(
  rows: Row[],
  columns: { header: string; value: (row: Row) => unknown }[],
): string {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((c) => cell(c.value(row))).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
