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
import { isCurrency, moneyFailure } from "@/web/money_forms.ts";
import { readAmount } from "@/web/amount_input.ts";
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
  SETTINGS_PATH,
  SettingsSection,
} from "@/components/settings/SettingsSections.tsx";
import {
  FEATURE_FLAGS,
  getSettings,
  updateSettings,
} from "@/services/settings/mod.ts";
import {
  fieldsOf,
  formValues,
  readSection,
  REMINDER_FIELD,
  type Section,
  SECTIONS,
  SWITCHES,
} from "@/web/settings_form.ts";
import { retentionReport } from "@/services/retention/mod.ts";
import {
  createCreditPack,
  type CreditPack,
  listCreditPacks,
  updateCreditPack,
} from "@/services/wallet/mod.ts";
import { minorUnitExponent } from "@/services/platform/money.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface SettingsData {
  settings: { values: Record<string, string>; errors: Record<string, string> };
  packs: CreditPack[];
  packForms: Record<string, PackForm>;
  retention: RetentionLine[];
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

/** The typed pack as service input, or the fields that cannot be read. */
function readPack(values: Record<string, string>) {
  const errors: Partial<Record<string, string>> = {};
  const currency = values.currency;
  if (!isCurrency(currency)) errors.currency = "Choose a currency.";
  const unit = isCurrency(currency) ? currency : "USD";
  const price = readAmount(values.price, unit, "the price", "100");
  if ("problem" in price) errors.price = price.problem;
  const bonus = values.bonus.trim()
    ? readAmount(values.bonus, unit, "the bonus", "10, or 0", {
      allowZero: true,
    })
    : { minor: 0 };
  if ("problem" in bonus) errors.bonus = bonus.problem;
  const order = values.order.trim() ? Number(values.order) : 0;
  if (!Number.isInteger(order) || order < 0 || order > 1000) {
    errors.order = "A whole number from 0 to 1000.";
  }
  return {
    errors,
    input: {
      currency: unit,
      priceMinor: "minor" in price ? price.minor : 0,
      bonusMinor: "minor" in bonus ? bonus.minor : 0,
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
