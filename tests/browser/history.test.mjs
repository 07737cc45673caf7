// A quarter's life in the browser: edit over the API, submit TW II from the page, see it locked,
// download the stored file, unlock with a reason, read the activity, the diff and the budget change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { apiRequest, openPage, useCapaianAndBrowser } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));

const env = useCapaianAndBrowser();

const api = (method, path, body) => apiRequest(env.server.url, method, path, body);

test('submit, lock, download the stored file, unlock, activity and diff', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Pendidikan', kabupaten: 'Kota Tarakan', tahun: '2026',
    kepala_nama: 'Drs. Ahmad', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=e81_101.xlsx`,
    new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const id = up.json.dokumen.id;
  const edit = await api('PATCH', `/api/v1/dokumen/${id}/sel`, {
    oleh: 'Rina', perubahan: [{ baris: 2, kolom: 'tw2_rp', nilai: '1.234.567,89', versi: 0 }],
  });
  assert.equal(edit.status, 200, JSON.stringify(edit.json));

  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await openPage(context, `${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  // Submit TW II from the page (a plain form: works with or without JavaScript).
  await page.fill('#tw-2 input[name="oleh"]', 'Rina Marlina');
  await Promise.all([page.waitForURL(/pesan=/), page.click('#tw-2 button[type="submit"]')]);
  assert.match(await page.locator('#pesan').innerText(), /Triwulan II diajukan \(revisi 1\) oleh Rina Marlina/);
  assert.equal(await page.locator('#tw-2').getAttribute('data-terkunci'), 'true');

  // The stored official form downloads with the SHA-256 the API lists.
  const subs = await api('GET', `/api/v1/dokumen/${id}/pengajuan`);
  const formulir = subs.json[0].berkas.find((f) => f.jenis === 'formulir');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#tw-2 .berkas-pengajuan a >> nth=0'),
  ]);
  const bytes = readFileSync(await download.path());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), formulir.sha256);

  // TW II cells are locked now: the API says 423 in Indonesian.
  const locked = await api('PATCH', `/api/v1/dokumen/${id}/sel`, {
    oleh: 'Rina', perubahan: [{ baris: 2, kolom: 'tw2_rp', nilai: '5', versi: 1 }],
  });
  assert.equal(locked.status, 423);
  assert.match(locked.json.galat, /Triwulan II sudah diajukan/);

  // Unlock needs a reason; without one the page says why.
  await page.fill('#tw-2 input[name="oleh"]', 'Kabid Program');
  await page.fill('#tw-2 input[name="alasan"]', 'Salah ketik realisasi Rp');
  await Promise.all([page.waitForURL(/pesan=/), page.click('#tw-2 button[type="submit"]')]);
  assert.match(await page.locator('#pesan').innerText(), /Kunci Triwulan II dibuka oleh Kabid Program/);
  assert.equal(await page.locator('#tw-2').getAttribute('data-terkunci'), 'false');

  // Activity: newest first, filterable by person.
  await page.click('#ke-aktivitas');
  await page.waitForSelector('#daftar-aktivitas');
  const rows = await page.locator('#daftar-aktivitas tbody tr').allInnerTexts();
  // The edit, and the kegiatan's and program's TW II Rp that followed it (they were sums).
  assert.equal(rows.length, 5, rows.join('\n'));
  assert.match(rows[0], /Membuka kunci Triwulan II: Salah ketik realisasi Rp/);
  assert.match(rows[1], /Mengajukan Triwulan II/);
  assert.match(rows[4], /Realisasi Rp TW II.*→ 1\.234\.567,89/);
  assert.match(rows[2], /Realisasi Rp TW II/);
  assert.match(rows[3], /Realisasi Rp TW II/);
  await page.selectOption('select[name="oleh"]', 'Rina');
  await Promise.all([page.waitForURL(/oleh=Rina/), page.click('#saring-aktivitas button')]);
  await page.waitForFunction(() => document.querySelectorAll('#daftar-aktivitas tbody tr').length === 3);

  // Diff from the import to now lists the edited cell with old and new values.
  await page.goto(`${env.server.url}/dokumen/${id}/perbedaan`);
  await page.waitForSelector('#daftar-perubahan');
  assert.match(await page.locator('#jumlah-perubahan').innerText(), /^3 sel berbeda/);
  assert.match(
    await page.locator('#daftar-perubahan tbody tr', { hasText: '1.234.567,89' }).innerText(),
    /1\.234\.567,89\s+Rina/,
  );
  const [diffFile] = await Promise.all([page.waitForEvent('download'), page.click('#unduh-perbedaan')]);
  assert.deepEqual([...readFileSync(await diffFile.path()).subarray(0, 2)], [0x50, 0x4b]);

  // Budget change: start it from the page.
  await page.goto(`${env.server.url}/dokumen/${id}/anggaran`);
  await page.waitForSelector('#belum-perubahan');
  await page.fill('#mulai-perubahan input[name="oleh"]', 'Kasubag Perencanaan');
  await page.fill('#mulai-perubahan input[name="alasan"]', 'Perda APBD-P Nomor 5 Tahun 2026');
  await Promise.all([page.waitForURL(/pesan=/), page.click('#mulai-perubahan button')]);
  assert.match(await page.locator('#pesan').innerText(), /Perubahan anggaran dimulai/);
  await page.goto(`${env.server.url}/dokumen/${id}/anggaran`);
  await page.waitForSelector('#tabel-anggaran');
  assert.match(await page.locator('#jumlah-berubah').innerText(), /0 baris targetnya berubah/);

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file uploaded into its document: the values that differ side by side, the accepted one stored naming the file', async () => {
  const ws = await api('POST', '/api/v1/ruang-kerja', {
    nama_pd: 'Dinas Kesehatan', kabupaten: 'Kota Tarakan', tahun: '2026',
    kepala_nama: 'dr. Maria', kepala_nip: '197007071991072005',
  });
  assert.equal(ws.status, 201, JSON.stringify(ws.json));
  const up = await api('POST', `/api/v1/ruang-kerja/${ws.json.id}/dokumen?nama=e81_101.xlsx`,
    new Uint8Array(readFileSync(fixture('e81_101.xlsx'))));
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const id = up.json.dokumen.id;
  const original = (await api('GET', `/api/v1/dokumen/${id}`)).json.dokumen;
  // Since the import, Budi typed over two values (K values: no parent sums follow them).
  const edit = await api('PATCH', `/api/v1/dokumen/${id}/sel`, {
    oleh: 'Budi', perubahan: [
      { baris: 2, kolom: 'tw2_k', nilai: '99', versi: 0 },
      { baris: 3, kolom: 'target_k', nilai: '999', versi: 0 },
    ],
  });
  assert.equal(edit.status, 200, JSON.stringify(edit.json));

  // The agency's file again, into the document (the upload form's default target).
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/ruang-kerja/${ws.json.id}`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  assert.equal(await page.locator('#tujuan').inputValue(), id);
  await page.setInputFiles('#berkas', fixture('e81_101.xlsx'));
  // A layout the pages have not mapped in this workspace (the first file came by the API): its
  // mapping page first, then the merge page.
  await Promise.all([page.waitForURL(/\/pemetaan\//), page.click('#form-unggah button')]);
  await page.fill('#oleh-pemetaan', 'Rina');
  await Promise.all([page.waitForURL(/\/gabung\//), page.click('#konfirmasi-impor')]);
  assert.match(await page.locator('#ringkasan-gabung').innerText(), /2 nilai berbeda di 2 kolom/);
  assert.equal(await page.locator('#form-gabung tr[data-baris]').count(), 2);
  const tw2 = page.locator('section[data-kolom="tw2_k"] tr[data-baris="2"]');
  assert.match(await tw2.locator('td').nth(2).innerText(), /^99$/);
  // The file's value as Capaian shows numbers (1.234,5).
  const shown = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 10 })
    .format(Number(original.rows[2].tw[1].k.value));
  assert.equal(await tw2.locator('td').nth(3).innerText(), shown);
  assert.equal((await api('GET', `/api/v1/dokumen/${id}`)).json.ringkasan.versi, 2, 'nothing stored yet');

  // Accept the file's TW II K; leave Budi's target.
  await tw2.locator('input[type="checkbox"]').check();
  await page.fill('#oleh-gabung', 'Rina');
  await Promise.all([page.waitForURL(/\/dokumen\//), page.click('#terima-dipilih')]);
  assert.match(await page.locator('#pesan').innerText(),
    /1 nilai dari e81_101\.xlsx diterima; 1 nilai berkas tidak diterima/);
  const merged = (await api('GET', `/api/v1/dokumen/${id}`)).json.dokumen;
  assert.deepEqual(merged.rows[2].tw[1].k, original.rows[2].tw[1].k);
  assert.equal(String(merged.rows[3].target.k.value), '999');
  await page.goto(`${env.server.url}/dokumen/${id}/aktivitas`);
  assert.match(await page.locator('main').innerText(), /\(dari berkas e81_101\.xlsx\)/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
