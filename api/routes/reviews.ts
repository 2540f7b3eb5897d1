/**
 * Reviews: an expert's visible reviews (public, newest first, paged), the
 * learner's review of a completed booking and its 48-hour edit, the
 * expert's one reply, reports by any signed-in user, and the admins'
 * moderation queue with hide and restore. Ids of objects that are not the
 * caller's answer 404 whatever the body, so required fields of those
 * bodies are checked after the object is found.
 */
import { z } from "zod";
import {
  adminWithTwoFactor,
  owned,
  publicAccess,
  role,
  signedIn,
} from "@/auth/policy.ts";
import { getPublishedExpert, ratingSchema } from "@/services/experts/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import {
  adminReview,
  adminReviewSchema,
  bookingReviewFor,
  editReview,
  editReviewSchema,
  listExpertReviews,
  listModerationQueue,
  moderateReview,
  MODERATION_QUEUES,
  moderationRequestSchema,
  ownReviewSchema,
  publicReviewSchema,
  replyRequestSchema,
  replyToReview,
  reportRequestSchema,
  reportReview,
  toOwnReview,
  toPublicReview,
  writeReview,
  writeReviewSchema,
} from "@/services/reviews/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";

const learner = role("learner");
const admin = adminWithTwoFactor;
const bookingParams = z.object({
  id: idParam("booking", "The booking's id."),
});
const expertParams = z.object({
  id: idParam("expert", "The expert's id."),
});
const reviewParams = z.object({
  id: idParam("review", "The review's id."),
});
const nextCursor = z.string().nullable().describe(
  "Pass as `cursor` for the next page; null on the last page.",
);
const ownReviewResponse = z.object({ review: ownReviewSchema });
const adminReviewResponse = z.object({ review: adminReviewSchema });

const listRoute = defineRoute({
  method: "get",
  path: "/experts/{id}/reviews",
  operationId: "listExpertReviews",
  summary: "An expert's reviews, newest first, with the rating they make",
  description:
    "Only visible reviews; a hidden one is out of the list and out of the rating.",
  "x-access": publicAccess,
  request: { params: expertParams, query: pageQuerySchema },
  responses: {
    200: json(
      "One page of reviews, and the expert's rating over all of them.",
      z.object({
        rating: ratingSchema,
        reviews: z.array(publicReviewSchema),
        nextCursor,
      }),
    ),
    404: errorDoc("No published expert has this id."),
  },
});

const stateRoute = defineRoute({
  method: "get",
  path: "/bookings/{id}/review",
  operationId: "getBookingReview",
  summary: "The review of one of the caller's sessions, and what may be done",
  "x-access": owned(
    role("learner"),
    "the caller is the booking's learner",
  ),
  request: { params: bookingParams },
  responses: {
    200: json(
      "The review (null until written) and what the learner may do now.",
      z.object({
        review: ownReviewSchema.nullable(),
        canWrite: z.boolean(),
        canEdit: z.boolean(),
        closesAt: z.iso.datetime().describe(
          "The last moment the session can be reviewed (14 days after its end).",
        ),
      }),
    ),
    404: errorDoc("The caller has no booking with this id."),
  },
});

const writeRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/review",
  operationId: "reviewBooking",
  summary: "Rate a completed session: 1 to 5 stars and optional words",
  description:
    "Once per booking, within 14 days of the session's end. The expert's rating and review count change in the same commit.",
  "x-access": owned(learner, "the caller is the booking's learner"),
  request: { params: bookingParams, body: jsonBody(writeReviewSchema) },
  responses: {
    201: json("The review, public at once.", ownReviewResponse),
    404: errorDoc("The caller has no booking with this id."),
    409: errorDoc(
      "The session is not completed, its window has closed, or it is already reviewed (error: conflict).",
    ),
  },
});

const editRoute = defineRoute({
  method: "patch",
  path: "/reviews/{id}",
  operationId: "editReview",
  summary: "Change your review's stars or words, within 48 hours",
  "x-access": owned(learner, "the review is the caller's"),
  request: { params: reviewParams, body: jsonBody(editReviewSchema) },
  responses: {
    200: json("The changed review.", ownReviewResponse),
    404: errorDoc("The caller wrote no review with this id."),
    409: errorDoc(
      "The 48 hours have passed, or a moderator hid it (error: conflict).",
    ),
  },
});

const replyRoute = defineRoute({
  method: "post",
  path: "/reviews/{id}/reply",
  operationId: "replyToReview",
  summary: "Reply to a review of your session, once",
  description: "The reply is public at once and cannot be changed.",
  "x-access": owned(
    role("expert"),
    "the review is of one of the caller's sessions",
  ),
  request: { params: reviewParams, body: jsonBody(replyRequestSchema) },
  responses: {
    200: json(
      "The review with its reply.",
      z.object({
        review: publicReviewSchema,
      }),
    ),
    404: errorDoc("No review of the caller's sessions has this id."),
    409: errorDoc("Already replied, or hidden (error: conflict)."),
  },
});

const reportRoute = defineRoute({
  method: "post",
  path: "/reviews/{id}/report",
  operationId: "reportReview",
  summary: "Report a review to the moderators",
  description:
    "Once per review per user; a few reports per hour in all. The review stays up until an admin decides.",
  "x-access": signedIn,
  request: { params: reviewParams, body: jsonBody(reportRequestSchema) },
  responses: {
    201: noBodyStatus("Reported."),
    404: errorDoc("No visible review has this id."),
    409: errorDoc(
      "Already reported by the caller, or the caller's own review (error: conflict).",
    ),
    429: rateLimited("Too many reports"),
  },
});

function noBodyStatus(description: string) {
  return json(description, z.object({ reported: z.literal(true) }));
}

const queueRoute = defineRoute({
  method: "get",
  path: "/admin/reviews",
  operationId: "adminListReviews",
  summary: "The moderation queue: reported (default) or hidden reviews",
  "x-access": admin,
  request: {
    query: z.object({
      status: z.enum(MODERATION_QUEUES).default("reported"),
      ...pageQuerySchema.shape,
    }),
  },
  responses: {
    200: json(
      "One page of reviews, newest first, each with its open reports.",
      z.object({ reviews: z.array(adminReviewSchema), nextCursor }),
    ),
  },
});

function moderationRoute(action: "hide" | "restore") {
  return defineRoute({
    method: "post",
    path: `/admin/reviews/{id}/${action}`,
    operationId: action === "hide" ? "hideReview" : "restoreReview",
    summary: action === "hide"
      ? "Hide a review: off the profile and out of the rating"
      : "Restore a hidden review, or keep a reported one",
    description:
      "The note is required: it is audited and emailed to the author when the review's visibility changes.",
    "x-access": admin,
    request: { params: reviewParams, body: jsonBody(moderationRequestSchema) },
    responses: {
      200: json("The review after the decision.", adminReviewResponse),
      404: errorDoc("No review has this id."),
      409: errorDoc(
        action === "hide"
          ? "Already hidden (error: conflict)."
          : "Visible with no open reports: nothing to restore (error: conflict).",
      ),
    },
  });
}
const hideRoute = moderationRoute("hide");
const restoreRoute = moderationRoute("restore");

/** Defines the review operations on `api`. */
export function reviewRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const { kv } = c.env;
    const expert = await getPublishedExpert(kv, c.req.valid("param").id);
    if (!expert) throw new NotFoundError("No published expert has this id.");
    const page = await listExpertReviews(kv, expert.id, c.req.valid("query"));
    return c.json({
      rating: expert.rating,
      reviews: page.items,
      nextCursor: page.nextCursor,
    }, 200);
  });

  api.openapi(stateRoute, async (c) => {
    const user = currentUser(c);
    const { booking, state } = await bookingReviewFor(
      c.env.kv,
      user.id,
      c.req.valid("param").id,
    );
    if (booking.learnerId !== user.id) {
      throw new NotFoundError("You have no booking with this id.");
    }
    return c.json({
      review: state.review && toOwnReview(state.review),
      canWrite: state.canWrite,
      canEdit: state.canEdit,
      closesAt: state.closesAt,
    }, 200);
  });

  api.openapi(writeRoute, async (c) => {
    const review = await writeReview(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ review: toOwnReview(review) }, 201);
  });

  api.openapi(editRoute, async (c) => {
    const review = await editReview(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ review: toOwnReview(review) }, 200);
  });

  api.openapi(replyRoute, async (c) => {
    const review = await replyToReview(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ review: toPublicReview(review) }, 200);
  });

  api.openapi(reportRoute, async (c) => {
    await reportReview(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ reported: true as const }, 201);
  });

  api.openapi(queueRoute, async (c) => {
    const { status, ...paging } = c.req.valid("query");
    const page = await listModerationQueue(c.env.kv, status, paging);
    return c.json({ reviews: page.items, nextCursor: page.nextCursor }, 200);
  });

  for (
    const [route, action] of [[hideRoute, "hide"], [
      restoreRoute,
      "restore",
    ]] as const
  ) {
    api.openapi(route, async (c) => {
      const id = c.req.valid("param").id;
      await moderateReview(
        c.env.kv,
        currentUser(c),
        id,
        action,
        c.req.valid("json"),
        c.env.meta,
      );
      return c.json({ review: await adminReview(c.env.kv, id) }, 200);
    });
  }
}
