/**
 * Reading and changing the platform settings.
 *
 * KV keys
 *   ["settings", "platform"] → Settings   the whole set; absent until first changed
 *
 * A change is checked against the version it was based on and written with
 * its audit event in one atomic operation, so two admins editing at once
 * never silently overwrite each other and no change goes unrecorded.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { ConflictError, parseInput } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  settingsSchema,
} from "./model.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";

const SETTINGS_KEY = ["settings", "platform"] as const;

/**
 * The settings this process read or wrote last, for the few synchronous
 * callers that cannot read KV (a best-effort fallback when clearing the
 * reminders of bookings made before bookings kept their own hours). One
 * database per process in production.
 */
let lastSeen: Settings = DEFAULT_SETTINGS;

async function readSettings(
  kv: Deno.Kv,
): Promise<{ settings: Settings; versionstamp: string | null }> {
  const entry = await kv.get<Partial<Settings>>(SETTINGS_KEY);
  // Settings added in a later release take their default until changed.
  const merged = settingsSchema.safeParse({
    ...DEFAULT_SETTINGS,
    ...entry.value,
  });
  lastSeen = merged.success ? merged.data : DEFAULT_SETTINGS;
  return { settings: lastSeen, versionstamp: entry.versionstamp };
}

/** The settings last read or written by this process (see `lastSeen`). */
export function lastSeenSettings(): Settings {
  return lastSeen;
}

/** The settings in force. */
export async function getSettings(kv: Deno.Kv): Promise<Settings> {
  return (await readSettings(kv)).settings;
}

/**
 * Applies an admin's change (only the fields given) and records who changed
 * what. Bad values are a ValidationError naming the field.
 */
export async function updateSettings(
  kv: Deno.Kv,
  adminId: string,
  patch: SettingsPatch,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<Settings> {
  const changes = parseInput(
    settingsPatchSchema,
    patch,
    "The settings are invalid.",
  );
  if (changes.reminderHoursBefore) {
    changes.reminderHoursBefore = [...changes.reminderHoursBefore].sort((
      a,
      b,
    ) => b - a);
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const { settings, versionstamp } = await readSettings(kv);
    const next = parseInput(
      settingsSchema,
      { ...settings, ...changes },
      "The settings are invalid.",
    );
    const details: Record<string, string> = {};
    for (const [field, value] of Object.entries(changes)) {
      const before = settings[field as keyof Settings];
      // Compared as text so a list with the same hours is no change.
      if (String(before) !== String(value)) {
        details[field] = `${before} → ${value}`;
      }
    }
    if (Object.keys(details).length === 0) return settings;
    const op = kv.atomic()
      .check({ key: SETTINGS_KEY, versionstamp })
      .set(SETTINGS_KEY, next);
    stagePublicChange(op);
    addSecurityEvent(op, {
      type: "settings_changed",
      actorId: adminId,
      userId: null,
      details,
    }, meta);
    if ((await withLockRetry(() => op.commit())).ok) {
      lastSeen = next;
      return next;
    }
  }
  throw new ConflictError("The settings changed meanwhile; try again.");
}
