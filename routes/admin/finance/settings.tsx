/**
 * Platform settings (the commission, top-up limits, the refund window and
 * the smallest withdrawal) and the credit packs learners buy. Each field's
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
import { FinanceTabs } from "@/components/money/Finance.tsx";
import {
  PACK_FIELDS,
  type PackForm,
  PackForms,
  type SettingField,
  SettingsForm,
} from "@/components/money/FinanceForms.tsx";
import {
  getSettings,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  updateSettings,
} from "@/services/settings/mod.ts";
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

type SettingName = keyof Settings;

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
  recordingRetentionDays: "Keep session recordings (days)",
  deletedAccountMessageRetentionDays:
    "Keep a deleted account's messages (days)",
  auditRetentionDays: "Keep audit events (days)",
  contactRetentionDays: "Keep contact and feedback messages (days)",
  analyticsRetentionDays: "Keep raw analytics events (days)",
};

const NAMES = Object.keys(LABELS) as SettingName[];

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

const FIELDS: SettingField[] = NAMES.map((name) => ({
  name,
  label: LABELS[name],
  hint: name === "customTopUpMin" || name === "customTopUpMax" ||
      name === "minimumWithdrawal"
    ? `${rangeText(name)} In whole units of each currency.`
    : rangeText(name),
}));

interface SettingsData {
  settings: { values: Record<string, string>; errors: Record<string, string> };
  packs: CreditPack[];
  packForms: Record<string, PackForm>;
  notice: { tone: "success" | "error"; text: string } | null;
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
  const [settings, packs] = await Promise.all([
    getSettings(kv),
    listCreditPacks(kv),
  ]);
  // Only the pack being edited opens as a form (and the add form).
  const packForms: Record<string, PackForm> = { new: NEW_PACK };
  const editing = packs.find((pack) =>
    pack.id === ctx.url.searchParams.get("edit")
  );
  if (editing) packForms[editing.id] = packForm(editing);
  if (changes.pack) packForms[changes.pack.packId] = changes.pack;
  return {
    settings: changes.settings ?? {
      values: Object.fromEntries(
        NAMES.map((name) => [name, String(settings[name])]),
      ),
      errors: {},
    },
    packs,
    packForms,
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
  const patch: Record<string, number> = {};
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
      const values = readFields(form, NAMES);
      const { patch, errors } = readSettings(
        values,
        NAMES.filter((name) => form.has(name)),
      );
      try {
        if (Object.keys(errors).length === 0) {
          await updateSettings(kv, admin.id, patch, meta);
          return seeOther("/admin/finance/settings?done=settings#settings");
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
          return seeOther("/admin/finance/settings?done=added#packs");
        }
        await updateCreditPack(kv, admin.id, packId, read.input, meta);
        return seeOther(`/admin/finance/settings?done=pack#pack-${packId}`);
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

export default define.page<typeof handler>(function FinanceSettings(
  { data, url },
) {
  return (
    <>
      <FinanceTabs pathname={url.pathname} />
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      <Card title="Platform settings" id="settings">
        <p class="text-sm text-slate-700">
          A new commission applies to bookings made after the change; each
          booking keeps the rate in force when it was made.
        </p>
        <SettingsForm
          fields={FIELDS}
          values={data.settings.values}
          errors={data.settings.errors}
        />
      </Card>
      <Card title="Credit packs" id="packs">
        <p class="text-sm text-slate-700">
          Prices and bonuses in the pack's currency. Top-ups already started
          keep their own amounts. Take a pack off sale instead of deleting it.
        </p>
        <PackForms packs={data.packs} forms={data.packForms} />
      </Card>
    </>
  );
});
