/**
 * The expert's hours: weekly periods, dates with other hours or days off,
 * breaks around sessions, notice, how far ahead, a daily limit, the pause
 * switch and the time zone they are all on. A rejected form comes back with
 * what was typed and a message beside each field or row.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { firstErrors } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { AvailabilityForm } from "@/components/bookings/AvailabilityForm.tsx";
import {
  type AvailabilityForm as FormState,
  formOf,
  placeErrors,
  readAvailabilityForm,
} from "@/components/bookings/availability_form.ts";
import {
  getAvailabilityEntry,
  saveAvailability,
} from "@/services/availability/mod.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";

interface AvailabilityData {
  form: FormState;
  saved: boolean;
}

export const handler = define.handlers<AvailabilityData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const { availability } = await getAvailabilityEntry(ctx.state.kv, user.id);
    return ctx.render({
      form: formOf(availability),
      saved: ctx.url.searchParams.get("saved") === "1",
    });
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { input, form, rowOf } = readAvailabilityForm(await readForm(req));
    try {
      await saveAvailability(ctx.state.kv, user.id, input);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = placeErrors(error.fieldErrors, rowOf);
        if (Object.keys(errors).length === 0) {
          Object.assign(errors, firstErrors(error.fieldErrors));
        }
        return ctx.render({ form: { ...form, errors }, saved: false }, {
          status: 400,
        });
      }
      if (error instanceof ConflictError) {
        return ctx.render({
          form: { ...form, errors: { form: error.message } },
          saved: false,
        }, { status: 409 });
      }
      throw error;
    }
    return seeOther("/expert/availability?saved=1");
  },
});

export default define.page<typeof handler>(function AvailabilityPage(
  { data },
) {
  return (
    <Card id="availability" title="Your availability">
      <p>
        Learners can book the times you open here, in their own time zone.
        Sessions already booked stay as they are when you change your hours.
      </p>
      <AvailabilityForm form={data.form} saved={data.saved} />
      <p>
        Busy in another calendar?{" "}
        <a
          href="/expert/availability/calendars"
          class="font-medium text-brand-800 underline"
        >
          Link your Google, Outlook or Apple calendar
        </a>{" "}
        so learners cannot book those times.
      </p>
    </Card>
  );
});
