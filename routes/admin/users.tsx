import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import type { PublicUser, Role, UserStatus } from "@/services/auth/mod.ts";
import { listUsers } from "@/services/auth/mod.ts";
import { StatusForm } from "@/components/admin/UserDetail.tsx";
import { reactivateAccount, suspendAccount } from "@/services/experts/mod.ts";
import { switchAccountRole } from "@/services/applications/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination } from "@/components/Pagination.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formatInstant } from "@/web/format.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";

interface Filters {
  q: string;
  role: Role | "";
  status: UserStatus | "";
}

interface UsersData {
  filters: Filters;
  users: PublicUser[];
  nextCursor: string | null;
  /** Whether this is a later page (so "Back to first page" shows). */
  paged: boolean;
  notice: { tone: "success" | "error"; text: string } | null;
}

const PAGE_SIZE = 25;
const ROLE_OPTIONS = [
  { value: "", label: "Any role" },
  { value: "learner", label: "Learners" },
  { value: "expert", label: "Experts" },
  { value: "admin", label: "Admins" },
] as const;
const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "suspended", label: "Suspended" },
] as const;
const DONE: Record<string, string> = {
  suspended:
    "The account is suspended, its sessions have ended, and the reason was emailed to them.",
  reactivated: "The account is active again.",
  made_expert:
    "The account is now an expert's; its sessions have ended, so they log in again. A profile hidden when they became a learner stays hidden until you republish it from their application.",
  made_learner:
    "The account is now a learner's; its sessions have ended, so they log in again. A public profile they had is hidden, and they were emailed why.",
};

/** The role the switch offers: the other of learner and expert. */
function otherRole(role: "learner" | "expert"): "learner" | "expert" {
  return role === "learner" ? "expert" : "learner";
}

/** Filters from the query; unknown values are ignored, not errors. */
function readFilters(url: URL): Filters {
  const query = url.searchParams;
  const role = query.get("role") ?? "";
  const status = query.get("status") ?? "";
  return {
    q: (query.get("q") ?? "").trim().slice(0, 100),
    role: ROLE_OPTIONS.some((o) => o.value === role) ? role as Role : "",
    status: STATUS_OPTIONS.some((o) => o.value === status)
      ? status as UserStatus
      : "",
  };
}

/** The listing's address for these filters (and cursor). */
function listHref(filters: Filters, cursor?: string): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.role) query.set("role", filters.role);
  if (filters.status) query.set("status", filters.status);
  if (cursor) query.set("cursor", cursor);
  const search = query.toString();
  return search ? `/admin/users?${search}` : "/admin/users";
}

async function usersPage(
  ctx: { state: AppState; url: URL },
  notice: UsersData["notice"],
): Promise<UsersData> {
  const filters = readFilters(ctx.url);
  const cursor = ctx.url.searchParams.get("cursor") ?? undefined;
  const { users, nextCursor } = await listUsers(ctx.state.kv, {
    q: filters.q || undefined,
    role: filters.role || undefined,
    status: filters.status || undefined,
    cursor,
    limit: PAGE_SIZE,
  });
  return { filters, users, nextCursor, paged: Boolean(cursor), notice };
}

export const handler = define.handlers<UsersData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    try {
      return ctx.render(
        await usersPage(ctx, done ? { tone: "success", text: done } : null),
      );
    } catch (error) {
      // A tampered cursor is a bad request, not a server error.
      const failure = formFailure(error);
      ctx.url.searchParams.delete("cursor");
      return ctx.render(
        await usersPage(ctx, {
          tone: "error",
          text:
            "That page of results is no longer available; here is the first page.",
        }),
        failureInit(failure),
      );
    }
  },

  async POST(req, ctx) {
    const { action, userId, role, back, reason } = readFields(
      await readForm(req),
      ["action", "userId", "role", "back", "reason"],
    );
    const admin = requireUser(ctx.state);
    const returnTo = safeNextPath(back);
    const listing = returnTo?.startsWith("/admin/users")
      ? new URL(returnTo, ctx.url)
      : new URL("/admin/users", ctx.url);
    listing.searchParams.delete("done");
    let done: string;
    try {
      if (action === "suspend") {
        await suspendAccount(
          ctx.state.kv,
          admin.id,
          userId,
          requestMeta(ctx),
          reason,
        );
        done = "suspended";
      } else if (action === "reactivate") {
        await reactivateAccount(
          ctx.state.kv,
          admin.id,
          userId,
          requestMeta(ctx),
        );
        done = "reactivated";
      } else if (action === "role") {
        // The flow refuses anything but learner or expert (a 400 below).
        const changed = await switchAccountRole(
          ctx.state.kv,
          admin.id,
          userId,
          role as "learner" | "expert",
          requestMeta(ctx),
        );
        done = `made_${changed.role}`;
      } else {
        return ctx.render(
          await usersPage(ctx, {
            tone: "error",
            text: "That action isn't available.",
          }),
          { status: 400 },
        );
      }
    } catch (error) {
      const notFound = error instanceof NotFoundError;
      const failure = notFound ? null : formFailure(error);
      return ctx.render(
        await usersPage(ctx, {
          tone: "error",
          text: notFound
            ? "There is no such user."
            : failure!.message ?? Object.values(failure!.errors)[0] ??
              "That action failed.",
        }),
        failure ? failureInit(failure) : { status: 404 },
      );
    }
    listing.searchParams.set("done", done);
    return seeOther(listing.pathname + listing.search);
  },
});

export default define.page<typeof handler>(function AdminUsers(
  { data, state, url },
) {
  const { filters, users, nextCursor, paged, notice } = data;
  const admin = requireUser(state);
  const back = url.pathname + url.search;
  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <Card title="Find users" id="filters">
        <form
          method="get"
          action="/admin/users"
          class="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
        >
          <TextField
            name="q"
            type="search"
            label="Name or email"
            value={filters.q}
          />
          <SelectField
            name="role"
            label="Role"
            value={filters.role}
            options={ROLE_OPTIONS}
          />
          <SelectField
            name="status"
            label="Status"
            value={filters.status}
            options={STATUS_OPTIONS}
          />
          <Button>Search</Button>
        </form>
      </Card>
      <Card title={`Users${users.length ? "" : ": none found"}`} id="users">
        <ul class="divide-y divide-slate-200">
          {users.map((user) => (
            <li
              key={user.id}
              class="flex flex-wrap items-start justify-between gap-3 py-3"
            >
              <div class="min-w-0">
                <p class="font-semibold text-slate-900">
                  <a
                    class="underline"
                    href={`/admin/users/${encodeURIComponent(user.id)}`}
                  >
                    {user.name}
                  </a>
                </p>
                <p class="text-sm break-all text-slate-700">{user.email}</p>
                <p class="text-sm text-slate-700">
                  {`${user.role} · ${user.status}${
                    user.twoFactorEnabled ? " · 2FA on" : ""
                  } · joined ${formatInstant(user.createdAt)}`}
                </p>
              </div>
              <div class="flex flex-col items-start gap-2 sm:items-end">
                {user.id !== admin.id && (
                  <details class="text-sm">
                    <summary class="cursor-pointer font-semibold text-brand-800 underline">
                      {user.status === "active" ? "Suspend…" : "Reactivate…"}
                      <span class="sr-only">{` ${user.name}`}</span>
                    </summary>
                    <div class="mt-2 max-w-xs">
                      <StatusForm
                        user={user}
                        action="/admin/users"
                        back={back}
                        confirming
                      />
                    </div>
                  </details>
                )}
                {user.role !== "admin" && (
                  <RoleSwitch user={user} role={user.role} back={back} />
                )}
              </div>
            </li>
          ))}
        </ul>
        <Pagination
          nextHref={nextCursor ? listHref(filters, nextCursor) : null}
          firstHref={paged ? listHref(filters) : null}
          label="User list pages"
        />
      </Card>
    </>
  );
});

/**
 * The learner ↔ expert switch for one account, behind a confirmation like
 * the suspend form. Admin accounts never get one: admins come only from
 * ADMIN_EMAIL.
 */
function RoleSwitch(
  { user, role, back }: {
    user: PublicUser;
    role: "learner" | "expert";
    back: string;
  },
) {
  const to = otherRole(role);
  const article = to === "expert" ? "an" : "a";
  return (
    <details class="text-sm">
      <summary class="cursor-pointer font-semibold text-brand-800 underline">
        {`Make ${to}…`}
        <span class="sr-only">{` ${user.name}`}</span>
      </summary>
      <form method="post" action="/admin/users" class="mt-2 max-w-xs space-y-2">
        <p>
          {`Make ${user.name} ${article} ${to} instead of ${
            role === "expert" ? "an" : "a"
          } ${role}? They are logged out everywhere at once and log in again as ${article} ${to}.`}
        </p>
        {role === "expert" && (
          <p class="font-semibold text-amber-900">
            Their public profile, if they have one, is hidden at once and they
            are emailed why. It stays hidden if they become an expert again,
            until you republish it from their application.
          </p>
        )}
        <input type="hidden" name="action" value="role" />
        <input type="hidden" name="role" value={to} />
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="back" value={back} />
        <Button variant="secondary">
          {`Yes, make ${user.name} ${article} ${to}`}
        </Button>
      </form>
    </details>
  );
}
