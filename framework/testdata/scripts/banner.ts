/**
 * A fixture client script that imports preact, which the islands share in
 * a chunk: the build must still make it one self-contained file.
 */
import { h, render } from "preact";

render(h("p", null, "banner"), document.body);
