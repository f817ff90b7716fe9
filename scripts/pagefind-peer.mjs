// Pagefind (a static search index in Rust and WebAssembly) as a peer figure for the network
// benchmark: the same feed's products, indexed by Pagefind's Node API, searched by a page
// that loads nothing but Pagefind.
import { readFile, rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';

/** Indexes the feed's rows (title, brand and product type as the searchable text, the
 *  title as the result's title) into `outDir`; resolves to the number of records. */
export async function buildPagefindIndex(feedPath, outDir) {
  const rows = parseCsv(await readFile(feedPath, 'utf8'));
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  // Record by record through Pagefind's service; a few hundred in flight at a time.
  for (let start = 0; start < rows.length; start += 500) {
    await Promise.all(rows.slice(start, start + 500).map((row) => index.addCustomRecord(record(row))));
  }
  await rm(outDir, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: outDir });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return rows.length;
}

function record(row) {
  return {
    url: `/p/${encodeURIComponent(row.id)}`,
    content: [row.title, row.brand, row.product_type].filter(Boolean).join('. '),
    language: 'en',
    meta: { title: row.title },
  };
}

/** The search page, at `/pagefind-bench.html?q=QUERY`: sets `window.benchResult` to
 *  { ms, results, title } once the first result's data has arrived (ms from navigation
 *  start), and offers `window.benchSearch(query)` for further searches, timed the same way. */
export function pagefindPageRoute() {
  const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Pagefind peer</title></head>
  <body>
    <p id="result">Searching…</p>
    <script type="module">
      const pagefind = await import('/pagefind/pagefind.js');
      window.benchSearch = async (query) => {
        const search = await pagefind.search(query);
        const data = await search.results[0]?.data();
        document.getElementById('result').textContent = data?.meta.title ?? 'no result';
        return { ms: performance.now(), results: search.results.length, title: data?.meta.title };
      };
      window.benchResult = await window.benchSearch(new URLSearchParams(location.search).get('q'));
    </script>
  </body>
</html>`;
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  };
}

/** The rows of a CSV file with a header line, as objects; quoted fields may hold commas,
 *  doubled quotes and line breaks. */
export function parseCsv(text) {
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  const [header, ...rows] = records;
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}
