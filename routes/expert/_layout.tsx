/** The expert's area (/expert): its section navigation around every page. */
import { define } from "@/web/define.ts";
import { AreaLayout } from "@/components/account/HomeShell.tsx";

export default define.layout(AreaLayout);
