/**
 * The admin finance forms: deciding a withdrawal, the platform settings,
 * and the credit packs (add, change, take off sale).
 */
import { Button } from "@/components/Button.tsx";
import { Checkbox, SelectField, TextField } from "@/components/form/inputs.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import type { Withdrawal } from "@/services/earnings/mod.ts";
import type { CreditPack } from "@/services/wallet/mod.ts";
import { credits, currencyOptions, money } from "@/web/money_forms.ts";

/** A decision that was refused, kept to show beside its row. */
export interface Decision {
  withdrawalId: string;
  action: "approve" | "reject";
  note: string;
  error: string | null;
}

/** Approve (optional note) and reject (note required) for one request. */
export function WithdrawalDecisions(
  { withdrawal, decision }: {
    withdrawal: Withdrawal;
    decision: Decision | null;
  },
) {
  const form = (action: "approve" | "reject") => {
    const mine = decision?.action === action ? decision : null;
    const approve = action === "approve";
    return (
      <form
        method="post"
        action="/admin/finance/withdrawals"
        noValidate
        class="space-y-3 rounded-lg border border-slate-200 p-3"
      >
        <input type="hidden" name="action" value={action} />
        <input type="hidden" name="withdrawalId" value={withdrawal.id} />
        <TextField
          id={`${action}-note-${withdrawal.id}`}
          name="note"
          label={approve ? "Note for the expert" : "Why it is rejected"}
          required={!approve}
          value={mine?.note ?? ""}
          error={mine?.error ?? undefined}
          maxLength={1000}
        />
        <Button variant={approve ? "primary" : "secondary"} size="sm">
          {approve
            ? `Approve and pay ${
              money(withdrawal.amountMinor, withdrawal.currency)
            }`
            : "Reject"}
        </Button>
      </form>
    );
  };
  return (
    <div class="grid gap-3 sm:grid-cols-2">
      {form("approve")}
      {form("reject")}
    </div>
  );
}

export const PACK_FIELDS = [
  "currency",
  "price",
  "bonus",
  "order",
  "active",
] as const;
export type PackField = typeof PACK_FIELDS[number];

/** A pack form's state: the values shown and any errors. */
export interface PackForm {
  /** The pack's id, or "new" for the add form. */
  packId: string;
  values: Record<PackField, string>;
  errors: Partial<Record<PackField, string>>;
}

/** The fields of one pack's form (add or edit). */
function PackFields({ form }: { form: PackForm }) {
  const id = (name: string) => `pack-${form.packId}-${name}`;
  const isNew = form.packId === "new";
  return (
    <div class="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {isNew
        ? (
          <SelectField
            id={id("currency")}
            name="currency"
            label="Currency"
            value={form.values.currency}
            error={form.errors.currency}
            options={currencyOptions()}
          />
        )
        : <input type="hidden" name="currency" value={form.values.currency} />}
      <TextField
        id={id("price")}
        name="price"
        label="Price"
        required
        inputMode="decimal"
        value={form.values.price}
        error={form.errors.price}
      />
      <TextField
        id={id("bonus")}
        name="bonus"
        label="Bonus"
        optional={false}
        inputMode="decimal"
        value={form.values.bonus}
        error={form.errors.bonus}
      />
      <TextField
        id={id("order")}
        name="order"
        label="Order"
        optional={false}
        inputMode="numeric"
        value={form.values.order}
        error={form.errors.order}
      />
      <div class="col-span-2 sm:col-span-4">
        <Checkbox
          id={id("active")}
          name="active"
          value="on"
          label="On sale"
          checked={form.values.active === "on"}
        />
      </div>
    </div>
  );
}

/** A pack in one line: what it costs and gives, and whether it is on sale. */
function PackSummary({ pack }: { pack: CreditPack }) {
  return (
    <>
      {pack.currency} {money(pack.priceMinor, pack.currency)}{" "}
      <span class="font-normal text-slate-700">
        · {credits(pack.creditMinor + pack.bonusMinor, pack.currency)} ·{" "}
        {pack.active ? "on sale" : "off sale"}
      </span>
    </>
  );
}

/**
 * Every pack in a line with an "Edit" link; the pack being edited (`?edit=`,
 * or a refused save) opens as a form in its place. A form to add one below.
 */
export function PackForms(
  { packs, forms }: {
    packs: CreditPack[];
    /** The open forms, by pack id, and "new". */
    forms: Record<string, PackForm>;
  },
) {
  return (
    <>
      <ul class="divide-y divide-slate-200">
        {packs.map((pack) => {
          const form = forms[pack.id];
          return (
            <li key={pack.id} id={`pack-${pack.id}`} class="py-3">
              {form
                ? (
                  <form
                    method="post"
                    action={`/admin/settings#pack-${pack.id}`}
                    noValidate
                    class="space-y-3"
                  >
                    <input type="hidden" name="action" value="pack" />
                    <input type="hidden" name="packId" value={pack.id} />
                    <Fieldset
                      id={`pack-${pack.id}-group`}
                      legend={<PackSummary pack={pack} />}
                    >
                      <PackFields form={form} />
                    </Fieldset>
                    <div class="flex flex-wrap items-center gap-3">
                      <Button size="sm">Save pack</Button>
                      <a
                        href="/admin/settings#packs"
                        class="text-sm font-medium text-brand-800 underline"
                      >
                        Cancel
                      </a>
                    </div>
                  </form>
                )
                : (
                  <div class="flex flex-wrap items-center justify-between gap-2">
                    <p class="text-sm font-semibold text-slate-900">
                      <PackSummary pack={pack} />
                    </p>
                    <a
                      href={`/admin/settings?edit=${pack.id}#pack-${pack.id}`}
                      class="text-sm font-medium text-brand-800 underline"
                      aria-label={`Edit the ${pack.currency} ${
                        money(pack.priceMinor, pack.currency)
                      } pack`}
                    >
                      Edit
                    </a>
                  </div>
                )}
            </li>
          );
        })}
      </ul>
      <form
        method="post"
        action="/admin/settings#new-pack"
        noValidate
        class="space-y-3"
        id="new-pack"
      >
        <input type="hidden" name="action" value="pack" />
        <input type="hidden" name="packId" value="new" />
        <Fieldset id="pack-new-group" legend="Add a pack" size="base">
          <PackFields form={forms.new} />
        </Fieldset>
        <Button size="sm">Add pack</Button>
      </form>
    </>
  );
}
