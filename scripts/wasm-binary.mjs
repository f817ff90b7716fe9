// What scripts/unexport.mjs and scripts/short-imports.mjs need to rewrite one section of a
// wasm binary: the sections, and the LEB128 numbers and names inside them.

/** The unsigned LEB128 number at `at` in `bytes`, and where the bytes after it start. */
export function readLeb(bytes, at) {
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

export function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** The name (length, then UTF-8) at `at`, and where the bytes after it start. */
export function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [bytes.subarray(start, start + length).toString(), start + length];
}

export function name(text) {
  const utf8 = Buffer.from(text);
  return Buffer.concat([leb(utf8.length), utf8]);
}

/**
 * `bytes` with each section of id `id` replaced by what `rewrite` makes of its body; every
 * other byte as it was.
 */
export function rewriteSections(bytes, id, rewrite) {
  const parts = [bytes.subarray(0, 8)]; // magic and version
  let at = 8;
  while (at < bytes.length) {
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (bytes[at] === id) {
      const body = rewrite(bytes.subarray(start, end));
      parts.push(Buffer.from([id]), leb(body.length), body);
    } else {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  return Buffer.concat(parts);
}
