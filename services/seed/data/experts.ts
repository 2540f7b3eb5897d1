/** Forty hand-written demo experts across every category. */
import type { ExpertInput } from "@/services/experts/mod.ts";
import { BUSINESS_AND_LIFE_EXPERTS } from "./experts_business_life.ts";
import { TECHNOLOGY_EXPERTS } from "./experts_technology.ts";

export const DEMO_EXPERTS: ExpertInput[] = [
  ...TECHNOLOGY_EXPERTS,
  ...BUSINESS_AND_LIFE_EXPERTS,
];
