/**
 * Which channels a user wants for each kind of notification: in the app and
 * by email are stored here (["notification_prefs", userId], only what the
 * user changed, so a new kind starts at its default); texts are only ever
 * sent for reminders, and that switch is the phone record's `smsReminders`
 * (services/phones): one source of truth, shown and changed here as
 * `booking_reminder.sms`, and on the phone page as "text reminders".
 */
import { getPhoneState, setSmsReminders } from "@/services/phones/mod.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  defaultChannels,
  NOTIFICATION_KINDS,
  NOTIFICATION_TYPES,
  type NotificationType,
  type Preferences,
  type PreferencesInput,
  preferencesInputSchema,
  type PreferencesState,
  type StoredPreferences,
  storedPreferencesSchema,
} from "./model.ts";

const prefsKey = (userId: string): Deno.KvKey => [
  "notification_prefs",
  userId,
];

async function readStored(
  kv: Deno.Kv,
  userId: string,
): Promise<
  {
    key: Deno.KvKey;
    versionstamp: string | null;
    value: StoredPreferences | null;
  }
> {
  const entry = await kv.get(prefsKey(userId));
  const parsed = storedPreferencesSchema.safeParse(entry.value);
  return {
    key: entry.key,
    versionstamp: entry.versionstamp,
    value: parsed.success ? parsed.data : null,
  };
}

function channelsOf(
  stored: StoredPreferences | null,
  type: NotificationType,
): { inApp: boolean; email: boolean } {
  return { ...defaultChannels(type), ...stored?.[type] };
}

/** The user's choices for every kind, and whether texts can be turned on. */
export async function getPreferences(
  kv: Deno.Kv,
  userId: string,
): Promise<PreferencesState> {
  const [stored, phone] = await Promise.all([
    readStored(kv, userId),
    getPhoneState(kv, userId),
  ]);
  const preferences = Object.fromEntries(
    NOTIFICATION_TYPES.map((type) => [type, {
      ...channelsOf(stored.value, type),
      sms: NOTIFICATION_KINDS[type].sms ? phone.smsReminders : null,
    }]),
  ) as Preferences;
  return { preferences, smsAvailable: phone.number !== null };
}

/**
 * Changes the kinds `input` names (what it leaves out stays). Texts for a
 * kind never texted are refused (400); turning reminder texts on without a
 * verified number is the phones feature's 409.
 */
export async function setPreferences(
  kv: Deno.Kv,
  userId: string,
  input: PreferencesInput,
): Promise<PreferencesState> {
  const changes = parseInput(
    preferencesInputSchema,
    input,
    "These notification settings are invalid.",
  );
  const errors: Record<string, string[]> = {};
  let sms: boolean | undefined;
  for (const type of NOTIFICATION_TYPES) {
    const wanted = changes[type]?.sms;
    if (wanted === undefined || wanted === null) continue;
    if (!NOTIFICATION_KINDS[type].sms) {
      if (wanted) {
        errors[`${type}.sms`] = [
          "Text messages are only sent for session reminders.",
        ];
      }
      continue;
    }
    sms = wanted;
  }
  if (Object.keys(errors).length > 0) {
    throw new ValidationError(
      "These notification settings are invalid.",
      errors,
    );
  }
  if (sms !== undefined) {
    await setSmsReminders(kv, userId, { smsReminders: sms });
  }
  await untilCommitted(async () => {
    const stored = await readStored(kv, userId);
    const next: StoredPreferences = { ...stored.value };
    for (const type of NOTIFICATION_TYPES) {
      const { inApp, email } = changes[type] ?? {};
      if (inApp === undefined && email === undefined) continue;
      next[type] = {
        ...next[type],
        ...(inApp === undefined ? {} : { inApp }),
        ...(email === undefined ? {} : { email }),
      };
    }
    const ok = (await kv.atomic().check(stored).set(prefsKey(userId), next)
      .commit()).ok;
    return ok ? true : RETRY;
  });
  return await getPreferences(kv, userId);
}

/** Whether `userId` wants `type` in the app. */
export async function wantsInApp(
  kv: Deno.Kv,
  userId: string,
  type: NotificationType,
): Promise<boolean> {
  return channelsOf((await readStored(kv, userId)).value, type).inApp;
}

/** Whether `userId` wants `type` by email (senders ask before sending). */
export async function wantsEmail(
  kv: Deno.Kv,
  userId: string,
  type: NotificationType,
): Promise<boolean> {
  return channelsOf((await readStored(kv, userId)).value, type).email;
}
