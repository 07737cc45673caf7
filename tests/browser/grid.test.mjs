// The document grid (app/src/grid): the E.81 as a spreadsheet in the browser — layout and
// virtualisation, reactive computed columns, Excel's keyboard, the clipboard, validation markers,
// the row panel, locked quarters, offline saving, conflicts, and the page without JavaScript.
//
// Every expected figure is computed here from the data the test typed and from the document the
// API returns (GET /api/v1/dokumen/{id}/kisi), never copied from the grid itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiRequest, openPage, useCapaianAndBrowser } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));
const clip = (name) => fileURLToPath(new URL(`../fixtures/clipboard/${name}`, import.meta.url));
const mergeFixture = (name) => fileURLToPath(new URL(`../fixtures/merge/${name}`, import.meta.url));

const env = useCapaianAndBrowser();

const WIDE = { width: 2400, height: 1000 };
const SAVED = 'Semua perubahan tersimpan.';

// Grid columns (app/src/grid/columns.rs): data-c of the cells the tests use.
const C = {
  kode: 0, nama: 1, targetK: 8, targetRp: 9, tw1K: 10, tw1Rp: 11, tw2K: 12, tw2Rp: 13,
  c12K: 18, c12Rp: 19, c13K: 20, c13Rp: 21, predikat: 26, sasaran: 27, keterangan: 29,
};

// ----- API -------------------------------------------------------------------------------------

const api = (method, path, body) => apiRequest(env.server.url, method, path, body);

let workspaces = 0;
/** A new workspace with one uploaded workbook; returns the document id. */
async function newDocument(file = 'e81_101.xlsx') {
  workspaces += 1;
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: `Dinas Uji Lembar Kerja ${workspaces}`, kabupaten: 'Kota Tarakan', tahun: '2026',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=${file}`,
    new Uint8Array(readFileSync(fixture(file))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  return up.json.dokumen.id;
}

async function kisi(id) {
  const r = await api('GET', `/api/v1/dokumen/${id}/kisi`);
  assert.equal(r.status, 200);
  return r.json;
}

// ----- numbers as the forms print them ---------------------------------------------------------

/** A decimal string (at most 2 decimals) or null as BigInt hundredths. */
function cents(s) {
  if (s === null || s === undefined) return 0n;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(s));
  assert.ok(m, `not a number with at most 2 decimals: ${s}`);
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

function groups(n) {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `app::format::angka`: thousands with dots; 2 decimals with a comma only when not whole. */
function angka(c) {
  const neg = c < 0n;
  const a = neg ? -c : c;
  const frac = a % 100n;
  return `${neg ? '-' : ''}${groups(a / 100n)}${frac ? `,${frac.toString().padStart(2, '0')}` : ''}`;
}

/** Always 2 decimals: `1.234,00`. */
function angka2(c) {
  return `${groups(c / 100n)},${(c % 100n).toString().padStart(2, '0')}`;
}

/** a ÷ b × 100 rounded half up to 2 decimals: `38,17%`. */
function persen(a, b) {
  return `${angka2((a * 20000n + b) / (2n * b))}%`;
}

/** An Rp value as the grid shows it (blank when there is none). */
const rpText = (rp) => (rp == null ? '' : angka(cents(rp)));

/** Column 12 Rp: the sum of the four quarters' Rp. */
const c12rp = (row) => row.tw.reduce((s, p) => s + cents(p.rp), 0n);

/** The footer's realisation: column 12 Rp of every program. */
const totalRealisasi = (doc) => doc.rows.filter((r) => r.level === 'program').reduce((s, r) => s + c12rp(r), 0n);
const totalPagu = (doc) => doc.rows.filter((r) => r.level === 'program').reduce((s, r) => s + cents(r.target.rp), 0n);

/** A K value as the grid shows it. */
function kText(k) {
  if (!k) return '';
  if (k.type === 'number') return angka(cents(k.value));
  throw new Error(`unexpected K ${JSON.stringify(k)}`);
}

// ----- the page --------------------------------------------------------------------------------

async function openGrid(id, { viewport = WIDE, nama = 'Rina Marlina' } = {}) {
  const context = await env.browser.newContext({ viewport });
  const page = await openPage(context, `${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#kisi[data-siap="true"]');
  if (nama) await page.fill('#kisi-nama', nama);
  return { context, page };
}

const cell = (page, row, c) => page.locator(`#kisi-kanvas .baris[data-baris="${row}"] > .sel[data-c="${c}"]`);

// Column widths (columns.rs): columns outside the scroller's width are not drawn.
const WIDTHS = [118, 300, 260, 80, 80, 130, 80, 130, 80, 130, 76, 126, 76, 126, 76, 126, 76, 126,
  80, 130, 76, 76, 80, 130, 76, 76, 110, 240, 160, 220];
const LEFT = WIDTHS.map((_, i) => WIDTHS.slice(0, i).reduce((a, b) => a + b, 0));
const FROZEN_W = WIDTHS[0] + WIDTHS[1];

/** Scroll the grid horizontally so column c is drawn (when it is not). */
async function reveal(page, row, c) {
  if (await cell(page, row, c).count() === 1) return;
  await page.evaluate((x) => { document.querySelector('#kisi-gulir').scrollLeft = x; }, Math.max(0, LEFT[c] - FROZEN_W - 20));
  await cell(page, row, c).waitFor({ timeout: 5000 });
}

async function clickCell(page, row, c, options) {
  await reveal(page, row, c);
  await cell(page, row, c).click(options);
}

async function text(page, row, c) {
  await reveal(page, row, c);
  const loc = cell(page, row, c);
  assert.equal(await loc.count(), 1, `cell (${row}, ${c}) is not drawn`);
  return loc.textContent();
}

async function classes(page, row, c) {
  await reveal(page, row, c);
  return (await cell(page, row, c).getAttribute('class')).split(/\s+/);
}

/** The active cell: { row, c } (document row and grid column). */
async function active(page) {
  return page.evaluate(() => {
    const a = document.querySelectorAll('#kisi-kanvas .sel.aktif');
    if (a.length !== 1) return { aktif: a.length };
    return { row: Number(a[0].closest('.baris').dataset.baris), c: Number(a[0].dataset.c) };
  });
}

/** The selected cells, sorted: [[row, c], …]. */
async function selected(page) {
  return page.evaluate(() => [...document.querySelectorAll('#kisi-kanvas .sel.terpilih')]
    .map((e) => [Number(e.closest('.baris').dataset.baris), Number(e.dataset.c)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]));
}

async function press(page, ...keys) {
  for (const k of keys) await page.keyboard.press(k);
}

async function waitSaved(page) {
  try {
    await page.waitForFunction((saved) => document.querySelector('#kisi-status')?.textContent === saved
      && document.querySelector('#kisi')?.dataset.belumTersimpan === '0', SAVED);
  } catch (e) {
    const state = await page.evaluate(() => ({
      status: document.querySelector('#kisi-status')?.textContent,
      pesan: document.querySelector('#kisi-pesan')?.textContent,
      konflik: document.querySelector('#kisi-konflik')?.textContent,
    }));
    throw new Error(`not saved: ${JSON.stringify(state)} (${e.message})`);
  }
}

/** A keydown dispatched on the editor (layouts and IME states a real keyboard cannot give). */
async function keydown(page, init) {
  return page.evaluate((init) => {
    const ev = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    document.querySelector('#kisi-editor').dispatchEvent(ev);
    return { keyCode: ev.keyCode, isComposing: ev.isComposing, prevented: ev.defaultPrevented };
  }, init);
}

async function paste(page, flavours) {
  return page.evaluate((flavours) => {
    const data = new DataTransfer();
    for (const [type, value] of Object.entries(flavours)) data.setData(type, value);
    const ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('#kisi-editor').dispatchEvent(ev);
    return ev.defaultPrevented;
  }, flavours);
}

async function copy(page) {
  return page.evaluate(() => {
    const data = new DataTransfer();
    const ev = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('#kisi-editor').dispatchEvent(ev);
    return { prevented: ev.defaultPrevented, text: data.getData('text/plain'), html: data.getData('text/html') };
  });
}

/** Console errors the browser logs for an expected non-2xx answer or a cut connection. */
function withoutExpected(errors, patterns) {
  return errors.filter((e) => !patterns.some((p) => p.test(e)));
}

// ----- 1. layout ---------------------------------------------------------------------------------

test('layout: form header, frozen columns, levels, outline and toolbar levels', async () => {
  const id = await newDocument();
  const doc = (await kisi(id)).document;
  const { context, page } = await openGrid(id, { viewport: { width: 1280, height: 900 } });

  // The form's column groups with their K/Rp sub headers.
  const groupsShown = await page.locator('.kisi-kepala .hk[data-kelompok]').evaluateAll(
    (els) => els.map((e) => e.textContent));
  for (const g of ['Kode', '3. Program / Kegiatan / Sub Kegiatan', '4. Indikator Kinerja', '5. Target Renstra',
    '6. Realisasi s.d. tahun lalu', '7. Target tahun berjalan', '8. Triwulan I', '9. Triwulan II',
    '10. Triwulan III', '11. Triwulan IV', '12. Realisasi (8+9+10+11)', '13. Capaian (12/7) %',
    '14. Realisasi Renstra (6+12)', '15. Capaian Renstra (14/5) %', '17. Keterangan']) {
    assert.ok(groupsShown.includes(g), `header group ${g} missing: ${groupsShown.join(' | ')}`);
  }
  const subs = await page.locator('.kisi-kepala .hk.sub').evaluateAll(
    (els) => Object.fromEntries(els.map((e) => [e.dataset.c, e.textContent])));
  for (let c = 4; c <= 25; c += 1) assert.equal(subs[c], c % 2 === 0 ? 'K' : 'Rp', `sub header of column ${c}`);
  assert.equal(await page.locator('.kisi-kepala .hk.terkunci').count(), 0);

  // Levels as row classes; the Kode/Nama text of the first rows.
  assert.equal(await page.locator('#kisi-kanvas .baris').count(), doc.rows.length);
  for (const [row, level] of [[0, 'program'], [1, 'kegiatan'], [2, 'sub-kegiatan'], [10, 'program'], [11, 'kegiatan']]) {
    const cls = await page.locator(`#kisi-kanvas .baris[data-baris="${row}"]`).getAttribute('class');
    assert.ok(cls.split(' ').includes(level), `row ${row}: ${cls}`);
  }
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="1"] .nama').textContent(), doc.rows[1].name);

  // Columns are virtualised: the far right is not drawn until scrolled to.
  assert.equal(await cell(page, 0, C.keterangan).count(), 0);
  assert.equal(await cell(page, 0, C.targetK).count(), 1);
  const box = async (row, c) => (await cell(page, row, c).boundingBox());
  const kode0 = await box(0, C.kode);
  const nama0 = await box(0, C.nama);
  await page.evaluate(() => { document.querySelector('#kisi-gulir').scrollLeft = 100000; });
  await cell(page, 0, C.keterangan).waitFor();
  assert.equal(await cell(page, 0, C.targetK).count(), 0, 'scrolled-away columns leave the DOM');
  const kode1 = await box(0, C.kode);
  const nama1 = await box(0, C.nama);
  assert.equal(kode1.x, kode0.x, 'Kode stays put');
  assert.equal(nama1.x, nama0.x, 'Nama stays put');
  const ket = await box(0, C.keterangan);
  assert.ok(ket.x >= nama1.x + nama1.width - 1, `Keterangan (x=${ket.x}) is right of the frozen columns`);
  assert.equal(await page.locator('.kisi-kepala .hk[data-kelompok="Kode"]').evaluate((e) => Math.round(e.getBoundingClientRect().x)),
    Math.round(kode1.x), 'frozen header stays over its column');
  await page.evaluate(() => { document.querySelector('#kisi-gulir').scrollLeft = 0; });
  await cell(page, 0, C.targetK).waitFor();

  // Outline: ▾ hides the children, ▸ shows them again.
  const fold = page.locator('#kisi-kanvas .baris[data-baris="1"] .lipat');
  assert.equal(await fold.textContent(), '▾');
  await fold.click();
  await page.locator('#kisi-kanvas .baris[data-baris="2"]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="3"]').count(), 0);
  assert.equal(await page.locator('#kisi-kanvas .baris').count(), doc.rows.length - 2);
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="1"] .lipat').textContent(), '▸');
  // The next kegiatan moves up right under the folded one.
  const top1 = await page.locator('#kisi-kanvas .baris[data-baris="1"]').evaluate((e) => e.style.top);
  const top4 = await page.locator('#kisi-kanvas .baris[data-baris="4"]').evaluate((e) => e.style.top);
  assert.equal([top1, top4].join(), '28px,56px');
  await page.locator('#kisi-kanvas .baris[data-baris="1"] .lipat').click();
  await page.locator('#kisi-kanvas .baris[data-baris="2"]').waitFor();
  assert.equal(await page.locator('#kisi-kanvas .baris').count(), doc.rows.length);
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="1"] .lipat').textContent(), '▾');
  // Sub kegiatan rows have nothing to fold.
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="2"] .lipat').textContent(), '');

  // Toolbar outline levels.
  const shownRows = () => page.locator('#kisi-kanvas .baris').evaluateAll(
    (els) => els.map((e) => Number(e.dataset.baris)).sort((a, b) => a - b));
  const indices = (pred) => doc.rows.map((r, i) => (pred(r) ? i : -1)).filter((i) => i >= 0);
  await page.click('[data-aksi="garis-1"]');
  assert.deepEqual(await shownRows(), indices((r) => r.level === 'program'));
  assert.equal(await page.locator('#kisi-kanvas .baris:not(.program)').count(), 0);
  await page.click('[data-aksi="garis-2"]');
  assert.deepEqual(await shownRows(), indices((r) => r.level === 'program' || r.level === 'kegiatan'));
  await page.click('[data-aksi="garis-3"]');
  assert.deepEqual(await shownRows(), indices(() => true));

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 1b + 4c. a big document ------------------------------------------------------------------

test('big document: only visible rows in the DOM; a 300-row paste is one undo step and is saved', async () => {
  const id = await newDocument('big_900.xlsx');
  const before = (await kisi(id)).document;
  const n = before.rows.length;
  assert.equal(n, 20017);
  const { context, page } = await openGrid(id);

  const drawn = () => page.locator('#kisi-kanvas .baris').count();
  const first = await drawn();
  assert.ok(first > 10 && first < 100, `${first} rows drawn`);
  assert.equal(await page.locator('#kisi-kanvas').evaluate((e) => e.style.height), `${n * 28}px`);

  // Scroll to the bottom: the last row is drawn, still only a window of rows.
  await page.evaluate(() => { const g = document.querySelector('#kisi-gulir'); g.scrollTop = g.scrollHeight; });
  const last = page.locator(`#kisi-kanvas .baris[data-baris="${n - 1}"]`);
  await last.waitFor();
  assert.ok(await last.isVisible());
  assert.equal(await last.locator('.nama').textContent(), before.rows[n - 1].name);
  assert.equal(await page.locator('#kisi-kanvas .baris[data-baris="0"]').count(), 0);
  const atBottom = await drawn();
  assert.ok(atBottom < 100, `${atBottom} rows drawn at the bottom`);

  // 300 rows of TW I K (editable on every row) pasted at the first row.
  await page.evaluate(() => { document.querySelector('#kisi-gulir').scrollTop = 0; });
  await clickCell(page, 0, C.tw1K);
  const values = Array.from({ length: 300 }, (_, i) => `${i + 1},25`);
  assert.equal(await paste(page, { 'text/plain': `${values.join('\r\n')}\r\n` }), true);
  assert.equal(await page.locator('#kisi-pesan').textContent(), '');
  assert.equal(await text(page, 0, C.tw1K), '1,25');
  assert.equal(await text(page, 5, C.tw1K), '6,25');
  // The pasted block is selected; the active cell (and the editor) stay at its top-left corner, in view.
  assert.deepEqual(await active(page), { row: 0, c: C.tw1K });
  const drawnInColumn = await page.locator(`#kisi-kanvas .sel[data-c="${C.tw1K}"]`).count();
  assert.equal(await page.locator(`#kisi-kanvas .sel.terpilih[data-c="${C.tw1K}"]`).count(), drawnInColumn);
  assert.equal(await page.locator('#kisi-kanvas .sel.terpilih').count(), drawnInColumn);
  assert.deepEqual(await page.locator('#kisi-editor').evaluate((e) => [e.style.top, e.style.left]), ['0px', `${LEFT[C.tw1K]}px`]);
  await waitSaved(page);
  let stored = (await kisi(id)).document;
  for (let i = 0; i < 300; i += 1) {
    assert.deepEqual(stored.rows[i].tw[0].k, { type: 'number', value: `${i + 1}.25` }, `row ${i} after paste`);
  }
  assert.deepEqual(stored.rows[300].tw[0].k, before.rows[300].tw[0].k, 'row 300 untouched');

  // One Ctrl+Z restores all 300.
  await page.keyboard.press('Control+z');
  await waitSaved(page);
  assert.equal(await text(page, 0, C.tw1K), kText(before.rows[0].tw[0].k));
  stored = (await kisi(id)).document;
  for (let i = 0; i < 300; i += 1) {
    assert.deepEqual(stored.rows[i].tw[0].k ?? null, before.rows[i].tw[0].k ?? null, `row ${i} after undo`);
  }
  // And one Ctrl+Y brings them back.
  await page.keyboard.press('Control+y');
  await waitSaved(page);
  stored = (await kisi(id)).document;
  for (let i = 0; i < 300; i += 1) {
    assert.deepEqual(stored.rows[i].tw[0].k, { type: 'number', value: `${i + 1}.25` }, `row ${i} after redo`);
  }

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 2. reactive computed columns --------------------------------------------------------------

test('typing a sub kegiatan TW II Rp updates its column 12, the roll-ups and the footer, then saves', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const { context, page } = await openGrid(id);
  const [prog, keg, sub] = [0, 1, 2];
  assert.deepEqual([before.rows[prog].level, before.rows[keg].level, before.rows[sub].level],
    ['program', 'kegiatan', 'sub_kegiatan']);

  // Before: what the document says.
  assert.equal(await page.locator('#kaki-realisasi').textContent(), `Rp ${angka(totalRealisasi(before))}`);
  assert.equal(await page.locator('#kaki-penyerapan').textContent(), persen(totalRealisasi(before), totalPagu(before)));
  assert.equal(await text(page, keg, C.tw2Rp), rpText(before.rows[keg].tw[1].rp));

  const typed = '12.345.678,91';
  const neu = 1234567891n;
  const oldSub = cents(before.rows[sub].tw[1].rp);
  const expKeg = cents(before.rows[keg].tw[1].rp) - oldSub + neu;
  const expProg = cents(before.rows[prog].tw[1].rp) - oldSub + neu;
  const expSub12 = c12rp(before.rows[sub]) - oldSub + neu;
  const expKeg12 = c12rp(before.rows[keg]) - oldSub + neu;
  const expProg12 = c12rp(before.rows[prog]) - oldSub + neu;
  const expTotal = totalRealisasi(before) - oldSub + neu;

  const target = cell(page, sub, C.tw2Rp);
  assert.ok((await classes(page, sub, C.tw2Rp)).includes('isi'));
  await target.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kisi-editor');
  await page.keyboard.type(typed);
  // Typing replaces: the editor holds only what was typed.
  assert.equal(await page.locator('#kisi-editor').inputValue(), typed);
  await page.keyboard.press('Enter');
  assert.deepEqual(await active(page), { row: sub + 1, c: C.tw2Rp });

  // Without reload, right after the commit.
  assert.equal(await text(page, sub, C.tw2Rp), typed);
  assert.equal(await text(page, sub, C.c12Rp), angka(expSub12));
  assert.equal(await text(page, sub, C.c13Rp), persen(expSub12, cents(before.rows[sub].target.rp)));
  assert.equal(await text(page, keg, C.tw2Rp), angka(expKeg));
  assert.equal(await text(page, keg, C.c12Rp), angka(expKeg12));
  assert.equal(await text(page, prog, C.tw2Rp), angka(expProg));
  assert.equal(await text(page, prog, C.c12Rp), angka(expProg12));
  assert.equal(await text(page, prog, C.c13Rp), persen(expProg12, cents(before.rows[prog].target.rp)));
  assert.equal(await page.locator('#kaki-realisasi').textContent(), `Rp ${angka(expTotal)}`);
  assert.equal(await page.locator('#kaki-penyerapan').textContent(), persen(expTotal, totalPagu(before)));
  // Roll-ups are not editable cells.
  assert.ok(!(await classes(page, keg, C.tw2Rp)).includes('isi'));

  // The server confirms, and has the value and the roll-ups.
  await waitSaved(page);
  const after = await kisi(id);
  assert.equal(cents(after.document.rows[sub].tw[1].rp), neu);
  assert.equal(cents(after.document.rows[keg].tw[1].rp), expKeg);
  assert.equal(cents(after.document.rows[prog].tw[1].rp), expProg);
  assert.equal(totalRealisasi(after.document), expTotal);

  // A reload shows the same.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  assert.equal(await text(page, sub, C.tw2Rp), typed);
  assert.equal(await text(page, keg, C.tw2Rp), angka(expKeg));
  assert.equal(await text(page, prog, C.c12Rp), angka(expProg12));
  assert.equal(await page.locator('#kaki-realisasi').textContent(), `Rp ${angka(expTotal)}`);
  assert.equal(await page.locator('#kisi-nama').inputValue(), 'Rina Marlina', 'the name is remembered');

  assert.deepEqual(page.errors, []);
  await context.close();
});

/** SAKIP (PermenPAN-RB 12/2015) as the regulation prints it: lower bound exclusive, upper inclusive. */
function sakip(capaian) {
  const x = Number(capaian);
  const bands = [[30, 'Sangat Kurang'], [50, 'Kurang'], [60, 'Cukup'], [70, 'Baik'],
    [80, 'Sangat Baik'], [90, 'Memuaskan']];
  for (const [upper, label] of bands) if (x <= upper) return label;
  return 'Sangat Memuaskan';
}

test('the workspace\'s rating scale (SAKIP) rates the grid, also while typing', async () => {
  const id = await newDocument('e81_102.xlsx');
  const { ringkasan } = (await api('GET', `/api/v1/dokumen/${id}`)).json;
  const put = await api('PUT', `/api/v1/ruang-kerja/${ringkasan.workspace_id}/pengaturan`,
    { versi: 0, pengaturan: { skala: { jenis: 'sakip' } } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const { context, page } = await openGrid(id);
  const { dokumen, hasil } = (await api('GET', `/api/v1/dokumen/${id}`)).json;
  const rated = [...hasil.rows.entries()].filter(([, r]) => r.capaian_sd_tw != null).slice(0, 12);
  assert.ok(new Set(rated.map(([, r]) => sakip(r.capaian_sd_tw))).size >= 3, 'several bands');
  for (const [i, r] of rated) {
    assert.equal(await text(page, i, C.predikat), sakip(r.capaian_sd_tw), `row ${i}: ${r.capaian_sd_tw}`);
  }

  // Typing a realisation recomputes the row's predikat in the browser, on the same scale.
  const [row] = rated.find(([i]) => dokumen.rows[i].level === 'sub_kegiatan' && dokumen.rows[i].target.k?.type === 'number');
  await clickCell(page, row, C.tw2K);
  await page.keyboard.type(kText(dokumen.rows[row].target.k));
  await page.keyboard.press('Enter');
  const shown = await text(page, row, C.predikat);
  await waitSaved(page);
  const now = (await api('GET', `/api/v1/dokumen/${id}`)).json.hasil.rows[row].capaian_sd_tw;
  assert.notEqual(now, hasil.rows[row].capaian_sd_tw, 'the edit changed the capaian');
  assert.equal(shown, sakip(now));
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 3. keyboard -------------------------------------------------------------------------------

test('keyboard: moving, editing, ranges, clear, fill down, undo/redo, other layouts and IME', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const k = (row, q) => kText(before.rows[row].tw[q - 1].k);
  const { context, page } = await openGrid(id, { viewport: { width: 2400, height: 500 } });
  const at = async (row, c) => assert.deepEqual(await active(page), { row, c });

  await clickCell(page, 2, C.tw2K);
  await at(2, C.tw2K);
  // Arrows, Tab/Shift+Tab, Enter/Shift+Enter.
  await press(page, 'ArrowDown'); await at(3, C.tw2K);
  await press(page, 'ArrowRight'); await at(3, C.tw2Rp);
  await press(page, 'ArrowLeft'); await at(3, C.tw2K);
  await press(page, 'ArrowUp'); await at(2, C.tw2K);
  await press(page, 'Tab'); await at(2, C.tw2Rp);
  await press(page, 'Shift+Tab'); await at(2, C.tw2K);
  await press(page, 'Enter'); await at(3, C.tw2K);
  await press(page, 'Shift+Enter'); await at(2, C.tw2K);

  // F2 opens the value, typing appends, Esc cancels.
  const editor = page.locator('#kisi-editor');
  await press(page, 'F2');
  assert.equal(await editor.inputValue(), k(2, 2));
  assert.match(await editor.getAttribute('class'), /terbuka/);
  await page.keyboard.type('5');
  assert.equal(await editor.inputValue(), `${k(2, 2)}5`);
  await press(page, 'Escape');
  assert.doesNotMatch(await editor.getAttribute('class'), /terbuka/);
  assert.equal(await text(page, 2, C.tw2K), k(2, 2));
  assert.equal(await page.locator('#kisi').getAttribute('data-belum-tersimpan'), '0');
  await at(2, C.tw2K);

  // Typing replaces; Enter commits and moves down (step A). In typing mode an arrow commits too (step B).
  await page.keyboard.type('8');
  assert.equal(await editor.inputValue(), '8');
  await press(page, 'Enter');
  await at(3, C.tw2K);
  assert.equal(await text(page, 2, C.tw2K), '8');
  await page.keyboard.type('2');
  await press(page, 'ArrowDown');
  await at(4, C.tw2K);
  assert.equal(await text(page, 3, C.tw2K), '2');

  // IME: keys that belong to a composition do nothing.
  let ev = await keydown(page, { key: 'Enter', code: 'Enter', isComposing: true });
  assert.equal(ev.isComposing, true);
  await at(4, C.tw2K);
  await page.keyboard.type('9');
  assert.equal(await editor.inputValue(), '9');
  await keydown(page, { key: 'Enter', code: 'Enter', isComposing: true });
  ev = await keydown(page, { key: 'Enter', code: 'Enter', keyCode: 229 });
  assert.equal(ev.keyCode, 229);
  assert.equal(ev.prevented, false);
  await at(4, C.tw2K);
  assert.match(await editor.getAttribute('class'), /terbuka/, 'the editor stays open during composition');
  assert.equal(await editor.inputValue(), '9');
  assert.equal(await text(page, 4, C.tw2K), k(4, 2));
  await press(page, 'Escape');
  assert.equal(await text(page, 4, C.tw2K), k(4, 2));

  // Home / End / Ctrl+Home.
  await press(page, 'Home'); await at(4, C.kode);
  await press(page, 'End'); await at(4, C.keterangan);
  await press(page, 'Control+Home'); await at(0, C.kode);
  for (let i = 0; i < C.tw1K; i += 1) await press(page, 'ArrowRight');
  await at(0, C.tw1K);

  // Ctrl+ArrowDown/Up: to the edge of the filled block, or to the next filled cell.
  const filled = before.rows.map((r) => r.tw[0].k != null);
  assert.deepEqual(filled.slice(0, 11), [true, true, false, true, true, true, true, false, false, false, true]);
  await press(page, 'Control+ArrowDown'); await at(1, C.tw1K);
  await press(page, 'Control+ArrowDown'); await at(3, C.tw1K);
  await press(page, 'Control+ArrowDown'); await at(6, C.tw1K);
  await press(page, 'Control+ArrowDown'); await at(10, C.tw1K);
  await press(page, 'Control+ArrowUp'); await at(6, C.tw1K);
  await press(page, 'Control+ArrowUp'); await at(3, C.tw1K);

  // PageDown / PageUp move a page of rows.
  await press(page, 'PageUp'); await at(0, C.tw1K);
  const pageRows = await page.locator('#kisi-gulir').evaluate((g) => Math.max(1, Math.floor((g.clientHeight - 68) / 28)));
  assert.ok(pageRows >= 5 && pageRows < before.rows.length - 1, `page of ${pageRows} rows`);
  await press(page, 'PageDown'); await at(pageRows, C.tw1K);
  await press(page, 'PageUp'); await at(0, C.tw1K);

  // Shift+arrows extend the range.
  await clickCell(page, 2, C.tw2K);
  await press(page, 'Shift+ArrowDown', 'Shift+ArrowDown', 'Shift+ArrowRight');
  await at(4, C.tw2Rp);
  assert.deepEqual(await selected(page), [[2, 12], [2, 13], [3, 12], [3, 13], [4, 12], [4, 13]]);
  await press(page, 'Escape');
  assert.deepEqual(await selected(page), [[4, 13]]);

  // Ctrl+A selects every cell (every drawn one is marked).
  await press(page, 'Control+a');
  const all = await page.evaluate(() => [document.querySelectorAll('#kisi-kanvas .sel').length,
    document.querySelectorAll('#kisi-kanvas .sel.terpilih').length]);
  assert.ok(all[0] > before.rows.length * 10, `${all[0]} cells drawn`);
  assert.equal(all[1], all[0]);

  // Delete clears a range of editable cells as one step (C); Ctrl+Z brings all back, Ctrl+Y clears again.
  await clickCell(page, 2, C.tw2K);
  await press(page, 'Shift+ArrowDown', 'Shift+ArrowRight');
  const rangeTexts = async () => [await text(page, 2, 12), await text(page, 2, 13), await text(page, 3, 12), await text(page, 3, 13)];
  const kept = ['8', rpText(before.rows[2].tw[1].rp), '2', rpText(before.rows[3].tw[1].rp)];
  assert.deepEqual(await rangeTexts(), kept);
  await press(page, 'Delete');
  assert.deepEqual(await rangeTexts(), ['', '', '', '']);
  await press(page, 'Control+z');
  assert.deepEqual(await rangeTexts(), kept);
  await press(page, 'Control+y');
  assert.deepEqual(await rangeTexts(), ['', '', '', '']);
  await press(page, 'Control+z');
  assert.deepEqual(await rangeTexts(), kept);

  // Ctrl+D fills the top row down the range (D), undone and redone in one step.
  await clickCell(page, 4, C.tw1K);
  await press(page, 'Shift+ArrowDown', 'Shift+ArrowDown');
  await press(page, 'Control+d');
  const top = k(4, 1);
  assert.deepEqual([await text(page, 5, C.tw1K), await text(page, 6, C.tw1K)], [top, top]);
  await press(page, 'Control+z');
  assert.deepEqual([await text(page, 5, C.tw1K), await text(page, 6, C.tw1K)], [k(5, 1), k(6, 1)]);
  await press(page, 'Control+y');
  assert.deepEqual([await text(page, 5, C.tw1K), await text(page, 6, C.tw1K)], [top, top]);
  // With one cell selected, Ctrl+D copies the cell above (E).
  await clickCell(page, 8, C.tw2K);
  await press(page, 'Control+d');
  assert.equal(await text(page, 8, C.tw2K), k(7, 2));

  // Shortcuts on other layouts: Cyrillic Ctrl+я (the Z key) undoes E, AZERTY Ctrl+Z (on the W key) undoes D.
  ev = await keydown(page, { key: 'я', code: 'KeyZ', ctrlKey: true });
  assert.equal(ev.prevented, true);
  assert.equal(await text(page, 8, C.tw2K), k(8, 2));
  await keydown(page, { key: 'z', code: 'KeyW', ctrlKey: true });
  assert.deepEqual([await text(page, 5, C.tw1K), await text(page, 6, C.tw1K)], [k(5, 1), k(6, 1)]);
  // AZERTY's Ctrl+W sits where QWERTY has Z: not an undo (B stays).
  ev = await keydown(page, { key: 'w', code: 'KeyZ', ctrlKey: true });
  assert.equal(ev.prevented, false);
  assert.equal(await text(page, 3, C.tw2K), '2');

  // What remains (A and B) is what the server has.
  await waitSaved(page);
  const after = (await kisi(id)).document;
  assert.deepEqual(after.rows[2].tw[1].k, { type: 'number', value: '8' });
  assert.deepEqual(after.rows[3].tw[1].k, { type: 'number', value: '2' });
  for (const [row, q] of [[4, 2], [5, 1], [6, 1], [8, 2]]) {
    assert.deepEqual(after.rows[row].tw[q - 1].k ?? null, before.rows[row].tw[q - 1].k ?? null, `row ${row} TW ${q}`);
  }
  assert.equal(cents(after.rows[2].tw[1].rp), cents(before.rows[2].tw[1].rp));

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 4. clipboard ------------------------------------------------------------------------------

test('copy gives Excel TSV and an HTML table; pasting it back works; a value that does not fit is refused whole', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const { context, page } = await openGrid(id);

  await clickCell(page, 2, C.tw2K);
  await press(page, 'Shift+ArrowDown', 'Shift+ArrowRight');
  const grid = [2, 3].map((r) => [kText(before.rows[r].tw[1].k), rpText(before.rows[r].tw[1].rp)]);
  const copied = await copy(page);
  assert.equal(copied.prevented, true);
  assert.equal(copied.text, grid.map((r) => `${r.join('\t')}\r\n`).join(''));
  assert.equal(copied.html, '<html><head><meta charset="utf-8"></head><body><table>'
    + grid.map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')
    + '</table></body></html>');

  // Paste it onto rows 5–6 (sub kegiatan of another kegiatan): values and that kegiatan's roll-up.
  const keg = 4;
  assert.deepEqual([before.rows[keg].level, before.rows[5].level, before.rows[6].level], ['kegiatan', 'sub_kegiatan', 'sub_kegiatan']);
  await clickCell(page, 5, C.tw2K);
  await paste(page, { 'text/plain': copied.text, 'text/html': copied.html });
  assert.equal(await page.locator('#kisi-pesan').textContent(), '');
  assert.deepEqual([await text(page, 5, 12), await text(page, 5, 13), await text(page, 6, 12), await text(page, 6, 13)], grid.flat());
  const kegRp = cents(before.rows[2].tw[1].rp) + cents(before.rows[3].tw[1].rp);
  assert.equal(await text(page, keg, C.tw2Rp), angka(kegRp));
  assert.deepEqual(await selected(page), [[5, 12], [5, 13], [6, 12], [6, 13]]);
  assert.deepEqual(await active(page), { row: 5, c: C.tw2K });
  await waitSaved(page);
  let stored = (await kisi(id)).document;
  assert.deepEqual(stored.rows[5].tw[1].k, before.rows[2].tw[1].k);
  assert.equal(cents(stored.rows[6].tw[1].rp), cents(before.rows[3].tw[1].rp));
  assert.equal(cents(stored.rows[keg].tw[1].rp), kegRp);
  const versi = (await kisi(id)).summary.versi;

  // 'abc' into an Rp cell: refused with the reason, nothing changes.
  await clickCell(page, 2, C.tw2Rp);
  await paste(page, { 'text/plain': 'abc' });
  assert.equal(await page.locator('#kisi-pesan').textContent(), "Baris 3 (X.XX.01.2.09.0002), Realisasi Rp TW II (kolom 9): 'abc' bukan angka");
  assert.ok(await page.locator('#kisi-pesan').isVisible());
  assert.equal(await text(page, 2, C.tw2Rp), rpText(before.rows[2].tw[1].rp));
  // A block whose first cell fits but the second does not is refused whole.
  await clickCell(page, 2, C.tw2K);
  await paste(page, { 'text/plain': '99\tabc\r\n' });
  assert.equal(await page.locator('#kisi-pesan').textContent(), "Baris 3 (X.XX.01.2.09.0002), Realisasi Rp TW II (kolom 9): 'abc' bukan angka");
  assert.equal(await text(page, 2, C.tw2K), kText(before.rows[2].tw[1].k));
  // Onto a roll-up: refused with why.
  await clickCell(page, 1, C.tw2Rp);
  await paste(page, { 'text/plain': '5' });
  assert.equal(await page.locator('#kisi-pesan').textContent(),
    'Baris 2 (X.XX.01.2.09), Realisasi Rp TW II (kolom 9): Rp program/kegiatan adalah jumlah rinciannya: isi pada sub kegiatan.');
  assert.equal(await page.locator('#kisi').getAttribute('data-belum-tersimpan'), '0');
  stored = await kisi(id);
  assert.equal(stored.summary.versi, versi, 'nothing stored');
  // Ctrl+Z still undoes the last real paste (the refusals were no steps).
  await press(page, 'Control+z');
  assert.deepEqual([await text(page, 5, 12), await text(page, 5, 13)], [kText(before.rows[5].tw[1].k), rpText(before.rows[5].tw[1].rp)]);
  await waitSaved(page);

  assert.deepEqual(page.errors, []);
  await context.close();
});

/** Excel's clipboard HTML cut down to its data rows' K, Rp, K, Rp cells (still Excel's markup). */
function excelDataCells(html) {
  const open = '<!--StartFragment-->';
  const start = html.indexOf(open) + open.length;
  const end = html.indexOf('<!--EndFragment-->');
  const rows = [...html.slice(start, end).matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  const data = rows.slice(3, 7).map((tr) => {
    const tds = [...tr.matchAll(/<td[\s\S]*?<\/td>/g)].map((m) => m[0]);
    return `${tr.match(/^<tr[^>]*>/)[0]}\n${tds.slice(-5, -1).join('\n')}\n</tr>`;
  });
  return `${html.slice(0, start)}\n${data.join('\n')}\n${html.slice(end)}`;
}

test('paste from Excel 365 (HTML): the whole table is refused with the reason; its data cells paste exactly', async () => {
  const id = await newDocument('e81_102.xlsx');
  const before = (await kisi(id)).document;
  const levels = before.rows.slice(1, 7).map((r) => r.level);
  assert.deepEqual(levels, ['kegiatan', 'sub_kegiatan', 'sub_kegiatan', 'sub_kegiatan', 'sub_kegiatan', 'kegiatan']);
  const { context, page } = await openGrid(id);
  const html = readFileSync(clip('excel_365.html'), 'utf8');
  const expected = JSON.parse(readFileSync(clip('excel_365.expected.json'), 'utf8'));
  const plain = expected.map((r) => r.join('\t')).join('\r\n');
  const cols = [C.tw1K, C.tw1Rp, C.tw2K, C.tw2Rp];
  const texts = async () => {
    const out = [];
    for (let r = 2; r <= 5; r += 1) for (const c of cols) out.push(await text(page, r, c));
    return out;
  };
  const original = await texts();

  // The whole table (title rows, No, Indikator…) cannot land on the form's cells.
  await clickCell(page, 2, C.tw1K);
  await paste(page, { 'text/html': html, 'text/plain': plain });
  const kode = before.rows[2].kode;
  assert.equal(await page.locator('#kisi-pesan').textContent(),
    `Baris 3${kode ? ` (${kode})` : ''}, Realisasi Rp TW I (kolom 8): '${expected[0][1]}' bukan angka`);
  assert.deepEqual(await texts(), original);

  // Its data rows' K/Rp/K/Rp cells onto TW I and TW II of four sub kegiatan.
  const block = expected.slice(3, 7).map((r) => r.slice(3, 7));
  const shown = block.flat().map((v, i) => {
    if (v === '') return '';
    if (/^\d+(\.\d+)?$/.test(v)) return angka(cents(v));
    assert.ok(i % 2 === 0, `text ${v} in an Rp column`);
    return v;
  });
  assert.deepEqual(shown, ['12', '2.700.000.000', '8', '1.234.567,89', '45', '150.000.000', '0', '37.962.870,50',
    'BB', '5.407.000', 'BB (71,51)', '5.407.000', '71', '', '70,50', '']);
  await clickCell(page, 2, C.tw1K);
  // Excel's text/plain flavour carries the displayed texts (rounded 1.234.568, accounting "Rp -"):
  // the HTML flavour, with its full-precision x:num values, must win.
  const displayed = [['12', '2.700.000.000 ', '8', '1.234.568 '], ['45', ' Rp 150.000.000 ', ' Rp - ', '37.962.870,50'],
    ['BB', '5.407.000 ', 'BB (71,51)', '5.407.000 '], ['71', '', '70,50', '']];
  await paste(page, { 'text/html': excelDataCells(html), 'text/plain': `${displayed.map((r) => r.join('\t')).join('\r\n')}\r\n` });
  assert.equal(await page.locator('#kisi-pesan').textContent(), '');
  assert.deepEqual(await texts(), shown);
  await waitSaved(page);
  const stored = (await kisi(id)).document;
  assert.deepEqual(stored.rows[2].tw[0].k, { type: 'number', value: '12' });
  assert.equal(stored.rows[2].tw[1].rp, '1234567.89');
  assert.equal(cents(stored.rows[3].tw[1].rp), 3796287050n);
  assert.deepEqual(stored.rows[4].tw[0].k, { type: 'grade', value: { grade: 'BB', score: null } });
  assert.deepEqual(stored.rows[4].tw[1].k, { type: 'grade', value: { grade: 'BB', score: '71.51' } });
  assert.equal(stored.rows[5].tw[1].k.type, 'number');
  assert.equal(stored.rows[5].tw[1].rp ?? null, null);

  // One Ctrl+Z restores all 16 cells.
  await press(page, 'Control+z');
  assert.deepEqual(await texts(), original);
  await waitSaved(page);
  const undone = (await kisi(id)).document;
  for (let r = 2; r <= 5; r += 1) assert.deepEqual(undone.rows[r].tw, before.rows[r].tw, `row ${r}`);

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 5. validation markers ---------------------------------------------------------------------

test('validation markers on cells, the problem list, and jumping to a problem', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const server = await api('GET', `/api/v1/dokumen/${id}`);
  const warnings = server.json.masalah.filter((p) => p.severity === 'warning').length;
  const { context, page } = await openGrid(id);
  const row = 2;
  const r = before.rows[row];
  assert.equal(r.semantics.aggregation, 'sum');

  // Imported: capaian below Sedang without a faktor penghambat, marked at column 13 K.
  const capaian = persen(cents(r.tw[1].k.value), cents(r.target.k.value));
  assert.ok((await classes(page, row, C.c13K)).includes('m-peringatan'));
  assert.equal(await cell(page, row, C.c13K).getAttribute('title'),
    `Capaian ${capaian} di bawah batas kategori Sedang (66,00%): isi Faktor penghambat TW II`);
  assert.ok(!(await classes(page, row, C.c12Rp)).some((c) => c.startsWith('m-')));
  assert.equal(await page.locator('#kisi-jumlah-masalah').textContent(), `0 galat, ${warnings} peringatan, 0 info`);

  // Realisasi above the pagu.
  const pagu = cents(r.target.rp);
  const realisasi = 4000000000n;
  await clickCell(page, row, C.tw2Rp);
  await page.keyboard.type('40.000.000');
  await press(page, 'Enter');
  const pesanPagu = `Realisasi anggaran Rp ${angka(realisasi)} melebihi pagu Rp ${angka(pagu)} (selisih Rp ${angka(realisasi - pagu)})`;
  assert.ok((await classes(page, row, C.c12Rp)).includes('m-peringatan'));
  assert.equal(await cell(page, row, C.c12Rp).getAttribute('title'), pesanPagu);

  // Capaian over 100 % without a keterangan (marked at Keterangan).
  const k = 300n;
  await clickCell(page, row, C.tw2K);
  await page.keyboard.type('300');
  await press(page, 'Enter');
  assert.ok(!(await classes(page, row, C.c13K)).some((c) => c.startsWith('m-')), 'the low-capaian warning is gone');
  assert.equal(await text(page, row, C.c13K), persen(k * 100n, cents(r.target.k.value)));
  const pesanLebih = `Capaian ${persen(k * 100n, cents(r.target.k.value))} melebihi 100%: isi penjelasan di Keterangan`;
  await page.waitForFunction((t) => document.querySelector('#kisi-jumlah-masalah').textContent === t,
    `0 galat, ${warnings + 1} peringatan, 0 info`);

  // The side list has both; clicking an item makes its cell active.
  await page.click('#kisi-masalah-tombol');
  await page.locator('#kisi-samping.terbuka #kisi-daftar-masalah').waitFor();
  assert.equal(await page.locator('#kisi-daftar-masalah li').count(), warnings + 1);
  const lebih = page.locator('#kisi-daftar-masalah li[data-kode="capaian_lebih_100"]');
  assert.equal(await lebih.count(), 1);
  assert.match(await lebih.textContent(), new RegExp(pesanLebih.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await lebih.click();
  assert.deepEqual(await active(page), { row, c: C.keterangan });
  assert.ok((await classes(page, row, C.keterangan)).includes('m-peringatan'));
  assert.equal(await cell(page, row, C.keterangan).getAttribute('title'), pesanLebih);
  const pagu2 = page.locator('#kisi-daftar-masalah li[data-kode="realisasi_melebihi_pagu"]');
  assert.equal(await pagu2.count(), 1);
  assert.match(await pagu2.textContent(), /Baris 3 \(X\.XX\.01\.2\.09\.0002\), 12\. Realisasi \(8\+9\+10\+11\) Rp/);
  await pagu2.click();
  assert.deepEqual(await active(page), { row, c: C.c12Rp });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kisi-editor');

  // A keterangan explains it: the marker goes.
  await page.keyboard.press('End');
  await page.keyboard.type('Kegiatan tambahan dari APBD-P');
  await press(page, 'Enter');
  assert.ok(!(await classes(page, row, C.keterangan)).some((c) => c.startsWith('m-')));
  await page.waitForFunction(() => !document.querySelector('#kisi-daftar-masalah li[data-kode="capaian_lebih_100"]'));

  // The server computes the same problem.
  await waitSaved(page);
  const after = await api('GET', `/api/v1/dokumen/${id}`);
  const p = after.json.masalah.find((m) => m.code === 'realisasi_melebihi_pagu');
  assert.equal(p?.message, pesanPagu);
  assert.equal(p?.at.row, row);

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 6. side panel -----------------------------------------------------------------------------

test('row panel: indicator settings and narratives save; the draft becomes the keterangan', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const row = 3;
  const r = before.rows[row];
  assert.deepEqual([r.level, r.semantics.aggregation, r.semantics.polarity, r.semantics.cap_100, r.semantics.value_type],
    ['sub_kegiatan', 'sum', 'higher_is_better', false, 'count']);
  const { context, page } = await openGrid(id);
  const tk = cents(r.target.k.value);
  const sum = cents(r.tw[0].k.value) + cents(r.tw[1].k.value);
  assert.equal(await text(page, row, C.c13K), persen(sum, tk));
  assert.ok((await classes(page, row, C.c13K)).includes('m-peringatan'));

  await page.locator(`#kisi-kanvas .baris[data-baris="${row}"] .panel-buka`).click();
  const side = page.locator('#kisi-samping');
  await side.locator(`select[data-sel="agregasi"][data-baris="${row}"]`).waitFor();
  assert.match(await side.getAttribute('class'), /terbuka/);
  assert.equal(await side.locator('h3').textContent(), r.name);
  const sel = (key) => side.locator(`select[data-sel="${key}"]`);
  assert.equal(await sel('agregasi').inputValue(), 'jumlah');
  assert.equal(await sel('polaritas').inputValue(), 'naik');
  assert.equal(await sel('batas_100').inputValue(), 'tidak');
  assert.equal(await sel('jenis_nilai').inputValue(), 'jumlah');
  for (const key of ['pendorong_tw2', 'penghambat_tw2', 'tindak_lanjut_tw2', 'keterangan_tw2']) {
    assert.ok(await side.locator(`textarea[data-sel="${key}"]`).isVisible(), key);
  }

  // Aggregation "last": column 12 K and the capaian follow at once, and it is stored.
  await sel('agregasi').selectOption('terakhir');
  assert.equal(await text(page, row, C.c12K), kText(r.tw[1].k));
  assert.equal(await text(page, row, C.c13K), persen(cents(r.tw[1].k.value), tk));
  await waitSaved(page);
  assert.equal((await kisi(id)).document.rows[row].semantics.aggregation, 'last');

  // A faktor penghambat: saved, and the low-capaian warning goes.
  const penghambat = 'Pengadaan suku cadang terlambat karena lelang ulang.';
  await side.locator('textarea[data-sel="penghambat_tw2"]').fill(penghambat);
  await side.locator('textarea[data-sel="penghambat_tw2"]').press('Tab');
  await waitSaved(page);
  assert.equal((await kisi(id)).document.rows[row].narasi?.[1]?.penghambat, penghambat);
  assert.ok(!(await classes(page, row, C.c13K)).some((c) => c.startsWith('m-')));

  // The draft: realisasi s.d. TW II against the pagu, then "Pakai draf" stores it.
  const realisasi = cents(r.tw[0].rp) + cents(r.tw[1].rp);
  const pagu = cents(r.target.rp);
  const draft = await page.locator('#panel-draf').textContent();
  assert.ok(draft.startsWith(`Realisasi anggaran sampai dengan Triwulan II sebesar Rp ${angka2(realisasi)} atau ${persen(realisasi, pagu)} dari pagu Rp ${angka2(pagu)}.`), draft);
  await page.click('#pakai-draf');
  await waitSaved(page);
  assert.equal((await kisi(id)).document.rows[row].narasi?.[1]?.keterangan, draft);
  await page.waitForFunction((d) => document.querySelector('#kisi-samping textarea[data-sel="keterangan_tw2"]')?.value === d, draft);

  // After a reload the panel shows what was stored.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  await page.locator(`#kisi-kanvas .baris[data-baris="${row}"] .panel-buka`).click();
  await side.locator('select[data-sel="agregasi"]').waitFor();
  assert.equal(await sel('agregasi').inputValue(), 'terakhir');
  assert.equal(await side.locator('textarea[data-sel="penghambat_tw2"]').inputValue(), penghambat);

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 6b. column 2: the sasaran a program serves -----------------------------------------------

test('column 2: the sasaran a program serves is read from the file, retyped in the grid, saved, and its kegiatan show none of their own', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  assert.equal(before.rows[0].level, 'program');
  // e81_101's column 2 names the sasaran once, on the program's row.
  const dibaca = 'Meningkatnya pelayanan internal perangkat daerah';
  assert.equal(before.rows[0].rencana?.sasaran, dibaca);
  assert.equal(before.rows[1].rencana?.sasaran, undefined);
  const { context, page } = await openGrid(id);
  const groupsShown = await page.locator('.kisi-kepala .hk[data-kelompok]').evaluateAll(
    (els) => els.map((e) => e.textContent));
  assert.ok(groupsShown.includes('2. Sasaran yang didukung'), groupsShown.join(' | '));
  assert.equal(await text(page, 0, C.sasaran), dibaca);

  const sasaran = 'Meningkatnya kualitas pelayanan administrasi kepegawaian';
  await clickCell(page, 0, C.sasaran);
  await page.keyboard.type(sasaran);
  await press(page, 'Enter');
  await waitSaved(page);
  assert.equal(await text(page, 0, C.sasaran), sasaran);
  const after = (await kisi(id)).document;
  assert.equal(after.rows[0].rencana.sasaran, sasaran);
  assert.equal(after.rows[1].rencana?.sasaran, undefined, 'the kegiatan serves its program\'s without a cell of its own');

  // After a reload the cell shows what was stored.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  assert.equal(await text(page, 0, C.sasaran), sasaran);
  assert.equal(await text(page, 1, C.sasaran), '');

  assert.deepEqual(page.errors, []);
  await context.close();
});

// ----- 7. locked quarter -------------------------------------------------------------------------

test('a submitted quarter is locked in the grid: marked, and typing into it is refused', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const { context, page } = await openGrid(id);
  assert.ok((await classes(page, 2, C.tw2K)).includes('isi'));

  // Submitted by someone else while the grid is open: the save is refused and the cell goes back.
  const sub = await api('POST', `/api/v1/dokumen/${id}/pengajuan`, { triwulan: 2, oleh: 'Kepala Bidang' });
  assert.equal(sub.status, 201, JSON.stringify(sub.json));
  const versi = (await kisi(id)).summary.versi;
  await clickCell(page, 2, C.tw2K);
  await page.keyboard.type('77');
  await press(page, 'Enter');
  await page.waitForFunction(() => /baru saja diajukan/.test(document.querySelector('#kisi-pesan').textContent));
  assert.equal(await page.locator('#kisi-pesan').textContent(),
    'Triwulan II baru saja diajukan dan terkunci: perubahan di kolomnya tidak tersimpan (Baris 3 (X.XX.01.2.09.0002), Realisasi K TW II (kolom 9)).');
  await page.waitForFunction(() => document.querySelector('.kisi-kepala .hk.terkunci'));
  assert.equal(await text(page, 2, C.tw2K), kText(before.rows[2].tw[1].k));
  await waitSaved(page);

  // After a reload: the header and the cells say so.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  const head = page.locator('.kisi-kepala .hk[data-kelompok="9. Triwulan II"]');
  assert.match(await head.textContent(), /terkunci/);
  assert.match(await head.getAttribute('class'), /terkunci/);
  assert.doesNotMatch(await page.locator('.kisi-kepala .hk[data-kelompok="8. Triwulan I"]').textContent(), /terkunci/);
  for (const c of [C.tw2K, C.tw2Rp]) {
    const cls = await classes(page, 2, c);
    assert.ok(cls.includes('terkunci') && !cls.includes('isi'), `column ${c}: ${cls}`);
  }
  assert.ok((await classes(page, 2, C.tw1K)).includes('isi'));

  await clickCell(page, 2, C.tw2Rp);
  await page.keyboard.type('5');
  const locked = 'Triwulan II sudah diajukan dan terkunci; buka kuncinya dulu (dengan alasan) untuk mengubahnya.';
  assert.equal(await page.locator('#kisi-pesan').textContent(), locked);
  assert.doesNotMatch(await page.locator('#kisi-editor').getAttribute('class'), /terbuka/);
  assert.equal(await page.locator('#kisi-editor').inputValue(), '');
  assert.equal(await text(page, 2, C.tw2Rp), rpText(before.rows[2].tw[1].rp));
  // Delete and paste are refused the same way.
  await press(page, 'Delete');
  assert.equal(await page.locator('#kisi-pesan').textContent(), `Baris 3 (X.XX.01.2.09.0002), Realisasi Rp TW II (kolom 9): ${locked}`);
  await paste(page, { 'text/plain': '5' });
  assert.equal(await page.locator('#kisi-pesan').textContent(), `Baris 3 (X.XX.01.2.09.0002), Realisasi Rp TW II (kolom 9): ${locked}`);
  assert.equal(await page.locator('#kisi').getAttribute('data-belum-tersimpan'), '0');
  assert.equal((await kisi(id)).summary.versi, versi, 'nothing stored');

  assert.deepEqual(withoutExpected(page.errors, [/status of 423/]), []);
  await context.close();
});

// ----- 7b. rows added by a merge ---------------------------------------------------------------

test('rows a merged file added: a grid loaded before refuses to save, with the reason; reloaded, it shows the row and saves into it', async () => {
  const id = await newDocument();
  const before = await kisi(id);
  const { context, page } = await openGrid(id);

  // Meanwhile someone merges the agency's next file, which has a sub kegiatan the document lacks.
  const other = await openPage(context, `${env.server.url}/ruang-kerja/${before.summary.workspace_id}`);
  await other.waitForSelector('#app[data-hydrated="true"]');
  assert.equal(await other.locator('#tujuan').inputValue(), id);
  await other.setInputFiles('#berkas', mergeFixture('e81_101_baris_baru.xlsx'));
  await Promise.all([other.waitForURL(/\/(pemetaan|gabung)\//), other.click('#form-unggah button')]);
  if (/\/pemetaan\//.test(other.url())) {
    await other.fill('#oleh-pemetaan', 'Budi Santoso');
    await Promise.all([other.waitForURL(/\/gabung\//), other.click('#konfirmasi-impor')]);
  }
  assert.match(await other.locator('#ringkasan-gabung').innerText(), /1 baris berkas tidak ada di dokumen \(baris baru\)/);
  assert.ok(await other.locator('#tambah-baris-baru').isChecked());
  await other.fill('#oleh-gabung', 'Budi Santoso');
  const take = (await other.locator('#jadikan-template').count()) ? '#jadikan-template' : '#terima-dipilih';
  await Promise.all([other.waitForURL(/\/dokumen\//), other.click(take)]);
  assert.match(await other.locator('#pesan').innerText(), /1 baris baru ditambahkan ke dokumen/);
  const after = await kisi(id);
  const r = after.document.rows.findIndex((row) => row.name === 'Penyusunan Dokumen Evaluasi Kinerja Tambahan');
  assert.ok(r > 0 && r < before.document.rows.length, `new row at ${r}`);
  assert.equal(after.document.rows.length, before.document.rows.length + 1);

  // The grid loaded before the merge: position r is another row there. Its save is refused with
  // the reason, nothing is stored, and the cell goes back.
  await clickCell(page, r, C.tw2K);
  await page.keyboard.type('77');
  await press(page, 'Enter');
  await page.waitForFunction(() => /bertambah sejak lembar dimuat/.test(document.querySelector('#kisi-pesan').textContent));
  assert.equal(await text(page, r, C.tw2K), kText(before.document.rows[r].tw[1].k));
  assert.equal((await kisi(id)).summary.versi, after.summary.versi, 'nothing stored');

  // Reloaded: the new row under its kegiatan, with the file's values; typing into it saves.
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  await page.fill('#kisi-nama', 'Rina Marlina');
  assert.match(await text(page, r, C.nama), /Penyusunan Dokumen Evaluasi Kinerja Tambahan/);
  assert.equal(await text(page, r, C.tw2K), kText(after.document.rows[r].tw[1].k));
  await clickCell(page, r, C.tw2K);
  await page.keyboard.type('2');
  await press(page, 'Enter');
  await waitSaved(page);
  assert.equal(String((await kisi(id)).document.rows[r].tw[1].k.value), '2');

  assert.deepEqual(withoutExpected(page.errors, [/status of 409/]), []);
  await context.close();
});

// ----- 8. offline --------------------------------------------------------------------------------

test('offline: edits wait with a clear status and are saved by themselves when the connection is back', async () => {
  const id = await newDocument();
  const { context, page } = await openGrid(id);
  await context.setOffline(true);
  await clickCell(page, 2, C.tw2K);
  await page.keyboard.type('42');
  await press(page, 'Enter');
  assert.equal(await text(page, 2, C.tw2K), '42');
  await page.waitForFunction(() => /^Koneksi terputus/.test(document.querySelector('#kisi-status').textContent));
  assert.equal(await page.locator('#kisi-status').textContent(),
    'Koneksi terputus: 1 perubahan menunggu dan dikirim otomatis saat tersambung lagi.');
  assert.equal(await page.locator('#kisi').getAttribute('data-belum-tersimpan'), '1');
  // A second edit while offline waits too.
  await page.keyboard.type('3');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelector('#kisi').dataset.belumTersimpan === '2');
  assert.equal((await kisi(id)).summary.versi, 0, 'nothing reached the server');

  await context.setOffline(false);
  await waitSaved(page);
  const stored = (await kisi(id)).document;
  assert.deepEqual(stored.rows[2].tw[1].k, { type: 'number', value: '42' });
  assert.deepEqual(stored.rows[3].tw[1].k, { type: 'number', value: '3' });

  assert.deepEqual(withoutExpected(page.errors, [/net::ERR_INTERNET_DISCONNECTED/]), []);
  await context.close();
});

// ----- 9. conflicts ------------------------------------------------------------------------------

test('conflict: a cell changed by someone else offers both values; mine or theirs', async () => {
  const id = await newDocument();
  const { context, page } = await openGrid(id);
  for (const [baris, nilai] of [[2, '9'], [3, '7']]) {
    const r = await api('PATCH', `/api/v1/dokumen/${id}/sel`, {
      oleh: 'Budi', perubahan: [{ baris, kolom: 'tw2_k', nilai, versi: 0 }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }

  // Mine.
  await clickCell(page, 2, C.tw2K);
  await page.keyboard.type('50');
  await press(page, 'Enter');
  const box = page.locator('#kisi-konflik');
  await box.locator('li').waitFor();
  assert.match(await box.textContent(), /Baris 3 \(X\.XX\.01\.2\.09\.0002\), Realisasi K TW II \(kolom 9\): nilai Anda 50, nilai tersimpan 9/);
  assert.equal(await box.locator('.nilai-saya').textContent(), '50');
  assert.equal(await box.locator('.nilai-mereka').textContent(), '9');
  assert.equal(await page.locator('#kisi-pesan').textContent(),
    'Sebagian sel sudah diubah orang lain sejak Anda memuatnya: pilih nilai yang dipakai.');
  assert.equal(await page.locator('#kisi-status').textContent(), 'Ada sel yang diubah orang lain: pilih nilai yang dipakai.');
  assert.equal(await page.locator('#kisi').getAttribute('data-belum-tersimpan'), '1');
  await box.getByRole('button', { name: 'Pakai nilai saya' }).click();
  await waitSaved(page);
  assert.equal(await box.textContent(), '');
  assert.deepEqual((await kisi(id)).document.rows[2].tw[1].k, { type: 'number', value: '50' });
  assert.equal(await text(page, 2, C.tw2K), '50');

  // Theirs.
  await clickCell(page, 3, C.tw2K);
  await page.keyboard.type('70');
  await press(page, 'Enter');
  await box.locator('li').waitFor();
  assert.equal(await box.locator('.nilai-saya').textContent(), '70');
  assert.equal(await box.locator('.nilai-mereka').textContent(), '7');
  await box.getByRole('button', { name: 'Pakai nilai tersimpan' }).click();
  await waitSaved(page);
  assert.equal(await box.textContent(), '');
  assert.equal(await text(page, 3, C.tw2K), '7');
  assert.deepEqual((await kisi(id)).document.rows[3].tw[1].k, { type: 'number', value: '7' });
  const activity = await api('GET', `/api/v1/dokumen/${id}/aktivitas`);
  assert.equal(JSON.stringify(activity.json).includes('"70"'), false, 'my refused value was never stored');

  assert.deepEqual(withoutExpected(page.errors, [/status of 409/]), []);
  await context.close();
});

// ----- 10. without JavaScript --------------------------------------------------------------------

test('without JavaScript the document page shows the server-side table with computed columns', async () => {
  const id = await newDocument();
  const before = (await kisi(id)).document;
  const r = await api('PATCH', `/api/v1/dokumen/${id}/sel`, {
    oleh: 'Rina', perubahan: [{ baris: 2, kolom: 'tw2_rp', nilai: '12.345.678,91', versi: 0 }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const neu = 1234567891n;
  const old = cents(before.rows[2].tw[1].rp);

  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await openPage(context, `${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#tabel-dokumen');
  assert.match(await page.locator('#kisi').textContent(), /Tanpa JavaScript, isi dokumen tetap terbaca/);
  assert.equal(await page.locator('#kisi-kanvas').count(), 0);
  assert.ok(await page.locator('#tabel-dokumen').isVisible());
  const rows = page.locator('#tabel-dokumen tbody tr');
  assert.equal(await rows.count(), before.rows.length);
  const tds = async (i) => rows.nth(i).locator('td').allTextContents();
  // td: 0 Baris, 1 Kode, 2 Nama, 3 Indikator, 4 Satuan, 5–6 Target, 7–14 TW I–IV, 15–16 col 12, 17–18 col 13.
  const sub = await tds(2);
  assert.equal(sub[2], before.rows[2].name);
  assert.equal(sub[10], '12.345.678,91');
  assert.equal(sub[16], angka(c12rp(before.rows[2]) - old + neu));
  const prog = await tds(0);
  assert.match(await rows.nth(0).getAttribute('class'), /program/);
  const progRp = cents(before.rows[0].tw[1].rp) - old + neu;
  assert.equal(prog[10], angka(progRp));
  const prog12 = c12rp(before.rows[0]) - old + neu;
  assert.equal(prog[16], angka(prog12));
  assert.equal(prog[18], persen(prog12, cents(before.rows[0].target.rp)));
  assert.equal(prog[17], persen(cents(before.rows[0].tw[1].k.value), cents(before.rows[0].target.k.value)));

  assert.deepEqual(page.errors, []);
  await context.close();
});
