import { useState } from "preact/hooks";

/**
 * A controlled textarea and radio group, as a form island holds them, and
 * a select with no option marked (the browser shows the first).
 */
export default function Note() {
  const [text, setText] = useState("");
  const [size, setSize] = useState("");
  const [colour, setColour] = useState("");
  return (
    <form class="note">
      <textarea
        aria-label="Note"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {["small", "large"].map((value) => (
        <label key={value}>
          <input
            type="radio"
            name="size"
            value={value}
            checked={size === value}
            onChange={() => setSize(value)}
          />
          {value}
        </label>
      ))}
      <select
        aria-label="Colour"
        onChange={(event) => setColour(event.currentTarget.value)}
      >
        <option value="red">red</option>
        <option value="blue">blue</option>
      </select>
      <output class="note-state">{`${text}|${size}|${colour}`}</output>
    </form>
  );
}
