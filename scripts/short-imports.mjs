// Gives the functions wasm-bindgen's glue hands the main module short names, in the module's
// import section and in the glue alike, and prints how many it renamed. wasm-bindgen names
// each after its Rust binding with a hash ("__wbg_setItem_cfa3cb31f271776a"): 6.4 KB of
// names a shopper downloaded twice, and hashes do not compress.
// Each name must appear exactly once in the glue, as a whole word (its key in the imports
// object), or nothing is written.
// The module's exports named by Rust's mangling (the closures' entry points the glue calls,
// "_RINvNvNtNtCs…invoke…", up to 161 characters each) get short names too, in the export
// section and in the glue's one call of each (`wasm.<name>`).
//
//   node scripts/short-imports.mjs MODULE.wasm GLUE.js MODULE_NAME (both files rewritten)
import { readFileSync, writeFileSync } from 'node:fs';
import { leb, name, readLeb, readName, rewriteSections } from './wasm-binary.mjs';

const [wasmPath, gluePath, glueModule] = process.argv.slice(2);
if (!glueModule) fail('usage: node scripts/short-imports.mjs MODULE.wasm GLUE.js MODULE_NAME');
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
/** A symbol in Rust's v0 mangling. */
const MANGLED = /^_R/;
/** The glue's own module, renamed too: its name was in the import section once per import. */
const GLUE_KEY = '_';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** a, b, …, Z, aa, ab, …: the `n`th short name. */
function short(n) {
  let text = '';
  do {
    text = LETTERS[n % LETTERS.length] + text;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return text;
}

/** Where the import description at `at` ends. */
function descriptionEnd(body, at) {
  const kind = body[at++];
  const limits = (from) => {
    const flags = body[from];
    let [, next] = readLeb(body, from + 1);
    if (flags & 1) [, next] = readLeb(body, next);
    return next;
  };
  switch (kind) {
    case 0: // function: its type
      return readLeb(body, at)[1];
    case 1: // table: element type, limits
      return limits(at + 1);
    case 2: // memory
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    default:
      fail(`an import of kind ${kind}, which this script does not read`);
  }
}

const renamed = new Map();
const wasm = rewriteSections(readFileSync(wasmPath), IMPORT_SECTION, (body) => {
  let [count, at] = readLeb(body, 0);
  const imports = [];
  for (let i = 0; i < count; i++) {
    const [module, fieldAt] = readName(body, at);
    const [field, descriptionAt] = readName(body, fieldAt);
    const next = descriptionEnd(body, descriptionAt);
    if (module === glueModule) {
      if (!renamed.has(field)) renamed.set(field, short(renamed.size));
      imports.push(name(GLUE_KEY), name(renamed.get(field)));
    } else {
      imports.push(name(module), name(field));
    }
    imports.push(body.subarray(descriptionAt, next));
    at = next;
  }
  return Buffer.concat([leb(count), ...imports]);
});
if (renamed.size === 0) fail(`no import from "${glueModule}"`);

const exportsRenamed = new Map();
const exported = new Set();
const wasmOut = rewriteSections(wasm, EXPORT_SECTION, (body) => {
  let [count, at] = readLeb(body, 0);
  const exports = [];
  for (let i = 0; i < count; i++) {
    const [field, kindAt] = readName(body, at);
    const next = readLeb(body, kindAt + 1)[1];
    let shortName = field;
    if (MANGLED.test(field)) {
      shortName = short(exportsRenamed.size);
      exportsRenamed.set(field, shortName);
    }
    exported.add(shortName);
    exports.push(name(shortName), body.subarray(kindAt, next));
    at = next;
  }
  if (exported.size !== count) fail("a short name is an export's name already");
  return Buffer.concat([leb(count), ...exports]);
});

let glue = readFileSync(gluePath, 'utf8');
for (const [long, shortName] of [[`"${glueModule}"`, `"${GLUE_KEY}"`], ...renamed]) {
  const word = wholeWord(long);
  const found = glue.match(word)?.length ?? 0;
  if (found !== 1) fail(`${long} is in the glue ${found} times, not once`);
  glue = glue.replace(word, shortName);
}
for (const [long, shortName] of exportsRenamed) {
  const call = wholeWord(`wasm.${long}`);
  const found = glue.match(call)?.length ?? 0;
  if (found !== 1) fail(`wasm.${long} is in the glue ${found} times, not once`);
  glue = glue.replace(call, `wasm.${shortName}`);
}
writeFileSync(wasmPath, wasmOut);
writeFileSync(gluePath, glue);
console.log(`short-imports: ${renamed.size} imports and ${exportsRenamed.size} exports renamed`);

/** `text` as a whole word: not inside a longer name. */
function wholeWord(text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g');
}

function fail(why) {
  console.error(`short-imports: ${why} (${wasmPath}, ${gluePath})`);
  process.exit(1);
}
