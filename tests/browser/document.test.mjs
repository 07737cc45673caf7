// Upload an agency's E.81 into a workspace and read the import report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPage, useCapaianAndBrowser, uploadAndConfirm } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));

const env = useCapaianAndBrowser();

async function createWorkspace(page, nama) {
  await page.goto(`${env.server.url}/`);
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.fill('input[name="nama_pd"]', nama);
  await page.fill('input[name="kabupaten"]', 'Kota Tarakan');
  await page.fill('input[name="tahun"]', '2026');
  await page.fill('input[name="kepala_nama"]', 'Hj. Siti Rahmah, S.E., M.M.');
  await page.fill('input[name="kepala_nip"]', '19700707 199107 2 005');
  await page.click('#form-ruang-kerja button[type="submit"]');
  const link = page.locator('#daftar-ruang-kerja a', { hasText: nama });
  await link.waitFor();
  await link.click();
  await page.waitForSelector('#form-unggah');
}

test('upload an E.81, see rows per level, totals, problems and the computed table', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await openPage(context, `${env.server.url}/`);
  await createWorkspace(page, 'Badan Kepegawaian dan Pengembangan SDM');

  await uploadAndConfirm(page, fixture('e81_101.xlsx'));
  // The grid hides the server-side table once it runs; the table is still in the page.
  await page.waitForSelector('#tabel-dokumen', { state: 'attached' });

  assert.equal(await page.locator('#total-pagu').innerText(), 'Rp 7.818.054.344');
  assert.equal(await page.locator('#total-realisasi').innerText(), 'Rp 2.048.212.157,52');
  assert.match(await page.locator('#periode').innerText(), /Triwulan II Tahun 2026/);
  assert.equal(await page.locator('#tabel-dokumen tbody tr').count(), 14);
  // First row: the program, with its computed columns 12–15 (expected JSON: 24,94 % and 54,90 %).
  const first = page.locator('#tabel-dokumen tbody tr').first();
  assert.match(await first.getAttribute('class'), /program/);
  const cells = await first.locator('td').allInnerTexts();
  assert.ok(cells.includes('1.558.365.647,52'), cells.join(' | '));
  assert.ok(cells.includes('24,94%'), cells.join(' | '));
  assert.ok(cells.includes('54,90%'), cells.join(' | '));

  // Both downloads arrive as real workbooks (zip files) with meaningful names.
  for (const [button, name] of [
    ['#unduh-formulir', /^Formulir E\.81 TW II 2026 - Badan Kepegawaian dan Pengembangan SDM\.xlsx$/],
    ['#unduh-template', /^e81_101 \(diisi Capaian\)\.xlsx$/],
  ]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    assert.match(download.suggestedFilename(), name);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 4);
    assert.deepEqual([...head], [0x50, 0x4b, 0x03, 0x04], `${button}: not an xlsx`);
  }

  // Back in the workspace, the document is listed.
  await page.click('.remah a >> nth=1');
  await page.locator('#daftar-dokumen a', { hasText: 'e81_101.xlsx' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file that is not a workbook is refused with the reason, nothing stored', async () => {
  const context = await env.browser.newContext();
  const page = await openPage(context, `${env.server.url}/`);
  await createWorkspace(page, 'Dinas Komunikasi dan Informatika');

  await page.setInputFiles('#berkas', {
    name: 'laporan.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('bukan excel'),
  });
  await Promise.all([page.waitForURL(/galat=/), page.click('#form-unggah button')]);
  assert.match(await page.locator('#galat-unggah').innerText(), /bukan workbook Excel/);
  assert.equal(await page.locator('#daftar-dokumen').count(), 0);
  await context.close();
});
