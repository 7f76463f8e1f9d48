// Prints the gzipped size of what the browser loads before the first render (the entry chunk, its static imports
// and the CSS), and fails the build above the budget. Lazy chunks (the composer) are listed apart.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 300;
const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;

const entry = Object.values(manifest).find((c) => c.isEntry);
const initial = new Set();
const visit = (chunk) => {
  if (initial.has(chunk.file)) return;
  initial.add(chunk.file);
  (chunk.css ?? []).forEach((css) => initial.add(css));
  (chunk.imports ?? []).forEach((key) => visit(manifest[key]));
};
visit(entry);

const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`initial  ${kb(size).padStart(7)} kB gz  ${file}`);
}
for (const chunk of Object.values(manifest)) {
  if (!initial.has(chunk.file) && chunk.file.endsWith('.js')) {
    console.log(`lazy     ${kb(gz(chunk.file)).padStart(7)} kB gz  ${chunk.file}`);
  }
}
console.log(`initial JS+CSS: ${kb(total)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB * 1024) {
  console.error('over budget: lazy-load more of the app');
  process.exit(1);
}
