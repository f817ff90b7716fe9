// Prints, as JSON, the files each lazily loaded chunk of the widget is fetched as besides its
// own (split_<name>.wasm): the code it shares with other chunks, chunk_<n>.wasm, as the list
// of those n. Read from the chunk loader wasm-split wrote. scripts/build-widget.sh writes them into the loader,
// public/chatcart.js, which asks for all of a chunk's files at once when it knows the chunk
// will be needed.
//
//   node scripts/chunk-files.mjs PATH/__wasm_split.js
import { readFileSync } from 'node:fs';

const source = readFileSync(process.argv[2], 'utf8');
// `const __chunk_9 = makeLoad(() => { ... "./chunk_9.wasm" ...`
const shared = new Map(
  [...source.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/chunk_(\d+)\.wasm"/g)].map(
    ([, name, number]) => [name, Number(number)],
  ),
);
// `export const __wasm_split_load_saved_and_sent = wrapAsyncCb(makeLoad(() => { ... "./split_saved_and_sent.wasm" ... }, [__chunk_10, ...]));`
const files = {};
for (const [, name, deps] of source.matchAll(
  /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/split_\1\.wasm"[\s\S]*?\}\s*,\s*\[([^\]]*)\]\)\);/g,
)) {
  const needed = deps.split(',').map((dep) => dep.trim()).filter(Boolean);
  files[name] = needed.map((dep) => shared.get(dep) ?? fail(`${name} needs ${dep}, which is not defined`));
}
if (Object.keys(files).length === 0) fail('no chunk loaders found');
console.log(JSON.stringify(files));

function fail(why) {
  console.error(`chunk-files: ${why} in ${process.argv[2]}`);
  process.exit(1);
}
