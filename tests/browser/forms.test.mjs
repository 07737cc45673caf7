// One document, every form kind's columns (capaian_domain::form::all): the E.81, the Renja, the
// rencana aksi and the Perjanjian Kinerja are grids over the same values, chosen by
// `?formulir=<key>` on the document page. A target typed under the PK's columns is column 7 of the
// E.81; the rencana aksi's TW targets are checked against the year's; the Renja's lokasi and
// n+1 pagu are kept; the realisasi anggaran's months make their quarter. Expected values come
// from what the test typed and from the API's document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiRequest, openPage, useCapaianAndBrowser } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));
const env = useCapaianAndBrowser();
const api = (method, path, body) => apiRequest(env.server.url, method, path, body);
const SAVED = 'Semua perubahan tersimpan.';

async function newDocument(namaPd = 'Dinas Uji Formulir') {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: namaPd, kabupaten: 'Kabupaten Tanah Bumbu', tahun: '2026',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=e81_101.xlsx`,
    new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  return up.json.dokumen.id;
}

async function kisi(id) {
  const r = await api('GET', `/api/v1/dokumen/${id}/kisi`);
  assert.equal(r.status, 200);
  return r.json.document;
}

/** The grid's column (data-c) whose header group and K/Rp sub-label are given. */
async function column(page, group, sub = '') {
  return page.evaluate(([group, sub]) => {
    const heads = [...document.querySelectorAll('.kisi-kepala .hk')];
    const g = heads.find((h) => h.dataset.kelompok === group);
    if (!g) return -1;
    if (!sub) {
      // A column without a sub-label: its header's left edge is its cell's.
      const left = g.style.left;
      const any = [...document.querySelectorAll('#kisi-kanvas .baris .sel')].find((s) => s.style.left === left);
      return any ? Number(any.dataset.c) : -1;
    }
    const gl = parseFloat(g.style.left);
    const gw = parseFloat(g.style.width);
    const s = heads.find((h) => h.classList.contains('sub') && h.textContent === sub
      && parseFloat(h.style.left) >= gl && parseFloat(h.style.left) < gl + gw);
    return s ? Number(s.dataset.c) : -1;
  }, [group, sub]);
}

async function openForm(context, id, key) {
  const page = await openPage(context, `${env.server.url}/dokumen/${id}?formulir=${key}`);
  await page.waitForSelector('#kisi[data-siap="true"]');
  return page;
}

const cell = (page, row, c) => page.locator(`#kisi-kanvas .baris[data-baris="${row}"] > .sel[data-c="${c}"]`);

async function typeAt(page, row, c, value) {
  const loc = cell(page, row, c);
  await loc.scrollIntoViewIfNeeded();
  await loc.click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

async function waitSaved(page) {
  await page.waitForFunction((saved) => document.querySelector('#kisi-status')?.textContent === saved
    && document.querySelector('#kisi')?.dataset.belumTersimpan === '0', SAVED);
}

test('a target typed in the PK grid is the E.81\'s column 7; the rencana aksi and the Renja edit the same rows', async () => {
  const id = await newDocument();
  const before = await kisi(id);
  const context = await env.browser.newContext({ viewport: { width: 2400, height: 1000 } });

  // The PK: its own columns, its tab current, the target editable (it is set here).
  let page = await openForm(context, id, 'perjanjian_kinerja');
  assert.match(await page.locator('#kisi-formulir').textContent(), /Perjanjian Kinerja/);
  assert.equal(await page.locator('.kisi-tab a[aria-current="page"]').getAttribute('data-formulir'), 'perjanjian_kinerja');
  assert.equal(await page.locator('.kisi-tab a').count(), 6);
  const pkTarget = await column(page, 'Target', 'K');
  assert.ok(pkTarget > 0, 'the PK has a Target column');
  const prog = before.rows.findIndex((r) => r.level === 'program');
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, prog, pkTarget, '97,5');
  assert.equal(await cell(page, prog, pkTarget).textContent(), '97,50');
  await waitSaved(page);
  assert.deepEqual((await kisi(id)).rows[prog].target.k, { type: 'number', value: '97.5' });

  // The E.81 grid on its next load shows it in column 7 K, where it is not editable outside a
  // budget change (the E.81 reports against the plan's target).
  await page.click('.kisi-tab a[data-formulir="E.81"]');
  await page.waitForURL(/formulir=E\.81/);
  await page.waitForSelector('#kisi[data-siap="true"]');
  const e81Target = await column(page, '7. Target tahun berjalan', 'K');
  assert.equal(e81Target, 8);
  assert.equal(await cell(page, prog, e81Target).textContent(), '97,50');
  assert.ok(!(await cell(page, prog, e81Target).getAttribute('class')).split(/\s+/).includes('isi'));
  // So does the laporan triwulan's target, on its next load.
  page = await openForm(context, id, 'laporan_triwulan');
  const lapTarget = await column(page, 'Target tahun berjalan', 'K');
  assert.ok(lapTarget > 0, 'the laporan has the year\'s target');
  assert.equal(await cell(page, prog, lapTarget).textContent(), '97,50');

  // The rencana aksi: TW targets of a sub kegiatan that do not add up to its year's are marked
  // at the target; completing them clears the mark.
  page = await openForm(context, id, 'rencana_aksi');
  // A sub kegiatan with a whole target of at least 2 whose quarters add up or end on the year's.
  const sub = before.rows.findIndex((r) => r.level === 'sub_kegiatan' && r.target.k?.type === 'number'
    && /^\d+$/.test(r.target.k.value) && Number(r.target.k.value) >= 2
    && ['sum', 'last', 'year_end'].includes(r.semantics.aggregation)
    && /^\d+(\.\d{1,2})?$/.test(r.tw[0].rp ?? '') && Number(r.tw[0].rp) > 0);
  assert.ok(sub > 0, 'a sub kegiatan with a whole target');
  const year = Number(before.rows[sub].target.k.value);
  const raTarget = await column(page, 'Target tahun berjalan', 'K');
  const tw1 = await column(page, 'TW I: target | anggaran kas', 'K');
  const tw4 = await column(page, 'TW IV: target | anggaran kas', 'K');
  assert.ok(raTarget > 0 && tw1 > raTarget && tw4 > tw1, `${raTarget} ${tw1} ${tw4}`);
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, sub, tw1, '1');
  await page.waitForFunction(([r, c]) => document.querySelector(`#kisi-kanvas .baris[data-baris="${r}"] > .sel[data-c="${c}"]`)
    ?.className.includes('m-peringatan'), [sub, raTarget]);
  // TW IV so that they aggregate to the year's: a sum adds up, a level ends on it.
  const last = String(before.rows[sub].semantics.aggregation === 'sum' ? year - 1 : year);
  await typeAt(page, sub, tw4, last);
  await page.waitForFunction(([r, c]) => !document.querySelector(`#kisi-kanvas .baris[data-baris="${r}"] > .sel[data-c="${c}"]`)
    ?.className.includes('m-peringatan'), [sub, raTarget]);
  // The anggaran kas of TW I: twice its realisasi (typed as `1234567.89`).
  const [whole, frac = ''] = before.rows[sub].tw[0].rp.split('.');
  const twice = 2n * (BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0')));
  const kas1 = await column(page, 'TW I: target | anggaran kas', 'Rp');
  await typeAt(page, sub, kas1, `${twice / 100n}.${(twice % 100n).toString().padStart(2, '0')}`);
  await waitSaved(page);
  const afterRa = await kisi(id);
  assert.deepEqual(afterRa.rows[sub].rencana.triwulan[0].k, { type: 'number', value: '1' });
  assert.deepEqual(afterRa.rows[sub].rencana.triwulan[3].k, { type: 'number', value: last });

  // The Renja: lokasi and the n+1 pagu of a sub kegiatan; its kegiatan shows Σ of its rows.
  page = await openForm(context, id, 'Renja');
  await page.fill('#kisi-nama', 'Rina Marlina');
  const lokasi = await column(page, 'Lokasi');
  const maju = await column(page, 'Prakiraan maju rencana tahun n+1: target | kebutuhan dana', 'Rp');
  assert.ok(lokasi > 0 && maju > lokasi, `${lokasi} ${maju}`);
  await typeAt(page, sub, lokasi, 'Kec. Batulicin');
  await typeAt(page, sub, maju, '1.500.000');
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('#kisi[data-siap="true"]');
  assert.equal(await cell(page, sub, lokasi).textContent(), 'Kec. Batulicin');
  assert.equal(await cell(page, sub, maju).textContent(), '1.500.000');
  const stored = await kisi(id);
  assert.equal(stored.rows[sub].rencana.lokasi, 'Kec. Batulicin');
  assert.equal(stored.rows[sub].rencana.maju.rp, '1500000');

  // The laporan triwulan: TW I's realisasi against that kas is 50 %.
  page = await openForm(context, id, 'laporan_triwulan');
  assert.match(await page.locator('#kisi-formulir').textContent(), /Laporan capaian kinerja dan keuangan/);
  const serapan = await column(page, 'TW I: % thd anggaran kas');
  assert.ok(serapan > 0, 'the laporan has penyerapan against the kas');
  assert.equal(await cell(page, sub, serapan).textContent(), '50,00%');

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the realisasi anggaran by month: a quarter is the sum of its months, in every form', async () => {
  const id = await newDocument('Dinas Uji Realisasi');
  const before = await kisi(id);
  const context = await env.browser.newContext({ viewport: { width: 2400, height: 1000 } });
  let page = await openForm(context, id, 'realisasi_anggaran');
  assert.match(await page.locator('#kisi-formulir').textContent(), /Realisasi anggaran per bulan/);
  // Sub kegiatan 5.03.01.2.09.02 (row 2) under its kegiatan (row 1), whose TW II is the sum of
  // its two sub kegiatan's (a roll-up that follows).
  const [keg, sub] = [1, 2];
  assert.equal(before.rows[keg].level, 'kegiatan');
  assert.equal(before.rows[sub].level, 'sub_kegiatan');
  const cents = (v) => { const [w, f = ''] = v.split('.'); return BigInt(w) * 100n + BigInt(f.padEnd(2, '0')); };
  assert.equal(cents(before.rows[keg].tw[1].rp), cents(before.rows[sub].tw[1].rp) + cents(before.rows[3].tw[1].rp));
  const april = await column(page, 'April', 'Rp');
  const mei = await column(page, 'Mei', 'Rp');
  const tw2 = await column(page, 'Realisasi TW II', 'Rp');
  assert.ok(april > 0 && mei > april && tw2 > mei, `${april} ${mei} ${tw2}`);
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, sub, april, '1.250.000,50');
  await typeAt(page, sub, mei, '2000000');
  assert.equal(await cell(page, sub, tw2).textContent(), '3.250.000,50');
  const kegTw2 = cents(before.rows[keg].tw[1].rp) - cents(before.rows[sub].tw[1].rp) + 325000050n;
  const idr = (c) => `${(c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${(c % 100n).toString().padStart(2, '0')}`;
  assert.equal(await cell(page, keg, tw2).textContent(), idr(kegTw2));
  // The kegiatan's months are the sum of its rows' (it has no months of its own).
  assert.equal(await cell(page, keg, april).textContent(), '1.250.000,50');
  // The quarter itself is not typed: its months are.
  await cell(page, sub, tw2).click();
  await page.keyboard.type('5');
  await page.waitForFunction(() => document.querySelector('#kisi-pesan')?.textContent.includes('jumlah realisasi bulanannya'));
  assert.match(await page.locator('#kisi-pesan').textContent(), /Realisasi Rp TW II adalah jumlah realisasi bulanannya \(April, Mei, Juni\)/);
  await page.keyboard.press('Escape');
  await waitSaved(page);
  let stored = await kisi(id);
  assert.equal(stored.rows[sub].rencana.bulan[3], '1250000.50');
  assert.equal(stored.rows[sub].rencana.bulan[4], '2000000');
  assert.equal(cents(stored.rows[sub].tw[1].rp), 325000050n);
  assert.equal(cents(stored.rows[keg].tw[1].rp), kegTw2);

  // The E.81 on its next load: column 9 Rp is the months' sum, and refuses typing.
  page = await openForm(context, id, 'E.81');
  const e81Tw2 = await column(page, '9. Triwulan II', 'Rp');
  assert.equal(await cell(page, sub, e81Tw2).textContent(), '3.250.000,50');
  assert.ok(!(await cell(page, sub, e81Tw2).getAttribute('class')).split(/\s+/).includes('isi'));
  // Clearing the months in the realisasi grid empties the quarter; it can be typed again.
  page = await openForm(context, id, 'realisasi_anggaran');
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, sub, april, '-');
  await typeAt(page, sub, mei, '-');
  assert.equal(await cell(page, sub, tw2).textContent(), '');
  await typeAt(page, sub, tw2, '7.000.000');
  await waitSaved(page);
  stored = await kisi(id);
  assert.equal(stored.rows[sub].tw[1].rp, '7000000');
  assert.equal(stored.rows[sub].rencana?.bulan, undefined);

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a Kepala PD\'s PK adds its sasaran and IKU: the PK and laporan grids show them, the E.81 grid does not', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Uji Sasaran', kabupaten: 'Kabupaten Tanah Bumbu', tahun: '2026',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=e81_101.xlsx`,
    new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const id = up.json.dokumen.id;
  const before = await kisi(id);
  const pk = fileURLToPath(new URL('../fixtures/pk/pk_000_2025.xlsx', import.meta.url));
  const merge = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=PK%202025.xlsx&gabung=${id}`,
    new Uint8Array(readFileSync(pk)));
  assert.equal(merge.status, 202, JSON.stringify(merge.json));
  const context = await env.browser.newContext({ viewport: { width: 2400, height: 1000 } });

  // The merge page offers the sasaran and IKU as new rows; only they are accepted.
  let page = await openPage(context, `${env.server.url}${merge.json.gabung}`);
  assert.match(await page.locator('#ringkasan-gabung').textContent(), /4 baris sasaran dan indikator kinerja utama/);
  assert.ok(await page.locator('#tambah-baris-baru').isChecked());
  await page.fill('#oleh-gabung', 'Rina Marlina');
  await page.click('#terima-dipilih');
  await page.waitForURL(/\/dokumen\//);
  const after = await kisi(id);
  assert.equal(after.rows.length, before.rows.length + 4);
  assert.deepEqual(after.rows.slice(0, 4).map((r) => r.level), ['sasaran', 'indikator', 'sasaran', 'sasaran']);

  // The PK grid: the sasaran first, styled as such; an IKU target typed there is stored.
  page = await openForm(context, id, 'perjanjian_kinerja');
  const first = page.locator('#kisi-kanvas .baris').first();
  assert.equal(await first.getAttribute('data-baris'), '0');
  assert.match(await first.getAttribute('class'), /\bsasaran\b/);
  assert.match(await first.textContent(), /Tersedianya Aparatur Sipil Negara/);
  const pkTarget = await column(page, 'Target', 'K');
  assert.equal(await cell(page, 2, pkTarget).textContent(), '100');
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, 2, pkTarget, '97,5');
  await waitSaved(page);
  assert.deepEqual((await kisi(id)).rows[2].target.k, { type: 'number', value: '97.5' });

  // The E.81 grid prints the budget tree: no sasaran row, the first row a program.
  page = await openForm(context, id, 'E.81');
  assert.equal(await page.locator('#kisi-kanvas .baris.sasaran').count(), 0);
  assert.equal(await page.locator('#kisi-kanvas .baris').first().getAttribute('data-baris'), '4');
  // The laporan triwulan shows the sasaran with the target typed under the PK.
  page = await openForm(context, id, 'laporan_triwulan');
  const lapTarget = await column(page, 'Target tahun berjalan', 'K');
  assert.match(await cell(page, 2, lapTarget).textContent(), /^97,50?$/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Rekonsiliasi: a PK target changed in its grid disagrees with the E.81 file, and the link opens the E.81 grid at that cell', async () => {
  const id = await newDocument('Dinas Uji Rekonsiliasi');
  const before = await kisi(id);
  const summary = (await api('GET', `/api/v1/dokumen/${id}`)).json;
  const ws = summary.ringkasan?.workspace_id ?? summary.summary?.workspace_id;
  assert.ok(ws, JSON.stringify(Object.keys(summary)));
  const context = await env.browser.newContext({ viewport: { width: 2400, height: 1000 } });
  const prog = before.rows.findIndex((r) => r.level === 'program' && r.target.k);
  assert.ok(prog >= 0);

  // Before: the E.81 file agrees with the plan.
  let page = await openPage(context, `${env.server.url}/ruang-kerja/${ws}/rekonsiliasi`);
  assert.match(await page.locator('#rekonsiliasi-berkas-0').textContent(), /Berkas ini sepakat dengan rencana/);

  // The PK grid: the program's target typed.
  page = await openForm(context, id, 'perjanjian_kinerja');
  const pkTarget = await column(page, 'Target', 'K');
  await page.fill('#kisi-nama', 'Rina Marlina');
  await typeAt(page, prog, pkTarget, '97,5');
  await waitSaved(page);

  // The Rekonsiliasi page shows the disagreement with the agency's E.81 file.
  page = await openPage(context, `${env.server.url}/ruang-kerja/${ws}/rekonsiliasi`);
  const row = page.locator('#temuan-berkas-0 tbody tr');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Target K \(kolom 7\)/);
  assert.match(await row.locator('td').nth(2).textContent(), /^97,5$/);
  assert.match(await row.locator('td.berkas').textContent(), /!I\d+: 100$/);

  // Its link opens the E.81 grid with that cell active.
  await row.locator('a.ke-sel').click();
  await page.waitForURL(/formulir=E\.81&baris=\d+&kolom=target_k/);
  await page.waitForSelector('#kisi[data-siap="true"]');
  const e81Target = await column(page, '7. Target tahun berjalan', 'K');
  const active = page.locator('#kisi-kanvas .sel.aktif');
  await active.waitFor();
  assert.equal(await active.getAttribute('data-c'), String(e81Target));
  assert.equal(await active.locator('xpath=..').getAttribute('data-baris'), String(prog));
  assert.equal(await active.textContent(), '97,50');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Rekonsiliasi: a PK kept from the page is compared with the plan, its link opens the PK grid at the cell, Hapus forgets it', async () => {
  const id = await newDocument('Dinas Uji Pembanding');
  const summary = (await api('GET', `/api/v1/dokumen/${id}`)).json;
  const ws = summary.ringkasan?.workspace_id ?? summary.summary?.workspace_id;
  const context = await env.browser.newContext({ viewport: { width: 2400, height: 1000 } });
  let page = await openPage(context, `${env.server.url}/ruang-kerja/${ws}/rekonsiliasi`);
  const pk = fileURLToPath(new URL('../fixtures/pk/pk_000_2025.xlsx', import.meta.url));
  await page.setInputFiles('#berkas-pembanding', pk);
  await page.fill('#oleh-pembanding', 'Rina Marlina');
  await page.click('#simpan-pembanding');
  await page.waitForURL(/rekonsiliasi\?pesan=/);
  assert.match(await page.locator('#pesan-rekonsiliasi').textContent(),
    /1 berkas disimpan untuk dibandingkan: pk_000_2025\.xlsx \(Perjanjian Kinerja\)/);
  const section = page.locator('.berkas-rekonsiliasi', { hasText: 'pk_000_2025.xlsx' });
  assert.match(await section.locator('h2').textContent(), /Perjanjian Kinerja, berkas pembanding, disimpan .* oleh Rina Marlina/);
  // The PK's program anggaran (seed 000's) against this plan's pagu, at the PK's cell.
  const row = section.locator('tbody tr', { hasText: "'Lampiran Anggaran'!C5" });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Target Rp \(kolom 7\)/);
  assert.match(await row.locator('td.berkas').textContent(), /'Lampiran Anggaran'!C5: 7\.168\.551\.128$/);
  const plan = (await row.locator('td').nth(2).textContent()).trim();

  // Its link opens the PK grid with that cell active, holding the plan's value.
  await row.locator('a.ke-sel').click();
  await page.waitForURL(/formulir=perjanjian_kinerja&baris=\d+&kolom=target_rp/);
  await page.waitForSelector('#kisi[data-siap="true"]');
  const active = page.locator('#kisi-kanvas .sel.aktif');
  await active.waitFor();
  assert.equal((await active.textContent()).trim(), plan);

  // Hapus: the file is compared no more.
  page = await openPage(context, `${env.server.url}/ruang-kerja/${ws}/rekonsiliasi`);
  await page.locator('.berkas-rekonsiliasi', { hasText: 'pk_000_2025.xlsx' })
    .locator('form.hapus-pembanding button').click();
  await page.waitForURL(/rekonsiliasi\?pesan=/);
  assert.match(await page.locator('#pesan-rekonsiliasi').textContent(), /tidak lagi dibandingkan/);
  assert.equal(await page.locator('.berkas-rekonsiliasi', { hasText: 'pk_000_2025.xlsx' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('LKjIP Bab III: the Renstra\'s IKU table merged, "Salin sebagai tabel" puts the table on the clipboard as HTML for Word and as text', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Uji LKjIP', kabupaten: 'Kabupaten Tanah Bumbu', tahun: '2026',
    kepala_nama: 'Drs. Ahmad Fauzi', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=e81_101.xlsx`,
    new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const id = up.json.dokumen.id;
  const iku = fileURLToPath(new URL('../fixtures/kinerja/kinerja_000_tabel_2_4.xlsx', import.meta.url));
  const merge = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=IKU.xlsx&gabung=${id}`,
    new Uint8Array(readFileSync(iku)));
  assert.equal(merge.status, 202, JSON.stringify(merge.json));
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  let page = await openPage(context, `${env.server.url}${merge.json.gabung}`);
  await page.fill('#oleh-gabung', 'Rina Marlina');
  await page.click('#terima-dipilih');
  await page.waitForURL(/\/dokumen\//);

  page = await openPage(context, `${env.server.url}/ruang-kerja/${ws.json.id}/lkjip`);
  assert.match(await page.locator('#tabel-0').textContent(), /Persentase ASN yang ditingkatkan kompetensinya/);
  await page.click('#salin-0');
  await page.waitForFunction(() => document.querySelector('#salin-0')?.dataset.tersalin === '1');
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const html = await (await item.getType('text/html')).text();
    const text = await (await item.getType('text/plain')).text();
    return { html, text };
  });
  assert.match(copied.html, /<table[^>]*>/);
  assert.match(copied.html, /Meningkatnya kompetensi ASN/);
  assert.match(copied.text, /Persentase ASN yang ditingkatkan kompetensinya\t/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
