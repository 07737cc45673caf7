// A newcomer's first hour: the sheet uses the whole window, the first edit on a fresh browser
// asks for the officer's name and is then saved, the report above the sheet folds away (and
// stays folded), the office's time zone is a workspace setting, an upload shows its progress,
// and the bundle arrives compressed with long cache lifetimes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { apiRequest, openPage, useCapaianAndBrowser, uploadAndConfirm } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));
const env = useCapaianAndBrowser();
const api = (method, path, body) => apiRequest(env.server.url, method, path, body);

const WIDE = { width: 2400, height: 1000 };
let workspaces = 0;

async function newWorkspace(kabupaten = 'Kota Tarakan') {
  workspaces += 1;
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: `Dinas Uji Jam Pertama ${workspaces}`, kabupaten, tahun: '2026',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  return ws.json.id;
}

async function newDocument(file = 'e81_101.xlsx') {
  const ws = await newWorkspace();
  const up = await api('POST', `/api/v1/ruang-kerja/${ws}/dokumen?nama=${file}`,
    new Uint8Array(readFileSync(fixture(file))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  return up.json.dokumen.id;
}

test('at 2400 × 1000 the grid spans the window and the first edit asks for the name, then saves', async () => {
  const id = await newDocument();
  // A fresh context: no name remembered in this browser.
  const context = await env.browser.newContext({ viewport: WIDE });
  const page = await openPage(context, `${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#kisi[data-siap="true"]');

  // The sheet takes the window's width (less the page's small margins) and its height below
  // the grid's own toolbar.
  const grid = await page.locator('#kisi-gulir').boundingBox();
  assert.ok(grid.width >= WIDE.width - 80, `grid is ${grid.width}px wide in a ${WIDE.width}px window`);
  await page.locator('#kisi-bagian').evaluate((e) => e.scrollIntoView());
  const section = await page.locator('#kisi-bagian').boundingBox();
  assert.ok(section.height >= WIDE.height - 2, `the sheet's section is ${section.height}px high`);
  const body = await page.locator('#kisi-gulir').boundingBox();
  assert.ok(body.height >= WIDE.height - 200, `the scroller is ${body.height}px high`);
  // Columns are drawn across the whole width: the last one drawn reaches the window's edge.
  const right = await page.locator('#kisi-kanvas .baris[data-baris="0"] > .sel').evaluateAll(
    (cells) => Math.max(...cells.map((c) => c.getBoundingClientRect().right)));
  assert.ok(right >= grid.x + grid.width - 20, `cells reach x=${right}, the grid ends at ${grid.x + grid.width}`);
  const drawn = await page.locator('#kisi-kanvas .baris[data-baris="0"] > .sel').count();
  assert.ok(drawn >= 20, `${drawn} columns drawn at ${WIDE.width}px (14 fitted before)`);

  // The first edit (a sub kegiatan's TW II Rp): the name dialog opens, nothing is saved yet,
  // and the status says so.
  const rows = (await api('GET', `/api/v1/dokumen/${id}/kisi`)).json.document.rows;
  const sub = rows.findIndex((r) => r.level === 'sub_kegiatan');
  assert.ok(sub >= 0 && sub < 20, `a sub kegiatan on the first screen (row ${sub})`);
  const target = page.locator(`#kisi-kanvas .baris[data-baris="${sub}"] > .sel[data-c="13"]`);
  await target.click();
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  const dialog = page.locator('#kisi-dialog-nama');
  await dialog.waitFor({ state: 'visible' });
  assert.match(await page.locator('#dialog-nama-tunggu').textContent(), /^1 perubahan menunggu/);
  assert.match(await page.locator('#kisi-status').textContent(), /1 perubahan belum tersimpan/);
  const before = await api('GET', `/api/v1/dokumen/${id}/kisi`);
  assert.equal(before.json.summary.versi, 0, 'nothing stored before a name is given');

  // "Simpan perubahan" without a name is refused by the form itself; with one it saves.
  await page.click('#dialog-nama-simpan');
  assert.ok(await dialog.isVisible(), 'an empty name keeps the dialog open');
  await page.fill('#dialog-nama', 'Rina Marlina');
  await page.click('#dialog-nama-simpan');
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelector('#kisi-status').textContent === 'Semua perubahan tersimpan.');
  const after = await api('GET', `/api/v1/dokumen/${id}/kisi`);
  // The edit, and the roll-ups of its kegiatan and program that follow it.
  assert.ok(after.json.summary.versi >= 1, `version ${after.json.summary.versi}`);
  assert.equal(after.json.document.rows[sub].tw[1].rp, '123456');
  const activity = await api('GET', `/api/v1/dokumen/${id}/aktivitas`);
  const edit = JSON.stringify(activity.json);
  assert.match(edit, /Rina Marlina/, 'the edit is logged under the name given');
  assert.equal(await page.locator('#kisi-nama').inputValue(), 'Rina Marlina');

  // Remembered in this browser: the next edit saves without asking.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  await page.locator(`#kisi-kanvas .baris[data-baris="${sub}"] > .sel[data-c="11"]`).click();
  await page.keyboard.type('777');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#kisi-status').textContent === 'Semua perubahan tersimpan.');
  assert.ok(!(await dialog.isVisible()));
  const again = (await api('GET', `/api/v1/dokumen/${id}/kisi`)).json;
  assert.ok(again.summary.versi > after.json.summary.versi, 'the second edit is stored');
  assert.equal(again.document.rows[sub].tw[0].rp, '777');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the report above the sheet folds away and stays folded in this browser', async () => {
  const id = await newDocument();
  const context = await env.browser.newContext({ viewport: WIDE });
  const page = await openPage(context, `${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#kisi[data-siap="true"]');
  const top = async () => (await page.locator('#kisi-bagian').boundingBox()).y;
  const open = await top();
  await page.click('#laporan > summary');
  assert.equal(await page.locator('#laporan').evaluate((d) => d.open), false);
  // Folded, it still names the totals on one line.
  assert.match(await page.locator('#laporan-ringkas').textContent(), /^Pagu Rp [\d.,]+ · Realisasi Rp/);
  const folded = await top();
  assert.ok(folded < open - 100, `the sheet moved up (${open} → ${folded})`);
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  assert.equal(await page.locator('#laporan').evaluate((d) => d.open), false, 'remembered');
  await page.click('#laporan > summary');
  assert.equal(await page.locator('#laporan').evaluate((d) => d.open), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('times show in the office zone, from the province by default, changeable on the workspace page', async () => {
  const ws = await newWorkspace('Kota Ambon');
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/ruang-kerja/${ws}`);
  await page.waitForSelector('#zona');
  assert.equal(await page.locator('#zona').inputValue(), 'wit');
  assert.match(await page.locator('#asal-zona').textContent(), /provinsi Maluku/);
  await page.selectOption('#zona', 'wita');
  await Promise.all([page.waitForURL(/pesan=/), page.click('#simpan-pengaturan')]);
  assert.match(await page.locator('#pesan').textContent(), /WITA/);
  assert.equal(await page.locator('#zona').inputValue(), 'wita');
  assert.match(await page.locator('#asal-zona').textContent(), /dipilih di sini/);

  // An upload through the page shows its progress, then opens the document.
  await uploadAndConfirm(page, fixture('e81_101.xlsx'));
  assert.match(page.url(), /\/dokumen\/[^/]+$/);
  // One edit, so the activity page has a time to show (in the zone, with its abbreviation).
  const doc = page.url().split('/').pop();
  const edit = await api('PATCH', `/api/v1/dokumen/${doc}/sel`, {
    oleh: 'Budi', perubahan: [{ baris: 1, kolom: 'tw2_k', nilai: '9', versi: 0 }],
  });
  assert.equal(edit.status, 200, JSON.stringify(edit.json));
  await page.goto(`${env.server.url}/dokumen/${doc}/aktivitas`);
  const times = await page.locator('table td').allTextContents();
  assert.ok(times.some((t) => / \d\d\.\d\d\.\d\d WITA$/.test(t)), `a WITA time among: ${times.slice(0, 12)}`);
  assert.ok(!times.some((t) => / UTC$/.test(t)), 'no UTC times');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an upload of a file stating another year says so, naming both years', async () => {
  const ws = await newWorkspace();
  // e81_101 is a 2026 report: a 2027 workspace gets the warning.
  const other = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Uji Tahun Lain', kabupaten: 'Kota Tarakan', tahun: '2027',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(other.status, 201);
  for (const [id, expectWarning] of [[ws, false], [other.json.id, true]]) {
    const up = await api('POST', `/api/v1/ruang-kerja/${id}/dokumen?nama=e81_101.xlsx`,
      new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
    assert.equal(up.status, 201);
    const found = JSON.stringify(up.json).match(/Judul berkas menyebut tahun 2026, sedangkan ruang kerja ini tahun 2027/);
    assert.equal(Boolean(found), expectWarning, JSON.stringify(up.json).slice(0, 400));
  }
});

test('the bundle and the pages arrive compressed; the bundle is cached for a year', async () => {
  const page = await fetch(`${env.server.url}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-encoding'), 'br');
  const html = await page.text();
  const js = /\/pkg\/(capaian\.[0-9a-f]{16})\.js/.exec(html);
  assert.ok(js, 'the page links the hashed bundle');
  const bundle = js[1];
  assert.match(html, new RegExp(`/pkg/${bundle}_bg\\.wasm`));
  assert.match(html, new RegExp(`/pkg/${bundle}\\.css`));
  for (const [file, type] of [[`${bundle}_bg.wasm`, 'application/wasm'], [`${bundle}.js`, 'javascript'], [`${bundle}.css`, 'text/css']]) {
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${env.server.url}/pkg/${file}`, { headers: { 'accept-encoding': encoding } });
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('content-encoding'), encoding, `${file} as ${encoding}`);
      assert.match(res.headers.get('content-type'), new RegExp(type));
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/i);
    }
  }
  // The compressed wasm is the real one: it decompresses to a wasm module of at most 2 MB.
  const raw = await (await fetch(`${env.server.url}/pkg/${bundle}_bg.wasm`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer();
  const bytes = new Uint8Array(raw);
  assert.deepEqual([...bytes.slice(0, 4)], [0, 0x61, 0x73, 0x6d], 'wasm magic');
  assert.ok(bytes.length <= 2 * 1024 * 1024, `wasm is ${bytes.length} bytes`);
  console.log(`wasm ${bytes.length} bytes uncompressed`);
  // Node's fetch decodes for us; check one body by hand against the identity bytes.
  const { request } = await import('node:http');
  const brBody = await new Promise((resolve, reject) => {
    const u = new URL(`${env.server.url}/pkg/${bundle}_bg.wasm`);
    request({ host: u.hostname, port: u.port, path: u.pathname, headers: { 'accept-encoding': 'br' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject).end();
  });
  assert.ok(brBody.length < bytes.length / 2, `brotli ${brBody.length} of ${bytes.length}`);
  assert.ok(brotliDecompressSync(brBody).equals(Buffer.from(bytes)));
  // A JSON answer of the API is compressed on the fly.
  const list = await fetch(`${env.server.url}/api/v1/ruang-kerja`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(list.status, 200);
  // Small answers may stay plain; a document's grid data (large) is compressed.
  const id = await newDocument();
  const { request: req2 } = await import('node:http');
  const gz = await new Promise((resolve, reject) => {
    const u = new URL(`${env.server.url}/api/v1/dokumen/${id}/kisi`);
    req2({ host: u.hostname, port: u.port, path: u.pathname, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(JSON.parse(gunzipSync(gz.body).toString()).document.rows.length > 0);
  // Pages are not cached as immutable.
  assert.notEqual(page.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});
