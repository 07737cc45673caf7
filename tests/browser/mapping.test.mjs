// The mapping step of an upload: a workbook of a layout Capaian has not seen in this
// workspace opens a page showing what was understood, column by column and row by row; the
// person corrects a column and a row's level, reads again, confirms; the values are stored as
// corrected, and the next file of the same layout imports at once with the remembered mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiRequest, openPage, useCapaianAndBrowser } from './harness.mjs';

const realLayout = (name) =>
  fileURLToPath(new URL(`../fixtures/real-layouts/${name}`, import.meta.url));

const env = useCapaianAndBrowser();
const api = (method, path, body) => apiRequest(env.server.url, method, path, body);

/** The same workbook opened and saved again by LibreOffice: another file, the same layout. */
function savedAgainByLibreOffice(file) {
  const out = mkdtempSync(join(tmpdir(), 'capaian-lo-'));
  execFileSync('soffice', [
    `-env:UserInstallation=file://${out}/profil`, '--headless', '--convert-to', 'xlsx',
    '--outdir', out, file,
  ], { stdio: 'ignore', timeout: 120_000 });
  const name = readdirSync(out).find((f) => f.endsWith('.xlsx'));
  assert.ok(name, 'LibreOffice wrote no workbook');
  return join(out, name);
}

test('an unknown layout: map, correct a column and a row level, import; the next file imports at once', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Pemberdayaan Masyarakat dan Desa', kabupaten: 'Kabupaten Bantul',
    tahun: '2025', kepala_nama: 'Drs. Suparno', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const wsId = ws.json.id;
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/ruang-kerja/${wsId}`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  assert.match(await page.locator('#pemetaan-tersimpan').innerText(), /Belum ada/);

  // The file's header names the K columns but not the amounts beside them (F, H).
  await page.setInputFiles('#berkas', realLayout('money_unlabelled.xlsx'));
  await Promise.all([page.waitForURL(/\/pemetaan\//), page.click('#form-unggah button')]);
  const summary = () => page.locator('#ringkasan-pemetaan').innerText();
  // No amount column is known yet: the pagu is not in what was read (not "Rp 0").
  assert.match(await summary(), /Pagu \(Σ program\): tidak ada di berkas /);
  const questions = await page.locator('#keputusan').innerText();
  assert.match(questions, /Kolom F berisi 3 nilai/);
  assert.match(questions, /Tidak ada kolom anggaran \(Rp\)/);
  assert.equal(await page.locator('#penghalang').count(), 0);
  // The first rows as the sheet shows them, each with the level it was read at.
  assert.equal(await page.locator('#tingkat-5').inputValue(), 'program');
  assert.equal(await page.locator('#tingkat-7').inputValue(), 'sub_kegiatan');
  assert.match(await page.locator('tr[data-baris="7"]').innerText(), /Pelatihan Pengurus/);
  // Nothing is stored before the confirmation.
  assert.equal((await api('GET', `/api/v1/ruang-kerja/${wsId}`)).json.dokumen.length, 0);

  // Correct: F is the target's Rp, H the first quarter's; row 7 is an extra indicator row.
  await page.selectOption('#kolom-F', { label: 'Target tahun berjalan — Rp' });
  await page.selectOption('#kolom-H', { label: 'Triwulan I — Rp' });
  await page.selectOption('#tingkat-7', 'indikator');
  await Promise.all([page.waitForLoadState('load'), page.click('#baca-ulang')]);
  await page.waitForSelector('#ringkasan-pemetaan');
  assert.match(await summary(), /Pagu \(Σ program\): Rp 1\.200\.000\.000 /);
  assert.match(await summary(), /Realisasi s\.d\. triwulan terakhir: Rp 250\.000\.000 /);
  assert.match(await page.locator('td[data-kolom="F"]').getAttribute('class'), /keyakinan-dipilih/);
  assert.match(await page.locator('tr[data-baris="7"]').getAttribute('class'), /dipilih/);
  assert.equal(await page.locator('#tingkat-7').inputValue(), 'indikator');
  assert.equal(await page.locator('#kolom-F option:checked').innerText(), 'Target tahun berjalan — Rp');

  // Confirm (a single PC: the name of who confirmed).
  await page.fill('#oleh-pemetaan', 'Rina Petugas');
  await Promise.all([page.waitForURL(/\/dokumen\//), page.click('#konfirmasi-impor')]);
  const docId = new URL(page.url()).pathname.split('/')[2];
  const doc = (await api('GET', `/api/v1/dokumen/${docId}`)).json.dokumen;
  assert.deepEqual(doc.rows.map((r) => r.level), ['program', 'kegiatan', 'indikator']);
  assert.equal(String(doc.rows[0].target.rp), '1200000000');
  assert.equal(String(doc.rows[0].tw[0].rp), '250000000');
  assert.equal(String(doc.rows[1].target.rp), '1200000000');
  assert.equal(String(doc.rows[2].target.k.value), '400');
  assert.equal(await page.locator('#total-pagu').innerText(), 'Rp 1.200.000.000');

  // The workspace remembers the mapping, with who confirmed it.
  await page.goto(`${env.server.url}/ruang-kerja/${wsId}`);
  assert.match(await page.locator('#daftar-pemetaan').innerText(), /oleh Rina Petugas/);

  // Next quarter's file of the same layout (another program's file, saved by LibreOffice):
  // imported at once, the amounts read from F and H as confirmed.
  const again = savedAgainByLibreOffice(realLayout('money_unlabelled.xlsx'));
  await page.setInputFiles('#berkas', again);
  // Another program's file: a document of its own, not merged into the first.
  await page.selectOption('#tujuan', 'baru');
  await Promise.all([page.waitForURL(/\/(dokumen|pemetaan)\//), page.click('#form-unggah button')]);
  assert.match(page.url(), /\/dokumen\//, 'the remembered layout went to the mapping page');
  const second = (await api('GET', `/api/v1/dokumen/${new URL(page.url()).pathname.split('/')[2]}`)).json.dokumen;
  assert.equal(String(second.rows[0].target.rp), '1200000000');
  assert.equal(String(second.rows[0].tw[0].rp), '250000000');
  // Levels are per file: this one is read as it is (row 7 a sub kegiatan again).
  assert.deepEqual(second.rows.map((r) => r.level), ['program', 'kegiatan', 'sub_kegiatan']);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a workbook with a header and no data rows cannot be confirmed, and cancelling stores nothing', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Tanpa Data', kabupaten: 'Kota Yogyakarta', tahun: '2025',
    kepala_nama: 'Ir. Sutopo', kepala_nip: '197007071991072005',
  });
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/ruang-kerja/${ws.json.id}`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.setInputFiles('#berkas', realLayout('header_no_data.xlsx'));
  await Promise.all([page.waitForURL(/\/pemetaan\//), page.click('#form-unggah button')]);
  assert.match(await page.locator('#penghalang').innerText(), /tidak ada baris data/);
  assert.ok(await page.locator('#konfirmasi-impor').isDisabled());
  await Promise.all([page.waitForURL(/\/ruang-kerja\/[^/]+$/), page.click('#batal-pemetaan')]);
  assert.equal((await api('GET', `/api/v1/ruang-kerja/${ws.json.id}`)).json.dokumen.length, 0);
  await context.close();
});

test('codes from the national nomenclature: found by exact name, a close name chosen on the page', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Badan Pengelola Perbatasan', kabupaten: 'Kabupaten Nunukan', tahun: '2025',
    kepala_nama: 'Ir. Hendra', kepala_nip: '197007071991072005',
  });
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/ruang-kerja/${ws.json.id}`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.setInputFiles('#berkas', realLayout('nomenklatur_near_miss.xlsx'));
  await Promise.all([page.waitForURL(/\/pemetaan\//), page.click('#form-unggah button')]);
  // 'Penyediaan Barang Cetak …' is close to the nomenclature's 'Penyediaan Barang Cetakan …'.
  const choice = page.locator('#kode-9');
  assert.match(await choice.locator('option').nth(1).innerText(), /^X\.XX\.01\.2\.06\.0005 — Penyediaan Barang Cetakan/);
  assert.equal(await choice.inputValue(), '', 'nothing chosen for the person');
  await choice.selectOption('X.XX.01.2.06.0005');
  await Promise.all([page.waitForLoadState('load'), page.click('#baca-ulang')]);
  await page.waitForSelector('#form-pemetaan');
  // Chosen, the row is no longer a question.
  assert.equal(await page.locator('#kode-9').count(), 0);
  await page.fill('#oleh-pemetaan', 'Hendra');
  await Promise.all([page.waitForURL(/\/dokumen\//), page.click('#konfirmasi-impor')]);
  const doc = (await api('GET', `/api/v1/dokumen/${new URL(page.url()).pathname.split('/')[2]}`)).json.dokumen;
  const bySheetRow = (n) => doc.rows.find((r) => r.sheet_row === n);
  assert.equal(bySheetRow(9).kode, 'X.XX.01.2.06.0005');
  assert.equal(bySheetRow(9).kode_sumber, 'confirmed');
  // A name exactly the nomenclature's got its code, marked found (not stated).
  assert.equal(bySheetRow(8).kode_sumber, 'found');
  assert.ok(bySheetRow(8).kode);
  assert.deepEqual(page.errors, []);
  await context.close();
});
