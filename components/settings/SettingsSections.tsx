/**
 * The sections of the platform settings page: one form per section (money,
 * bookings, reminders, retention, feature switches), each sending only its
 * own fields, and the retention report (each policy's period and last run).
 */
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Checkbox, TextField } from "@/components/form/inputs.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import { formatCount, formatInstant } from "@/web/format.ts";

/** Where the settings page lives (the old finance URL redirects here). */
export const SETTINGS_PATH = "/admin/settings";

/** A setting as the form shows it: its label and what it accepts. */
export interface SettingInput {
  name: string;
  label: string;
  hint: string;
}

/** A feature switch as the form shows it. */
export interface SwitchInput {
  name: string;
  label: string;
  hint: string;
}

/** One section's form: text fields (numbers, lists) and switches. */
export function SettingsSection(
  { section, fields, switches = [], values, errors, submit }: {
    section: string;
    fields: readonly SettingInput[];
    switches?: readonly SwitchInput[];
    values: Record<string, string>;
    errors: Record<string, string>;
    submit: string;
  },
) {
  const mine = Object.fromEntries(
    Object.entries(errors).filter(([name]) =>
      fields.some((field) => field.name === name) ||
      switches.some((field) => field.name === name)
    ),
  );
  return (
    <form
      method="post"
      action={`${SETTINGS_PATH}#${section}`}
      noValidate
      class="space-y-4"
    >
      <input type="hidden" name="action" value="settings" />
      <input type="hidden" name="section" value={section} />
      <FormErrorSummary errors={mine} />
      {fields.length > 0 && (
        <div class="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <TextField
              key={field.name}
              name={field.name}
              label={field.label}
              hint={field.hint}
              required
              inputMode={field.name === "reminderHoursBefore"
                ? undefined
                : "decimal"}
              value={values[field.name] ?? ""}
              error={errors[field.name]}
            />
          ))}
        </div>
      )}
      {switches.length > 0 && (
        <Fieldset id={`${section}-switches`} legend="Switched on">
          {switches.map((flag) => (
            <div key={flag.name}>
              <Checkbox
                id={flag.name}
                name={flag.name}
                value="on"
                label={flag.label}
                checked={values[flag.name] === "on"}
              />
              <p class="ml-6 text-sm text-slate-700">{flag.hint}</p>
            </div>
          ))}
        </Fieldset>
      )}
      <Button>{submit}</Button>
    </form>
  );
}

/** One retention policy's line in the report. */
export interface RetentionLine {
  label: string;
  days: number;
  lastRun: {
    at: string;
    cutoff: string;
    purged: number;
    error: string | null;
    skipped: boolean;
  } | null;
}

/** Each policy with its period and what its last run did. */
export function RetentionReport(
  { lines }: { lines: readonly RetentionLine[] },
) {
  return (
    <div class="overflow-x-auto">
      <table class="w-full text-left text-sm">
        <caption class="sr-only">Retention jobs and their last runs</caption>
        <thead>
          <tr class="border-b border-slate-200 text-slate-700">
            <th scope="col" class="py-2 pr-3 font-semibold">Data</th>
            <th scope="col" class="py-2 pr-3 font-semibold">Kept for</th>
            <th scope="col" class="py-2 font-semibold">Last run</th>
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-200">
          {lines.map((line) => (
            <tr key={line.label}>
              <th scope="row" class="py-2 pr-3 align-top font-medium">
                {line.label}
              </th>
              <td class="py-2 pr-3 align-top">
                {formatCount(line.days)} days
              </td>
              <td class="py-2 align-top">{lastRunText(line.lastRun)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function lastRunText(run: RetentionLine["lastRun"]): string {
  if (!run) return "Not run yet (runs daily at 03:41 UTC).";
  const when = formatInstant(run.at);
  if (run.error) return `${when}: failed (${run.error}); tried again tomorrow.`;
  if (run.skipped) return `${when}: skipped, retention jobs are switched off.`;
  return `${when}: ${formatCount(run.purged)} deleted (older than ${
    formatInstant(run.cutoff)
  }).`;
}
