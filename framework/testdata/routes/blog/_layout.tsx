import type { LayoutProps } from "../../../types.ts";

export default function BlogLayout({ Component }: LayoutProps) {
  return (
    <section class="layout-blog">
      <Component />
    </section>
  );
}
