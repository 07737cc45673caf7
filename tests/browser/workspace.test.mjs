// The start page: list and create *ruang kerja*, hydrated and without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useCapaianAndBrowser } from './harness.mjs';

const env = useCapaianAndBrowser();

async function fillForm(page, values) {
  for (const [name, value] of Object.entries(values)) {
    await page.fill(`#form-ruang-kerja input[name="${name}"]`, value);
  }
}

const valid = (nama, tahun = '2026') => ({
  nama_pd: nama,
  kabupaten: 'Kabupaten Sleman',
  tahun,
  kepala_nama: 'Dr. Rina Wulandari, S.H., M.Si.',
  kepala_nip: '19650110 198602 2 004',
});

test('hydrated: creates a workspace without a reload, and it is there after one', async () => {
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.evaluate(() => { window.belumDimuatUlang = true; });

  await fillForm(page, valid('Dinas Pendidikan dan Kebudayaan'));
  await page.click('#form-ruang-kerja button[type="submit"]');
  const row = page.locator('#daftar-ruang-kerja tr', { hasText: 'Dinas Pendidikan dan Kebudayaan' });
  await row.waitFor();
  assert.match(await row.innerText(), /19650110 198602 2 004/);
  assert.equal(await page.locator('#pesan-berhasil').innerText(),
    'Ruang kerja Dinas Pendidikan dan Kebudayaan dibuat.');
  assert.equal(await page.evaluate(() => window.belumDimuatUlang), true, 'the page reloaded');
  assert.equal(await page.inputValue('input[name="nama_pd"]'), '', 'form not cleared');

  await page.reload();
  await page.locator('#daftar-ruang-kerja tr', { hasText: 'Dinas Pendidikan dan Kebudayaan' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('hydrated: invalid input is refused with the reason next to each field', async () => {
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.evaluate(() => { window.belumDimuatUlang = true; });
  const before = await page.locator('#daftar-ruang-kerja tbody tr').count();

  await fillForm(page, { ...valid(''), tahun: '1999', kepala_nip: '19650110 198602' });
  await page.click('#form-ruang-kerja button[type="submit"]');
  await page.locator('#galat-nama_pd', { hasText: 'wajib' }).waitFor();
  assert.equal(await page.locator('#galat-tahun').innerText(), 'Tahun anggaran harus antara 2000 dan 2100.');
  assert.equal(await page.locator('#galat-kepala_nip').innerText(), 'NIP harus 18 angka; yang diisi 14 angka.');
  assert.equal(await page.locator('#galat-kabupaten').innerText(), '');
  assert.equal(await page.getAttribute('input[name="tahun"]', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('input[name="tahun"]'), '1999', 'typed values kept');
  assert.equal(await page.evaluate(() => window.belumDimuatUlang), true, 'the page reloaded');
  assert.equal(await page.locator('#daftar-ruang-kerja tbody tr').count(), before, 'something was stored');

  // Correcting the fields and submitting again works.
  await fillForm(page, valid('Badan Pendapatan Daerah'));
  await page.click('#form-ruang-kerja button[type="submit"]');
  await page.locator('#daftar-ruang-kerja tr', { hasText: 'Badan Pendapatan Daerah' }).waitFor();
  assert.equal(await page.locator('#galat-tahun').innerText(), '');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('without JavaScript: the same form works as a plain POST', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await openPage(context, `${env.server.url}/`);

  await fillForm(page, valid('Dinas Kesehatan', '2025'));
  await Promise.all([page.waitForURL(/dibuat=/), page.click('#form-ruang-kerja button[type="submit"]')]);
  await page.locator('#daftar-ruang-kerja tr', { hasText: 'Dinas Kesehatan' }).waitFor();
  assert.equal(await page.locator('#pesan-berhasil').innerText(), 'Ruang kerja Dinas Kesehatan dibuat.');

  await page.reload();
  await page.locator('#daftar-ruang-kerja tr', { hasText: 'Dinas Kesehatan' }).waitFor();

  // Invalid input: the reasons are shown next to the fields and the typed values are kept.
  await fillForm(page, { ...valid('Dinas Sosial'), tahun: '2101', kepala_nip: 'abc' });
  await Promise.all([page.waitForURL(/galat_/), page.click('#form-ruang-kerja button[type="submit"]')]);
  assert.equal(await page.locator('#galat-tahun').innerText(), 'Tahun anggaran harus antara 2000 dan 2100.');
  assert.match(await page.locator('#galat-kepala_nip').innerText(), /hanya boleh berisi angka/);
  assert.equal(await page.inputValue('input[name="nama_pd"]'), 'Dinas Sosial');
  assert.equal(await page.locator('#daftar-ruang-kerja tr', { hasText: 'Dinas Sosial' }).count(), 0);

  // A duplicate is refused on the name field.
  await fillForm(page, valid('dinas kesehatan', '2025'));
  await Promise.all([page.waitForURL(/galat_/), page.click('#form-ruang-kerja button[type="submit"]')]);
  assert.match(await page.locator('#galat-nama_pd').innerText(), /sudah ada/);
  await context.close();
});

test('the status page shows version, data folder, engine and the count', async () => {
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/status`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  assert.equal(await page.locator('#status-mesin').innerText(), 'SurrealDB tertanam (SurrealKV)');
  assert.match(await page.locator('#status-versi').innerText(), /^\d+\.\d+\.\d+$/);
  assert.match(await page.locator('#status-folder').innerText(), /capaian-uji-/);
  assert.match(await page.locator('#status-jumlah').innerText(), /^\d+$/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
