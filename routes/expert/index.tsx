import type { PageProps } from "../../framework/types.ts";
import type { AppState } from "../../state.ts";
import { ButtonLink } from "../../components/Button.tsx";
import { AccountStatus } from "../../components/account/AccountStatus.tsx";
import { Card, HomeShell } from "../../components/account/HomeShell.tsx";

/** The expert's home. Application, offerings and earnings arrive with later features. */
export default function ExpertHome(
  { state, url }: PageProps<unknown, AppState>,
) {
  const user = state.user!;
  return (
    <HomeShell
      user={user}
      pathname={url.pathname}
      title="Expert overview"
      siteUrl={state.siteUrl}
    >
      <AccountStatus user={user} />
      <Card title="Getting started" id="next-steps">
        <p>
          Before you can teach, we review every expert. Verify your email and
          turn on two-factor authentication now; the application opens here
          soon.
        </p>
        <ButtonLink href="/how-it-works#experts" variant="secondary">
          How teaching on TapTime works
        </ButtonLink>
      </Card>
    </HomeShell>
  );
}
