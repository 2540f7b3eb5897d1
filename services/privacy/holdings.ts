/**
 * What the platform holds about one user, gathered for their export.
 *
 * Each section reads the records another feature keeps under the user's id,
 * by the KV keys written at the top of that feature's store module (named
 * beside each read). Reading them here, rather than through each feature's
 * API, lets one module answer "what do we hold about this person", which is
 * the question the export and the erasure must answer completely; a feature
 * that adds a new kind of personal record adds its section here (or an
 * erasure step through `registerErasureStep`).
 *
 * Rule: nothing about anyone else beyond what the user already sees. The
 * other party of a conversation is named by the display name the user sees
 * there (never their email); text a moderator hid is left out; the ids of
 * admins who moderated are left out.
 */
import { getUser, listSecurityEvents } from "@/services/auth/mod.ts";
import {
  availableEarningsAccount,
  type Entry,
  frozenAccount,
  listAccountEntries,
  listBalances,
  payoutInFlightAccount,
  pendingEarningsAccount,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { getAcceptance } from "./store.ts";

/** One file of the export: a JSON document, or a stored file to copy. */
export type ExportPart =
  | { path: string; json: unknown }
  | { path: string; fileKey: string };

/** Values under `prefix`, in key order. */
export async function readPrefix<T = unknown>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
): Promise<T[]> {
  const values: T[] = [];
  for await (const entry of kv.list<T>({ prefix })) values.push(entry.value);
  return values;
}

/** The primary records an index under `prefix` points at (by its value). */
async function readIndexed<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  primary: string,
): Promise<T[]> {
  const records: T[] = [];
  for await (const entry of kv.list<string>({ prefix })) {
    const record = await kv.get<T>([primary, entry.value]);
    if (record.value !== null) records.push(record.value);
  }
  return records;
}

async function readOne(kv: Deno.Kv, key: Deno.KvKey): Promise<unknown> {
  return (await kv.get(key)).value;
}

interface StoredMessage {
  id: string;
  senderId: string;
  text: string;
  attachment: { name: string; fileKey: string } | null;
  hidden: unknown;
  [field: string]: unknown;
}

interface StoredConversation {
  id: string;
  learnerId: string;
  expertId: string;
  [field: string]: unknown;
}

/** The ids of the conversations `userId` is a party of. */
export async function conversationIdsOf(
  kv: Deno.Kv,
  userId: string,
): Promise<string[]> {
  // services/messaging/store.ts: ["conversation_activity", userId, activityId, conversationId]
  const ids = new Set<string>();
  for await (
    const entry of kv.list<string>({
      prefix: ["conversation_activity", userId],
    })
  ) {
    ids.add(entry.value);
  }
  return [...ids];
}

/** Stored file keys of the photos (every size) and documents the user uploaded. */
export async function uploadedFiles(
  kv: Deno.Kv,
  userId: string,
): Promise<{ path: string; fileKey: string }[]> {
  const files: { path: string; fileKey: string }[] = [];
  // services/applications/store.ts: ["applications", userId]; services/experts: ["experts", id]
  const application = await readOne(kv, ["applications", userId]) as
    | {
      documents?: { id: string; name: string; fileKey: string }[];
      photoFileKey?: string | null;
      fields?: { photoFileKey?: string | null };
    }
    | null;
  const expert = await readOne(kv, ["experts", userId]) as
    | { photoFileKey?: string | null }
    | null;
  for (const document of application?.documents ?? []) {
    files.push({
      path: `files/credentials/${document.id}-${safeName(document.name)}`,
      fileKey: document.fileKey,
    });
  }
  const photos = new Set(
    [
      application?.photoFileKey,
      application?.fields?.photoFileKey,
      expert?.photoFileKey,
    ].filter((key): key is string => typeof key === "string" && key !== ""),
  );
  for (const key of photos) {
    files.push({
      path: `files/photos/${key.split("/").pop()}.webp`,
      fileKey: key,
    });
  }
  for (const conversationId of await conversationIdsOf(kv, userId)) {
    for (
      const message of await readPrefix<StoredMessage>(kv, [
        "messages",
        conversationId,
      ])
    ) {
      if (message.senderId !== userId || !message.attachment) continue;
      files.push({
        path: `files/attachments/${message.id}-${
          safeName(message.attachment.name)
        }`,
        fileKey: message.attachment.fileKey,
      });
    }
  }
  return files;
}

/** A file name safe inside a ZIP: no folders, no control characters. */
function safeName(name: string): string {
  return name.replace(/[^\w.\- ]+/g, "_").slice(0, 100) || "file";
}

async function allEntries(kv: Deno.Kv, account: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAccountEntries(kv, account, { cursor, limit: 100 });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

async function allSecurityEvents(kv: Deno.Kv, userId: string) {
  const events = [];
  let cursor: string | undefined;
  do {
    const page = await listSecurityEvents(kv, { userId, cursor, limit: 100 });
    // What an admin or a stranger did to the account says where they were:
    // their address and browser are theirs, not the user's.
    events.push(
      ...page.events.map((event) =>
        event.actorId === userId ? event : { ...event, ip: "", userAgent: "" }
      ),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return events;
}

/** The user's conversations as they see them, one document each. */
async function conversations(
  kv: Deno.Kv,
  userId: string,
): Promise<ExportPart[]> {
  const parts: ExportPart[] = [];
  for (const id of await conversationIdsOf(kv, userId)) {
    const conversation = await readOne(kv, ["conversations", id]) as
      | StoredConversation
      | null;
    if (!conversation) continue;
    const otherId = conversation.learnerId === userId
      ? conversation.expertId
      : conversation.learnerId;
    const other = await getUser(kv, otherId);
    const messages = (await readPrefix<StoredMessage>(kv, ["messages", id]))
      .map((message) => ({
        id: message.id,
        from: message.senderId === userId ? "you" : "them",
        text: message.hidden && message.senderId !== userId
          ? "(hidden by a moderator)"
          : message.text,
        attachment: message.attachment ? message.attachment.name : null,
        createdAt: message.createdAt,
        editedAt: message.editedAt,
        deletedAt: message.deletedAt,
      }));
    parts.push({
      path: `messages/${id}.json`,
      json: {
        id,
        createdAt: conversation.createdAt,
        with: { name: other?.name ?? "Former member" },
        messages,
      },
    });
  }
  return parts;
}

interface StoredReview {
  moderation?: { action: string; note: string; at: string }[];
  [field: string]: unknown;
}

/** A review without the ids of the admins who moderated it. */
function ownReview(review: StoredReview) {
  return {
    ...review,
    moderation: (review.moderation ?? []).map(({ action, at }) => ({
      action,
      at,
    })),
  };
}

type StoredApplication =
  | { reviewerNotes?: { by?: string }[]; [field: string]: unknown }
  | null;

/** The application without the ids of the admins who reviewed it. */
function withoutReviewers(application: StoredApplication) {
  if (!application) return null;
  return {
    ...application,
    reviewerNotes: (application.reviewerNotes ?? []).map((
      { by: _by, ...note },
    ) => note),
  };
}

/** Every section of the export, in the order the README of the ZIP lists them. */
export async function gatherHoldings(
  kv: Deno.Kv,
  userId: string,
): Promise<ExportPart[]> {
  const user = await getUser(kv, userId);
  if (!user) return [];
  const ledgerAccounts = [
    walletAccount(userId),
    frozenAccount(userId),
    pendingEarningsAccount(userId),
    availableEarningsAccount(userId),
    payoutInFlightAccount(userId),
  ];
  const ledger = [];
  for (const account of ledgerAccounts) {
    const entries = await allEntries(kv, account);
    const balances = await listBalances(kv, account);
    if (entries.length > 0 || balances.length > 0) {
      ledger.push({ account, balances, entries });
    }
  }
  const parts: ExportPart[] = [
    {
      path: "account.json",
      json: {
        ...user,
        policyAcceptance: await getAcceptance(kv, userId),
        notificationPreferences: await readOne(kv, [
          "notification_prefs",
          userId,
        ]),
      },
    },
    // services/learners/keys.ts
    {
      path: "onboarding.json",
      json: {
        profile: await readOne(kv, ["learner_profiles", userId]),
        draft: await readOne(kv, ["learner_onboarding_drafts", userId]),
        // services/progress: ["learner_milestones", userId, goalId]
        milestones: await readPrefix(kv, ["learner_milestones", userId]),
        // services/saved_experts: ["saved_experts", userId]
        savedExperts: await readOne(kv, ["saved_experts", userId]),
      },
    },
    // services/applications, experts, offerings, availability, earnings
    {
      path: "expert.json",
      json: {
        application: withoutReviewers(
          await readOne(kv, ["applications", userId]) as StoredApplication,
        ),
        profile: await readOne(kv, ["experts", userId]),
        offerings: await readPrefix(kv, ["offerings", userId]),
        availability: await readOne(kv, ["availability", userId]),
        payoutAccount: await readOne(kv, ["payout_accounts", userId]),
        withdrawals: await readIndexed(
          kv,
          ["withdrawals_by_expert", userId],
          "withdrawals",
        ),
      },
    },
    // services/bookings/store.ts
    {
      path: "bookings.json",
      json: {
        asLearner: await readIndexed(
          kv,
          ["bookings_by_learner", userId],
          "bookings",
        ),
        asExpert: await readIndexed(
          kv,
          ["bookings_by_expert", userId],
          "bookings",
        ),
      },
    },
    ...await conversations(kv, userId),
    // services/reviews/store.ts
    {
      path: "reviews.json",
      json: {
        given: (await readIndexed<StoredReview>(
          kv,
          ["reviews_by_learner", userId],
          "reviews",
        )).map(ownReview),
        received: (await readIndexed<StoredReview>(
          kv,
          ["reviews_by_expert", userId],
          "reviews",
        )).map(ownReview),
      },
    },
    {
      path: "notifications.json",
      json: await readPrefix(kv, ["notifications", userId]),
    },
    // services/wallet and services/packages
    {
      path: "wallet.json",
      json: {
        topUps: await readIndexed(
          kv,
          ["top_ups_by_learner", userId],
          "top_ups",
        ),
        packages: await readIndexed(
          kv,
          ["packages_by_learner", userId],
          "packages",
        ),
      },
    },
    { path: "ledger.json", json: ledger },
    {
      path: "security_events.json",
      json: await allSecurityEvents(kv, userId),
    },
    // services/phones/store.ts
    { path: "phone.json", json: await readOne(kv, ["phones", userId]) },
    // services/social_login/store.ts
    {
      path: "linked_sign_ins.json",
      json: await readPrefix<Record<string, unknown>>(kv, [
        "social_identities_by_user",
        userId,
      ]),
    },
    ...await uploadedFiles(kv, userId),
  ];
  return parts;
}
