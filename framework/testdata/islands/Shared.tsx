import type { Signal } from "@preact/signals";

/** Two instances sharing one signal must stay in sync after hydration. */
export default function Shared(props: { value: Signal<number>; name: string }) {
  return (
    <button
      type="button"
      class={`shared-${props.name}`}
      onClick={() => props.value.value++}
    >
      {props.value}
    </button>
  );
}
