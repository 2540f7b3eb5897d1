/**
 * /admin/applications: the applications in one status, each list in the
 * order its heading says (pending: longest waiting first).
 */
import { define } from "@/web/define.ts";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  listApplications,
  QUEUE_ORDER,
  type QueuePage,
} from "@/services/applications/mod.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination } from "@/components/Pagination.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { SelectField } from "@/components/form/inputs.tsx";
import { formatInstant } from "@/web/format.ts";
import { formFailure } from "@/web/form_failure.ts";
import { STATUS_LABELS } from "@/web/application_wizard.ts";

interface QueueData {
  status: ApplicationStatus;
  applications: QueuePage["applications"];
  names: QueuePage["names"];
  nextCursor: string | null;
  paged: boolean;
  notice: string | null;
}

const PAGE_SIZE = 20;
const STATUS_OPTIONS = APPLICATION_STATUSES.map((status) => ({
  value: status,
  label: STATUS_LABELS[status],
}));

function readStatus(url: URL): ApplicationStatus {
  const status = url.searchParams.get("status") ?? "pending";
  return (APPLICATION_STATUSES as readonly string[]).includes(status)
    ? status as ApplicationStatus
    : "pending";
}

export const handler = define.handlers<QueueData>({
  async GET(_req, ctx) {
    const status = readStatus(ctx.url);
    const cursor = ctx.url.searchParams.get("cursor") ?? undefined;
    try {
      const page = await listApplications(ctx.state.kv, {
        status,
        cursor,
        limit: PAGE_SIZE,
      });
      return ctx.render({
        status,
        ...page,
        paged: Boolean(cursor),
        notice: null,
      });
    } catch (error) {
      // A tampered cursor is a bad request: show the first page instead.
      const failure = formFailure(error);
      const page = await listApplications(ctx.state.kv, {
        status,
        limit: PAGE_SIZE,
      });
      return ctx.render({
        status,
        ...page,
        paged: false,
        notice:
          "That page of results is no longer available; here is the first page.",
      }, { status: failure.status });
    }
  },
});

/** The review queue: applications by status, in each list's own order. */
export default define.page<typeof handler>(function ApplicationsQueue(
  { data },
) {
  const { status, applications, names, nextCursor, paged, notice } = data;
  const pageHref = (cursor?: string) => {
    const query = new URLSearchParams({ status });
    if (cursor) query.set("cursor", cursor);
    return `/admin/applications?${query}`;
  };
  return (
    <>
      {notice && <Notice tone="error">{notice}</Notice>}
      <Card title="Filter" id="filters">
        <form
          method="get"
          action="/admin/applications"
          class="flex flex-wrap items-end gap-4"
        >
          <SelectField
            name="status"
            label="Status"
            value={status}
            options={STATUS_OPTIONS}
          />
          <Button variant="secondary">Show</Button>
        </form>
      </Card>
      <Card title={`${STATUS_LABELS[status]} applications`} id="queue">
        <p class="text-sm text-slate-700">{orderNote(status)}</p>
        {applications.length === 0
          ? <p>No applications with this status.</p>
          : (
            <div class="overflow-x-auto">
              <table class="w-full text-left text-sm">
                <caption class="sr-only">
                  {`${STATUS_LABELS[status]} applications, ${
                    QUEUE_ORDER[status]
                  }`}
                </caption>
                <thead>
                  <tr class="border-b border-slate-200">
                    <th scope="col" class="py-2 pr-4">Applicant</th>
                    <th scope="col" class="py-2 pr-4">Headline</th>
                    <th scope="col" class="py-2 pr-4">Submitted</th>
                  </tr>
                </thead>
                <tbody>
                  {applications.map((application) => (
                    <tr
                      key={application.userId}
                      class="border-b border-slate-100 align-top"
                    >
                      <td class="py-2 pr-4">
                        <a
                          href={`/admin/applications/${application.userId}`}
                          class="font-semibold text-brand-800 underline"
                        >
                          {names[application.userId] ?? application.userId}
                        </a>
                        <span class="block text-slate-700">
                          {application.applicant?.email ??
                            "No account"}
                        </span>
                      </td>
                      <td class="py-2 pr-4">{application.headline ?? ""}</td>
                      <td class="py-2 pr-4 whitespace-nowrap">
                        {application.submittedAt
                          ? formatInstant(application.submittedAt)
                          : "Not yet"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        <Pagination
          nextHref={nextCursor ? pageHref(nextCursor) : null}
          firstHref={paged ? pageHref() : null}
        />
      </Card>
    </>
  );
});

/** The list's order, as a sentence under its heading. */
function orderNote(status: ApplicationStatus): string {
  const order = QUEUE_ORDER[status];
  return `${order[0].toUpperCase()}${order.slice(1)}.`;
}
