import type { PageProps } from "../../framework/types.ts";
import type { AppState } from "../../state.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { AccountStatus } from "../../components/account/AccountStatus.tsx";
import { Card, HomeShell } from "../../components/account/HomeShell.tsx";

/** The learner's home. Sessions, messages and progress arrive with later features. */
export default function LearnerDashboard(
  { state, url }: PageProps<unknown, AppState>,
) {
  const user = state.user!;
  return (
    <HomeShell
      user={user}
      pathname={url.pathname}
      title="Dashboard"
      siteUrl={state.siteUrl}
    >
      <AccountStatus user={user} />
      <Card title="Find an expert" id="next-steps">
        <p>
          Browse vetted experts by topic, price and rating, and book a
          one-to-one video session.
        </p>
        <ButtonLink href="/experts">Browse experts</ButtonLink>
      </Card>
    </HomeShell>
  );
}
