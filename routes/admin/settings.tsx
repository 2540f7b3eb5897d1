/**
 * The platform settings, in sections: money (the commission, top-up
 * limits, the refund window, the smallest withdrawal, and the credit packs
 * learners buy), the booking policy, reminder times, retention periods
 * with the retention jobs' report, and feature switches. Each number's
 * accepted range comes from the settings schema itself, so the form and
 * the service never disagree. Every change is audited by the services.
 */
import { define } from "@/web/define.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { isCurrency, moneyFailure, parseAmount } from "@/web/money_forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import {
  PACK_FIELDS,
  type PackForm,
  PackForms,
} from "@/components/money/FinanceForms.tsx";
import {
  type RetentionLine,
  RetentionReport,
  type SettingInput,
  SETTINGS_PATH,
  SettingsSection,
} from "@/components/settings/SettingsSections.tsx";
import {
  FEATURE_FLAGS,
  type FeatureFlag,
  getSettings,
  reminderHoursSchema,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  updateSettings,
} from "@/services/settings/mod.ts";
import { retentionReport } from "@/services/retention/mod.ts";
import {
  createCreditPack,
  type CreditPack,
  listCreditPacks,
  updateCreditPack,
} from "@/services/wallet/mod.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import { formatCount } from "@/web/format.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

/** The settings typed as numbers. */
type SettingName = Exclude<
  keyof Settings,
  FeatureFlag | "reminderHoursBefore"
>;

const LABELS: Record<SettingName, string> = {
  commissionPercent: "Commission (%)",
  topUpsPerHour: "Top-ups per learner per hour",
  dailyTopUpLimitUsd: "Top-ups per learner per day (USD)",
  customTopUpMin: "Smallest custom top-up",
  customTopUpMax: "Largest custom top-up",
  refundWindowDays: "Refund window (days)",
  minimumWithdrawal: "Smallest withdrawal",
  cancelFullRefundHours:
    "Full refund when the learner cancels at least (hours ahead)",
  lateCancelRefundPercent: "Refund for a later cancellation (%)",
  rescheduleMinHours: "Rescheduling allowed until (hours ahead)",
  maxReschedules: "Reschedules per booking",
  disputeWindowHours: "Dispute window after a session (hours)",
  recordingRetentionDays: "Session recordings (days)",
  deletedAccountMessageRetentionDays: "Messages of deleted accounts (days)",
  auditRetentionDays: "Audit and security events (days)",
  contactRetentionDays: "Contact-form and feedback messages (days)",
  analyticsRetentionDays: "Raw analytics events (days)",
};

const NAMES = Object.keys(LABELS) as SettingName[];

/** The page's sections and the settings each one's form sends. */
const SECTIONS = {
  money: [
    "commissionPercent",
    "topUpsPerHour",
    "dailyTopUpLimitUsd",
    "customTopUpMin",
    "customTopUpMax",
    "refundWindowDays",
    "minimumWithdrawal",
  ],
  bookings: [
    "cancelFullRefundHours",
    "lateCancelRefundPercent",
    "rescheduleMinHours",
    "maxReschedules",
    "disputeWindowHours",
  ],
  reminders: [],
  retention: [
    "recordingRetentionDays",
    "deletedAccountMessageRetentionDays",
    "auditRetentionDays",
    "contactRetentionDays",
    "analyticsRetentionDays",
  ],
  features: [],
} satisfies Record<string, SettingName[]>;
type Section = keyof typeof SECTIONS;

const SWITCHES: Record<FeatureFlag, { label: string; hint: string }> = {
  smsReminders: {
    label: "Text reminders",
    hint:
      "Reminders also go by text to people who verified a mobile number and asked for them. Off: email only.",
  },
  retentionJobs: {
    label: "Retention jobs",
    hint:
      "Data past its retention period is deleted every night. Off (e.g. during a legal hold): nothing is deleted, and each run is recorded as skipped.",
  },
};

const REMINDER_FIELD: SettingInput = {
  name: "reminderHoursBefore",
  label: "Hours before a session",
  hint:
    "Whole hours from 1 to 24, up to 3 reminders, separated by commas: e.g. 24, 1.",
};
/** What the schema accepts for `name`: whole or not, and the range. */
function rangeOf(name: SettingName) {
  const number = settingsPatchSchema.shape[name].unwrap();
  return {
    whole: Boolean(number.isInt),
    min: number.minValue ?? 0,
    max: number.maxValue ?? Number.MAX_SAFE_INTEGER,
  };
}

function rangeText(name: SettingName): string {
  const { whole, min, max } = rangeOf(name);
  return `${whole ? "A whole number" : "A number"} from ${
    formatCount(min)
  } to ${formatCount(max)}.`;
}

function fieldsOf(section: Section): SettingInput[] {
  return (SECTIONS[section] as SettingName[]).map((name) => ({
    name,
    label: LABELS[name],
    hint: name === "customTopUpMin" || name === "customTopUpMax" ||
        name === "minimumWithdrawal"
      ? `${rangeText(name)} In whole units of each currency.`
      : rangeText(name),
  }));
}

interface SettingsData {
  settings: { values: Record<string, string>; errors: Record<string, string> };
  packs: CreditPack[];
  packForms: Record<string, PackForm>;
  retention: RetentionLine[];
  notice: { tone: "success" | "error"; text: string } | null;
}

/** The settings as the forms show them. */
function formValues(settings: Settings): Record<string, string> {
  return {
    ...Object.fromEntries(NAMES.map((name) => [name, String(settings[name])])),
    reminderHoursBefore: settings.reminderHoursBefore.join(", "),
    ...Object.fromEntries(
      FEATURE_FLAGS.map((flag) => [flag, settings[flag] ? "on" : ""]),
    ),
  };
}

const DONE: Record<string, string> = {
  settings: "The settings are saved and in force from now on.",
  pack: "The pack is saved.",
  added: "The pack was added.",
};

function major(minor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  return (minor / 10 ** exponent).toFixed(exponent);
}

function packForm(pack: CreditPack): PackForm {
  return {
    packId: pack.id,
    values: {
      currency: pack.currency,
      price: major(pack.priceMinor, pack.currency),
      bonus: major(pack.bonusMinor, pack.currency),
      order: String(pack.order),
      active: pack.active ? "on" : "",
    },
    errors: {},
  };
}

const NEW_PACK: PackForm = {
  packId: "new",
  values: { currency: "USD", price: "", bonus: "0", order: "0", active: "on" },
  errors: {},
};

async function loadSettings(
  ctx: FreshContext<AppState>,
  changes: {
    settings?: SettingsData["settings"];
    pack?: PackForm;
    notice?: SettingsData["notice"];
  },
): Promise<SettingsData> {
  const { kv } = ctx.state;
  const [settings, packs, retention] = await Promise.all([
    getSettings(kv),
    listCreditPacks(kv),
    retentionReport(kv),
  ]);
  // Only the pack being edited opens as a form (and the add form).
  const packForms: Record<string, PackForm> = { new: NEW_PACK };
  const editing = packs.find((pack) =>
    pack.id === ctx.url.searchParams.get("edit")
  );
  if (editing) packForms[editing.id] = packForm(editing);
  if (changes.pack) packForms[changes.pack.packId] = changes.pack;
  return {
    settings: changes.settings ?? { values: formValues(settings), errors: {} },
    packs,
    packForms,
    retention,
    notice: changes.notice ?? null,
  };
}

/**
 * The typed settings as numbers, or the fields that are not numbers. Only
 * the settings the form sent change: a form from before a setting existed
 * leaves that setting as it is.
 */
function readSettings(
  values: Record<string, string>,
  sent: SettingName[],
): { patch: SettingsPatch; errors: Record<string, string> } {
  const patch: Record<string, number> & SettingsPatch = {};
  const errors: Record<string, string> = {};
  for (const name of sent) {
    const text = values[name].trim().replaceAll(",", "");
    const { whole, min, max } = rangeOf(name);
    const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (
      Number.isNaN(number) || (whole && !Number.isInteger(number)) ||
      number < min || number > max
    ) {
      errors[name] = rangeText(name);
    } else patch[name] = number;
  }
  return { patch, errors };
}

/** "24, 1" as hours, or why it cannot be read. */
function readReminderHours(
  text: string,
): { hours: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((part) => !/^\d+$/.test(part))) {
    return {
      error: `Use whole hours separated by commas. ${REMINDER_FIELD.hint}`,
    };
  }
  const checked = reminderHoursSchema.safeParse(parts.map(Number));
  return checked.success
    ? { hours: checked.data }
    : { error: checked.error.issues[0].message };
}

/** What one section's form asks to change, or what is wrong with it. */
function readSection(form: FormData, section: string | null) {
  const values = readFields(form, [
    ...NAMES,
    "reminderHoursBefore",
    ...FEATURE_FLAGS,
  ]);
  // A form from before the sections (no `section`) sends money settings.
  const { patch, errors } = readSettings(
    values,
    NAMES.filter((name) => form.has(name)),
  );
  if (form.has("reminderHoursBefore")) {
    const read = readReminderHours(values.reminderHoursBefore);
    if ("error" in read) errors.reminderHoursBefore = read.error;
    else patch.reminderHoursBefore = read.hours;
  }
  // An unticked box is not sent: the switches' own form says them all.
  if (section === "features") {
    for (const flag of FEATURE_FLAGS) patch[flag] = values[flag] === "on";
  }
  return { values, patch, errors };
}

/** The typed pack as service input, or the fields that cannot be read. */
function readPack(values: Record<string, string>) {
  const errors: Partial<Record<string, string>> = {};
  const currency = values.currency;
  if (!isCurrency(currency)) errors.currency = "Choose a currency.";
  const unit = isCurrency(currency) ? currency : "USD";
  const priceMinor = parseAmount(values.price, unit);
  if (priceMinor === null || priceMinor <= 0) {
    errors.price = "Give the price as a number, e.g. 100.";
  }
  const bonusMinor = values.bonus.trim() ? parseAmount(values.bonus, unit) : 0;
  if (bonusMinor === null) errors.bonus = "Give the bonus as a number, or 0.";
  const order = values.order.trim() ? Number(values.order) : 0;
  if (!Number.isInteger(order) || order < 0 || order > 1000) {
    errors.order = "A whole number from 0 to 1000.";
  }
  return {
    errors,
    input: {
      currency: unit,
      priceMinor: priceMinor ?? 0,
      bonusMinor: bonusMinor ?? 0,
      order,
      active: values.active === "on",
    },
  };
}

export const handler = define.handlers<SettingsData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render(
      await loadSettings(ctx, {
        notice: done ? { tone: "success", text: done } : null,
      }),
    );
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const admin = requireUser(ctx.state);
    const meta = requestMeta(ctx);
    const form = await readForm(req);
    const { action, packId } = readFields(form, ["action", "packId"]);

    if (action === "settings") {
      const section = form.get("section");
      const { values, patch, errors } = readSection(
        form,
        typeof section === "string" ? section : null,
      );
      const anchor = typeof section === "string" && section in SECTIONS
        ? section
        : "money";
      try {
        if (Object.keys(errors).length === 0) {
          await updateSettings(kv, admin.id, patch, meta);
          return seeOther(`${SETTINGS_PATH}?done=settings#${anchor}`);
        }
      } catch (error) {
        const failure = moneyFailure(error);
        Object.assign(errors, failure.errors);
        if (Object.keys(failure.errors).length === 0) {
          return ctx.render(
            await loadSettings(ctx, {
              settings: { values, errors },
              notice: { tone: "error", text: failure.message },
            }),
            { status: failure.status },
          );
        }
      }
      return ctx.render(
        await loadSettings(ctx, { settings: { values, errors } }),
        { status: 400 },
      );
    }

    if (action === "pack") {
      const values = readFields(form, PACK_FIELDS);
      const read = readPack(values);
      const refuse = (
        status: number,
        errors: PackForm["errors"],
        text?: string,
      ) =>
        loadSettings(ctx, {
          pack: { packId: packId || "new", values, errors },
          notice: text ? { tone: "error", text } : null,
        }).then((data) => ctx.render(data, { status }));
      if (Object.keys(read.errors).length > 0) return refuse(400, read.errors);
      try {
        if (packId === "new") {
          await createCreditPack(kv, admin.id, read.input, meta);
          return seeOther(`${SETTINGS_PATH}?done=added#packs`);
        }
        await updateCreditPack(kv, admin.id, packId, read.input, meta);
        return seeOther(`${SETTINGS_PATH}?done=pack#pack-${packId}`);
      } catch (error) {
        const failure = moneyFailure(error, {
          priceMinor: "price",
          bonusMinor: "bonus",
        });
        const beside = Object.keys(failure.errors).some((field) =>
          (PACK_FIELDS as readonly string[]).includes(field)
        );
        return refuse(
          failure.status,
          failure.errors,
          beside ? undefined : failure.message,
        );
      }
    }

    return ctx.render(
      await loadSettings(ctx, {
        notice: { tone: "error", text: "That action isn't available." },
      }),
      { status: 400 },
    );
  },
});

export default define.page<typeof handler>(function PlatformSettings(
  { data },
) {
  const { values, errors } = data.settings;
  const section = (name: Section, submit: string) => (
    <SettingsSection
      section={name}
      fields={name === "reminders" ? [REMINDER_FIELD] : fieldsOf(name)}
      switches={name === "features"
        ? FEATURE_FLAGS.map((flag) => ({ name: flag, ...SWITCHES[flag] }))
        : []}
      values={values}
      errors={errors}
      submit={submit}
    />
  );
  return (
    <>
      <nav aria-label="Settings sections">
        <ul class="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {[
            ["money", "Money"],
            ["packs", "Credit packs"],
            ["bookings", "Bookings"],
            ["reminders", "Reminders"],
            ["retention", "Retention"],
            ["features", "Feature switches"],
          ].map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} class="font-medium text-brand-800 underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      <Card title="Money" id="money">
        <p class="text-sm text-slate-700">
          A new commission applies to bookings made after the change; each
          booking keeps the rate in force when it was made.
        </p>
        {section("money", "Save money settings")}
      </Card>
      <Card title="Credit packs" id="packs">
        <p class="text-sm text-slate-700">
          Prices and bonuses in the pack's currency. Top-ups already started
          keep their own amounts. Take a pack off sale instead of deleting it.
        </p>
        <PackForms packs={data.packs} forms={data.packForms} />
      </Card>
      <Card title="Bookings" id="bookings">
        <p class="text-sm text-slate-700">
          The cancellation and rescheduling policy shown to learners when they
          book. A change applies to bookings made after it.
        </p>
        {section("bookings", "Save booking policy")}
      </Card>
      <Card title="Reminders" id="reminders">
        <p class="text-sm text-slate-700">
          Both people are reminded by email (and by text, if they asked for it)
          this many hours before each session. A change applies to sessions
          booked or moved after it; sessions already booked keep the reminders
          they were given.
        </p>
        {section("reminders", "Save reminder times")}
      </Card>
      <Card title="Retention" id="retention">
        <p class="text-sm text-slate-700">
          How long data is kept before the nightly retention jobs delete it. A
          shorter period takes effect at the next run.
        </p>
        {section("retention", "Save retention periods")}
        <h3 class="pt-2 font-semibold text-slate-900">Retention jobs</h3>
        <RetentionReport lines={data.retention} />
      </Card>
      <Card title="Feature switches" id="features">
        {section("features", "Save feature switches")}
      </Card>
    </>
  );
});
