// Writes a copy of a linked wasm module whose export section leaves out the exports whose
// names match a pattern, and prints how many it left out. Nothing else changes: the other
// sections, relocations included, are copied byte for byte, so wasm-split can still cut the
// copy, and code that only those exports reached is then in no part of it.
// scripts/build-widget.sh runs it on exports the widget never calls (see there). Matching
// nothing fails (the step would be stale), and so does an import that matches (the module
// itself would use them).
//
//   node scripts/unexport.mjs IN.wasm OUT.wasm REGEX
import { readFileSync, writeFileSync } from 'node:fs';
import { leb, readLeb, readName, rewriteSections } from './wasm-binary.mjs';

const [input, output, pattern] = process.argv.slice(2);
if (!pattern) fail('usage: node scripts/unexport.mjs IN.wasm OUT.wasm REGEX');
const unwanted = new RegExp(pattern);
const EXPORT_SECTION = 7;

const bytes = readFileSync(input);
// The module's own code making what the exports serve (wasm-bindgen imports
// "__wbg_<class>_new" for each class Rust hands JavaScript) needs them.
const making = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).find(({ name }) => unwanted.test(name));
if (making) fail(`the module imports ${making.name}, so it needs these exports`);

const left = [];
const rewritten = rewriteSections(bytes, EXPORT_SECTION, (body) => {
  let [count, entry] = readLeb(body, 0);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const [exported, kind] = readName(body, entry);
    const [, next] = readLeb(body, kind + 1); // the index after the kind byte
    if (unwanted.test(exported)) left.push(exported);
    else kept.push(body.subarray(entry, next));
    entry = next;
  }
  return Buffer.concat([leb(kept.length), ...kept]);
});
if (left.length === 0) fail(`no export matches /${pattern}/`);
writeFileSync(output, rewritten);
console.log(`unexport: left out ${left.length} exports matching /${pattern}/`);

function fail(why) {
  console.error(`unexport: ${why} in ${input}`);
  process.exit(1);
}
