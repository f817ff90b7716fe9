// Takes out of wasm-bindgen's glue, in place, what no browser runs:
// - the JavaScript classes of the exports scripts/unexport.mjs left out of the main module
//   (their methods call exports that are no longer there), each with its Symbol.dispose line
//   and its finalization registry;
// - the chunk loader's module imported once per function the main module imports from it
//   (import1, import2, … all the same module) and named as often in the import object, where
//   esbuild warns of each repeat as a duplicate key: one import and one key do the same.
// And it has every call into the code tell the page's loader when the code stopped: each of
// the module's functions, as the glue keeps them, is wrapped once, so that an exception
// coming out of one (a trap: in a release, every panic; or an error thrown through the code)
// calls `window.chatcart.stopped` (public/chatcart.js), which shows a message in place of
// each shop. The code was cut off midway and what it held can no longer be trusted. The
// glue's own errors, such as a rejected result it throws after a call returned, are not.
// What it looks for must be there exactly as expected, or it fails: the glue wasm-bindgen
// writes has changed, and this step is to be looked at again.
//
//   node scripts/tidy-glue.mjs GLUE.js CLASS...
import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

const [glue, ...classes] = process.argv.slice(2);
if (!glue || classes.length === 0) fail('usage: node scripts/tidy-glue.mjs GLUE.js CLASS...');
let text = readFileSync(glue, 'utf8');

for (const name of classes) {
  // The class's body: indented lines up to its closing brace at the start of a line.
  cut(
    new RegExp(
      `\\nexport class ${name} \\{\\n(?:[ \\t].*\\n|\\n)*?\\}\\n` +
        `if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`,
    ),
    '\n',
    `the class ${name}`,
  );
  cut(
    new RegExp(
      `\\nconst ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n` +
        ` +\\? \\{ register: \\(\\) => \\{\\}, unregister: \\(\\) => \\{\\} \\}\\n` +
        ` +: new FinalizationRegistry\\(ptr => wasm\\.__wbg_${name.toLowerCase()}_free\\(ptr, 1\\)\\);\\n`,
    ),
    '\n',
    `${name}'s finalization registry`,
  );
  if (new RegExp(name, 'i').test(text)) fail(`${name} is still named after its class was taken out`);
}

const loader = './__wasm_split.js';
const imports = [...text.matchAll(/^import \* as (import\d+) from "\.\/__wasm_split\.js"\n/gm)];
if (imports.length === 0) fail(`no import of ${loader}`);
const [first, ...repeats] = imports.map(([, binding]) => binding);
for (const binding of repeats) {
  cut(new RegExp(`^import \\* as ${binding} from "\\./__wasm_split\\.js"\\n`, 'm'), '', `the import ${binding}`);
  cut(new RegExp(`^ *"\\./__wasm_split\\.js": ${binding},\\n`, 'm'), '', `the key for ${binding}`);
  if (new RegExp(`\\b${binding}\\b`).test(text)) fail(`${binding} is used besides its import and key`);
}
if (!text.includes(`"${loader}": ${first},`)) fail(`the import object names ${loader} nowhere`);

const guard = 'chatcartGuarded';
if (text.includes(guard)) fail(`${guard} is named already`);
cut(/\n    wasm = instance\.exports;\n/, `\n    wasm = ${guard}(instance.exports);\n`, "the glue's keeping of the exports");
cut(
  /\nfunction __wbg_finalize_init\(/,
  `\nfunction ${guard}(exports) {\n` +
    `    const guarded = {};\n` +
    `    for (const [name, value] of Object.entries(exports)) {\n` +
    `        guarded[name] = typeof value !== 'function' ? value : (...args) => {\n` +
    `            try {\n` +
    `                return value(...args);\n` +
    `            } catch (error) {\n` +
    `                globalThis.chatcart?.stopped?.();\n` +
    `                throw error;\n` +
    `            }\n` +
    `        };\n` +
    `    }\n` +
    `    return guarded;\n` +
    `}\n$&`,
  'the function __wbg_finalize_init',
);
if (text.match(/\binstance\.exports\b/g).length !== 1) fail('the exports are kept unguarded elsewhere');

// Still a module JavaScript reads (a debug build is not minified, which would say so).
const copy = `${glue}.check.mjs`;
writeFileSync(copy, text);
try {
  execFileSync(process.execPath, ['--check', copy], { stdio: 'inherit' });
} catch {
  fail('the tidied glue does not parse');
} finally {
  unlinkSync(copy);
}
writeFileSync(glue, text);
console.log(
  `tidy-glue: took out ${classes.length} classes and ${repeats.length} repeated imports of ${loader}; ` +
    'calls into the code guarded',
);

/** Replaces the one match of `pattern` by `by`; fails unless there is exactly one. */
function cut(pattern, by, what) {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const found = text.match(global)?.length ?? 0;
  if (found !== 1) fail(`${what}: found ${found} times, expected once`);
  text = text.replace(pattern, by);
}

function fail(why) {
  console.error(`tidy-glue: ${why} in ${glue}`);
  process.exit(1);
}
