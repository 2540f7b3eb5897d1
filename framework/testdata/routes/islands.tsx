import { signal } from "@preact/signals";
import Counter, { Display } from "../islands/Counter.tsx";
import Note from "../islands/Note.tsx";
import Outer from "../islands/Outer.tsx";
import Props from "../islands/Props.tsx";
import Shared from "../islands/Shared.tsx";

export default function IslandsPage() {
  const shared = signal(1);
  return (
    <main>
      <Counter start={3} label="clicks" />
      <Display text="</script><!-- hi" />
      <Shared value={shared} name="a" />
      <Shared value={shared} name="b" />
      <Outer />
      <Props
        date={new Date("2024-05-06T07:08:09.000Z")}
        map={new Map([["a", 1]])}
        set={new Set([1, 2])}
        big={10n ** 20n}
        url={new URL("https://example.com/x?y=1")}
        missing={undefined}
        nested={{ $t: "not a tag", list: [1, null, "two"] }}
      />
      <Note />
    </main>
  );
}
