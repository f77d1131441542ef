// The package's Midjourney prompt functions in Node, imported by the package's name, with
// expected values written by hand from real prompts.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import init, { checkPrompt, GptunnelError, parsePrompt, setPromptFlag } from "gptunnel";

before(async () => {
  const wasm = await readFile(new URL(import.meta.resolve("gptunnel/gptunnel_bg.wasm")));
  await init({ module_or_path: wasm });
});

test("parsePrompt splits image prompts, text and flags as plain objects", () => {
  const parsed = parsePrompt(
    "https://cdn.example/ref.png?ex=65f&is=65e a knight in armor —ar 2:3 --stylize 250 --no text, logos --foo 3",
  );
  assert.deepEqual(parsed, {
    imagePrompts: ["https://cdn.example/ref.png?ex=65f&is=65e"],
    text: "a knight in armor",
    flags: [
      { name: "ar", typedName: "ar", value: "2:3", known: true },
      { name: "s", typedName: "stylize", value: "250", known: true },
      { name: "no", typedName: "no", value: "text, logos", known: true },
      { name: "foo", typedName: "foo", value: "3", known: false },
    ],
  });
});

test("setPromptFlag rewrites one flag and keeps everything else as typed", () => {
  const typed = "кот в космосе  --ar 3:4 --hd --s 50";
  assert.equal(setPromptFlag(typed, "stylize", "400"), "кот в космосе  --ar 3:4 --hd --s 400");
  assert.equal(setPromptFlag(typed, "ar", null), "кот в космосе --hd --s 50");
  assert.equal(setPromptFlag(typed, "tile", ""), "кот в космосе  --ar 3:4 --hd --s 50 --tile");
  assert.equal(setPromptFlag("a cat", "v", "6.1"), "a cat --v 6.1");
});

test("checkPrompt throws a GptunnelError naming the flag out of range", () => {
  assert.doesNotThrow(() => checkPrompt("a fox --s 1000 --c 100 --q 2 --v 6.1"));
  assert.throws(
    () => checkPrompt("a fox --chaos 101"),
    (error) => error instanceof GptunnelError && error.kind === "invalid_input" && /--c takes 0–100, got 101/.test(error.message),
  );
  assert.throws(() => checkPrompt("a fox --q .5 --v 7"), (error) => error.kind === "invalid_input" && /--q \.5/.test(error.message));
});

test("non-string arguments are refused with a GptunnelError, not a crash", () => {
  assert.throws(() => parsePrompt(42), (error) => error instanceof GptunnelError && error.kind === "invalid_input");
  assert.throws(() => setPromptFlag("a cat", "s", 250), (error) => error instanceof GptunnelError && /value/.test(error.message));
});
