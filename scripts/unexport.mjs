// Writes a copy of a linked wasm module whose export section leaves out the exports whose
// names match a pattern, and prints how many it left out. Nothing else changes: the other
// sections, relocations included, are copied byte for byte, so wasm-split can still cut the
// copy, and code that only those exports reached is then not in any part.
// scripts/build-widget.sh runs it on exports the widget never calls (see there). Matching
// nothing fails: the step would be stale.
//
//   node scripts/unexport.mjs IN.wasm OUT.wasm REGEX
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, pattern] = process.argv.slice(2);
if (!pattern) fail('usage: node scripts/unexport.mjs IN.wasm OUT.wasm REGEX');
const bytes = readFileSync(input);
const unwanted = new RegExp(pattern);
const EXPORT_SECTION = 7;

/** The unsigned LEB128 number at `at`, and where the bytes after it start. */
function readLeb(at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const parts = [bytes.subarray(0, 8)]; // magic and version
const left = [];
let at = 8;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, start] = readLeb(at + 1);
  const end = start + size;
  if (id !== EXPORT_SECTION) {
    parts.push(bytes.subarray(at, end));
    at = end;
    continue;
  }
  let [count, entry] = readLeb(start);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const [nameLength, nameStart] = readLeb(entry);
    const name = bytes.subarray(nameStart, nameStart + nameLength).toString();
    const [, next] = readLeb(nameStart + nameLength + 1); // past the kind byte and the index
    if (unwanted.test(name)) left.push(name);
    else kept.push(bytes.subarray(entry, next));
    entry = next;
  }
  const body = Buffer.concat([leb(kept.length), ...kept]);
  parts.push(Buffer.from([EXPORT_SECTION]), leb(body.length), body);
  at = end;
}
if (left.length === 0) fail(`no export matches /${pattern}/`);
writeFileSync(output, Buffer.concat(parts));
console.log(`unexport: left out ${left.length} exports matching /${pattern}/`);

function fail(why) {
  console.error(`unexport: ${why} in ${input}`);
  process.exit(1);
}
