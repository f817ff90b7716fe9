// Reorders the functions of a wasm module printed as text by binaryen's wasm-dis: functions of
// one type together, and among them those whose instructions run alike side by side. Brotli
// finds more of a function in the one before it: 1.6 KB less over the main module and the
// chunks (issue 13). Nothing else moves: the text names every function it calls, so the
// order of definitions is free; imports and the other fields stay first, as wasm-dis wrote
// them. scripts/build-widget.sh turns the text back into wasm with wasm-as.
//
//   node scripts/order-functions.mjs IN.wat OUT.wat
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!output) fail('usage: node scripts/order-functions.mjs IN.wat OUT.wat');

const lines = readFileSync(input, 'utf8').trimEnd().split('\n');
const [open, close] = [lines[0], lines.at(-1)];
if (!open.startsWith('(module') || close !== ')') fail('not a module as wasm-dis prints one');

// A field of the module starts at a line indented by one space; its lines follow. The
// comments wasm-dis writes at the module's level (the custom sections it read) are left out.
const fields = [];
for (const line of lines.slice(1, -1)) {
  if (line.startsWith(' ;;')) continue;
  if (line.startsWith(' (')) fields.push([line]);
  else if (fields.length) fields.at(-1).push(line);
  else fail(`a line outside any field: ${line}`);
}
const isFunction = (field) => field[0].startsWith(' (func ');
const functions = fields.filter(isFunction).map((field, at) => ({
  field,
  at,
  // The header without the function's name: its type.
  type: field[0].replace(/^ \(func (\$"(?:[^"\\]|\\.)*"|\$\S+)/, ''),
  instructions: field.slice(1).join('\n').match(/\([a-z0-9_.]+/g)?.join(' ') ?? '',
}));
if (functions.length === 0) fail('no functions');
const before = (a, b) => a < b ? -1 : a > b ? 1 : 0;
functions.sort(
  (a, b) => before(a.type, b.type) || before(a.instructions, b.instructions) || a.at - b.at,
);

const text = [open, ...fields.filter((f) => !isFunction(f)).flat()];
for (const { field } of functions) text.push(...field);
text.push(close);
writeFileSync(output, `${text.join('\n')}\n`);

function fail(why) {
  console.error(`order-functions: ${why} (${input})`);
  process.exit(1);
}
