/** Messages (/messages) sit in the signed-in person's own area, learner or expert. */
import { define } from "@/web/define.ts";
import { AreaLayout } from "@/components/account/HomeShell.tsx";

export default define.layout(AreaLayout);
