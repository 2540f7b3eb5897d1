/**
 * Platform settings (the commission, top-up limits, the refund window, the
 * smallest withdrawal) and credit packs, as admins manage them. Every
 * change is audited by the services.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  getSettings,
  settingsPatchSchema,
  settingsSchema,
  updateSettings,
} from "@/services/settings/mod.ts";
import {
  createCreditPack,
  creditPackInputSchema,
  creditPackSchema,
  listCreditPacks,
  updateCreditPack,
} from "@/services/wallet/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const admin = adminWithTwoFactor;
const settingsResponse = z.object({ settings: settingsSchema });
const packResponse = z.object({ pack: creditPackSchema });

const getSettingsRoute = defineRoute({
  method: "get",
  path: "/admin/settings",
  operationId: "adminGetSettings",
  summary: "The platform settings in force",
  "x-access": admin,
  responses: { 200: json("Current values.", settingsResponse) },
});

const putSettingsRoute = defineRoute({
  method: "put",
  path: "/admin/settings",
  operationId: "adminUpdateSettings",
  summary: "Change platform settings (only the fields sent)",
  description:
    "The commission applies to bookings made after the change; each booking records the rate in force when it was made.",
  "x-access": admin,
  request: { body: jsonBody(settingsPatchSchema) },
  responses: { 200: json("The settings now in force.", settingsResponse) },
});

const listPacksRoute = defineRoute({
  method: "get",
  path: "/admin/credit-packs",
  operationId: "adminListCreditPacks",
  summary: "Every credit pack, inactive ones included",
  "x-access": admin,
  responses: {
    200: json(
      "By currency and size.",
      z.object({
        packs: z.array(creditPackSchema),
      }),
    ),
  },
});

const createPackRoute = defineRoute({
  method: "post",
  path: "/admin/credit-packs",
  operationId: "adminCreateCreditPack",
  summary: "Add a credit pack",
  "x-access": admin,
  request: { body: jsonBody(creditPackInputSchema) },
  responses: { 201: json("The new pack.", packResponse) },
});

const updatePackRoute = defineRoute({
  method: "put",
  path: "/admin/credit-packs/{id}",
  operationId: "adminUpdateCreditPack",
  summary: "Change a credit pack (or take it off sale)",
  "x-access": admin,
  request: {
    params: z.object({ id: idParam("credit pack", "The pack's id.") }),
    body: jsonBody(creditPackInputSchema),
  },
  responses: {
    200: json("The pack as it is now.", packResponse),
    404: errorDoc("No credit pack has this id."),
  },
});

export function financeSettingsRoutes(api: ApiApp): void {
  api.openapi(getSettingsRoute, async (c) => {
    return c.json({ settings: await getSettings(c.env.kv) }, 200);
  });

  api.openapi(putSettingsRoute, async (c) => {
    const settings = await updateSettings(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ settings }, 200);
  });

  api.openapi(listPacksRoute, async (c) => {
    return c.json({ packs: await listCreditPacks(c.env.kv) }, 200);
  });

  api.openapi(createPackRoute, async (c) => {
    const pack = await createCreditPack(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ pack }, 201);
  });

  api.openapi(updatePackRoute, async (c) => {
    const pack = await updateCreditPack(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ pack }, 200);
  });
}
