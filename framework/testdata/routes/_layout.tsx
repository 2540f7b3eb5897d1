import type { LayoutProps } from "../../types.ts";

export default function RootLayout({ Component }: LayoutProps) {
  return (
    <div class="layout-root">
      <Component />
    </div>
  );
}
