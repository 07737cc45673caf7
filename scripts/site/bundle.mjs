// Finishes the browser bundle after wasm-bindgen: names the JS, the wasm and the stylesheet by a
// hash of their content, writes brotli and gzip copies beside each, names the bundle in
// SITE/bundle.txt (the server reads it), removes the files of earlier builds, and prints sizes.
//
//   node scripts/site/bundle.mjs BINDGEN_DIR STYLESHEET SITE_DIR
//
// BINDGEN_DIR holds capaian.js and capaian_bg.wasm (wasm-opt already applied).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [bindgen, stylesheet, site] = process.argv.slice(2);
if (!bindgen || !stylesheet || !site) {
  console.error('pemakaian: node bundle.mjs BINDGEN_DIR STYLESHEET SITE_DIR');
  process.exit(2);
}
const BASE = 'capaian';
const js = readFileSync(join(bindgen, `${BASE}.js`));
const wasm = readFileSync(join(bindgen, `${BASE}_bg.wasm`));
const css = readFileSync(stylesheet);

const hash = createHash('sha256');
for (const part of [js, wasm, css]) hash.update(part);
const bundle = `${BASE}.${hash.digest('hex').slice(0, 16)}`;

const pkg = join(site, 'pkg');
mkdirSync(pkg, { recursive: true });
// Files of earlier builds (hashed or not); other files in pkg/ are left alone.
for (const name of readdirSync(pkg)) {
  if (/^capaian(\.[0-9a-f]+)?(\.js|_bg\.wasm|\.css)(\.br|\.gz)?$/.test(name)) {
    rmSync(join(pkg, name));
  }
}

const sizes = [];
const put = (name, bytes) => {
  writeFileSync(join(pkg, name), bytes);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = gzipSync(bytes, { level: 9 });
  writeFileSync(join(pkg, `${name}.br`), br);
  writeFileSync(join(pkg, `${name}.gz`), gz);
  sizes.push([name, bytes.length, gz.length, br.length]);
};
put(`${bundle}.js`, js);
put(`${bundle}_bg.wasm`, wasm);
put(`${bundle}.css`, css);
// An unhashed copy of the stylesheet for the server's plain error pages (revalidated each time).
writeFileSync(join(pkg, `${BASE}.css`), css);

// Written last and atomically: a running server never reads a name whose files are missing.
writeFileSync(join(site, 'bundle.txt.tmp'), `${bundle}\n`);
renameSync(join(site, 'bundle.txt.tmp'), join(site, 'bundle.txt'));

const kb = (n) => `${(n / 1024).toFixed(0).padStart(6)} KiB`;
console.log(`Bundel ${bundle}:`);
for (const [name, raw, gz, br] of sizes) {
  console.log(`  ${name.padEnd(40)} ${kb(raw)}   gzip ${kb(gz)}   brotli ${kb(br)}`);
}
