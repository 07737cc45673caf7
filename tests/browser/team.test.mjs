// The team on a LAN (`capaian --lan`), in three browser contexts: the operator of a bidang, the
// perencana and the kepala take one quarter through Draf → Diajukan → Dikembalikan (with a note
// on a row) → Diajukan → Disetujui → Final, each through the pages, as people would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openPage, useCapaianAndBrowser, uploadAndConfirm } from './harness.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url));
const env = useCapaianAndBrowser({ lan: true });
const PASSWORD = 'rahasia-tim-2026';
const SAVED = 'Semua perubahan tersimpan.';
const WIDE = { width: 2400, height: 1000 };
// Grid columns (app/src/grid/columns.rs).
const C = { nama: 1, tw1Rp: 11, tw2Rp: 13 };

const cell = (page, row, c) => page.locator(`#kisi-kanvas .baris[data-baris="${row}"] > .sel[data-c="${c}"]`);

async function login(context, user) {
  const page = await openPage(context, `${env.server.url}/`);
  await page.waitForURL(/\/masuk\?lanjut=/);
  await page.fill('#nama-pengguna', user);
  await page.fill('#kata-sandi', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')), page.click('#form-masuk button')]);
  return page;
}

async function openDocument(page, id) {
  await page.goto(`${env.server.url}/dokumen/${id}`);
  await page.waitForSelector('#kisi[data-siap="true"]');
}

async function typeInto(page, row, c, value) {
  await cell(page, row, c).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

async function waitSaved(page) {
  await page.waitForFunction((saved) => document.querySelector('#kisi-status')?.textContent === saved
    && document.querySelector('#kisi')?.dataset.belumTersimpan === '0', SAVED);
}

async function stage(page, q) {
  return page.locator(`#tw-${q}`).getAttribute('data-tahap');
}

test('operator, perencana and kepala take a quarter from Draf to Final', async () => {
  const base = env.server.url;

  // First run on the LAN: the admin account, then the team's accounts.
  const adminCtx = await env.browser.newContext();
  const admin = await openPage(adminCtx, `${base}/`);
  await admin.waitForURL(/\/siapkan$/);
  await admin.fill('input[name="login"]', 'admin');
  await admin.fill('input[name="nama"]', 'Admin Capaian');
  await admin.fill('input[name="kata_sandi"]', PASSWORD);
  await admin.fill('input[name="kata_sandi_ulang"]', PASSWORD);
  await Promise.all([admin.waitForURL(/\/pengguna$/), admin.click('#form-siapkan button')]);
  for (const [login, nama, peran, bidang] of [
    ['rina', 'Rina Perencana', 'perencana', ''],
    ['sari', 'Sari Mutasi', 'operator', 'Bidang Mutasi'],
    ['kepala', 'Dr. Kepala PD', 'kepala', ''],
  ]) {
    await admin.fill('#form-akun-baru input[name="login"]', login);
    await admin.fill('#form-akun-baru input[name="nama"]', nama);
    await admin.selectOption('#form-akun-baru select[name="peran"]', peran);
    await admin.fill('#form-akun-baru input[name="bidang"]', bidang);
    await admin.fill('#form-akun-baru input[name="kata_sandi"]', PASSWORD);
    await Promise.all([admin.waitForURL(/\/pengguna\?pesan=/), admin.click('#form-akun-baru button')]);
    assert.match(await admin.locator('#pesan').innerText(), new RegExp(`Akun ${login}`));
  }
  assert.equal(await admin.locator('#daftar-akun tbody tr').count(), 4);

  // The perencana creates the workspace, uploads the E.81 and gives kegiatan row 1 to Bidang Mutasi.
  const perencanaCtx = await env.browser.newContext({ viewport: WIDE });
  const perencana = await login(perencanaCtx, 'rina');
  assert.match(await perencana.locator('#pengguna').innerText(), /Rina Perencana \(Perencana\)/);
  await perencana.waitForSelector('#app[data-hydrated="true"]');
  const fields = {
    nama_pd: 'Badan Kepegawaian Daerah', kabupaten: 'Kabupaten Sleman', tahun: '2026',
    kepala_nama: 'Dr. Kepala PD', kepala_nip: '197007071991072005',
  };
  for (const [name, value] of Object.entries(fields)) await perencana.fill(`#form-ruang-kerja [name="${name}"]`, value);
  await perencana.click('#form-ruang-kerja button[type="submit"]');
  const link = perencana.locator('#daftar-ruang-kerja a', { hasText: fields.nama_pd });
  await link.waitFor();
  await link.click();
  await uploadAndConfirm(perencana, fixture('e81_101.xlsx'));
  const id = new URL(perencana.url()).pathname.split('/')[2];
  await perencana.click('#ke-bidang');
  await perencana.waitForSelector('#form-bidang');
  await perencana.fill('input[name="b1"]', 'Bidang Mutasi');
  await Promise.all([perencana.waitForURL(/\/bidang\?pesan=/), perencana.click('#form-bidang button')]);

  // The operator edits a row of their bidang; another bidang's row is refused with the reason.
  const operatorCtx = await env.browser.newContext({ viewport: WIDE });
  const operator = await login(operatorCtx, 'sari');
  await openDocument(operator, id);
  assert.match(await operator.locator('#kisi-pengguna').innerText(), /Sari Mutasi · Operator bidang Bidang Mutasi/);
  assert.ok((await cell(operator, 2, C.tw1Rp).getAttribute('class')).includes('isi'));
  await typeInto(operator, 2, C.tw1Rp, '12.500.000');
  await waitSaved(operator);
  assert.equal(await cell(operator, 2, C.tw1Rp).textContent(), '12.500.000');
  await typeInto(operator, 5, C.tw1Rp, '1');
  assert.match(await operator.locator('#kisi-pesan').textContent(), /belum dibagikan ke bidang mana pun/);

  // The perencana submits TW I for verification: its cells lock for everyone.
  await openDocument(perencana, id);
  assert.equal(await stage(perencana, 1), 'draf');
  await Promise.all([perencana.waitForURL(/pesan=/), perencana.click('#ajukan-tw1')]);
  assert.equal(await stage(perencana, 1), 'diajukan');
  await openDocument(operator, id);
  assert.ok((await cell(operator, 2, C.tw1Rp).getAttribute('class')).includes('terkunci'));
  await typeInto(operator, 2, C.tw1Rp, '1');
  assert.match(await operator.locator('#kisi-pesan').textContent(), /Triwulan I sedang diverifikasi \(Diajukan\)/);
  assert.equal(await operator.locator('#setujui-tw1').count(), 0, 'an operator cannot approve');

  // The kepala writes a note on the row and returns the quarter.
  const kepalaCtx = await env.browser.newContext({ viewport: WIDE });
  const kepala = await login(kepalaCtx, 'kepala');
  await openDocument(kepala, id);
  assert.equal(await kepala.locator('#ajukan-tw1').count(), 0, 'the kepala does not submit');
  await kepala.locator('#kisi-kanvas .baris[data-baris="2"] .panel-buka').click();
  // The kepala reads the row's semantics and narrative but cannot change them.
  assert.ok(await kepala.locator('#kisi-samping select[data-sel="agregasi"]').isDisabled());
  assert.ok(await kepala.locator('#kisi-samping textarea[data-sel="keterangan_tw2"]').isDisabled());
  await kepala.fill('#catatan-tw1', 'Realisasi TW I belum sesuai SP2D');
  await kepala.click('button[data-aksi="simpan-catatan"][data-tw="1"]');
  await kepala.waitForFunction(() => document.querySelector('#kisi-status')?.textContent === 'Catatan disimpan.');
  assert.ok((await cell(kepala, 2, C.nama).getAttribute('class')).includes('ada-catatan'));
  await kepala.fill('#alasan-kembalikan-tw1', 'Perbaiki realisasi Bidang Mutasi');
  await Promise.all([kepala.waitForURL(/pesan=/), kepala.click('#kembalikan-tw1')]);
  assert.equal(await stage(kepala, 1), 'draf');

  // The operator sees the note on the row and fixes the value.
  await openDocument(operator, id);
  const marked = cell(operator, 2, C.nama);
  assert.ok((await marked.getAttribute('class')).includes('ada-catatan'));
  assert.match(await marked.getAttribute('title'), /Realisasi TW I belum sesuai SP2D/);
  assert.match(await operator.locator('#catatan-verifikasi').innerText(), /Dr\. Kepala PD/);
  await typeInto(operator, 2, C.tw1Rp, '13.000.000');
  await waitSaved(operator);

  // Submitted again, approved, then final: the files are frozen.
  await openDocument(perencana, id);
  await Promise.all([perencana.waitForURL(/pesan=/), perencana.click('#ajukan-tw1')]);
  await openDocument(kepala, id);
  await Promise.all([kepala.waitForURL(/pesan=/), kepala.click('#setujui-tw1')]);
  assert.equal(await stage(kepala, 1), 'disetujui');
  await openDocument(perencana, id);
  await Promise.all([perencana.waitForURL(/pesan=/), perencana.click('#finalkan-tw1')]);
  assert.equal(await stage(perencana, 1), 'final');
  // The official form, the laporan triwulan and the agency's template, filled.
  assert.equal(await perencana.locator('#tw-1 .berkas-pengajuan a').count(), 3);

  // Every transition is in the activity log, under the account's name.
  await perencana.goto(`${base}/dokumen/${id}/aktivitas`);
  const log = await perencana.locator('main').innerText();
  for (const line of [
    /Mengajukan Triwulan I untuk diverifikasi/, /Catatan verifikasi Triwulan I: Realisasi TW I belum sesuai SP2D/,
    /Mengembalikan Triwulan I ke Draf: Perbaiki realisasi Bidang Mutasi/, /Menyetujui Triwulan I/,
    /Mengajukan Triwulan I \(final/, /Membagikan baris ke Bidang Mutasi/, /Sari Mutasi/, /Dr\. Kepala PD/,
  ]) assert.match(log, line);

  // The session ends while the operator's grid is open: the edit waits, and is sent once they
  // have logged in again in another tab — nothing typed is lost.
  await openDocument(operator, id);
  await operator.evaluate(() => fetch('/api/v1/keluar', { method: 'POST' }));
  await typeInto(operator, 3, C.tw2Rp, '4.321.000');
  await operator.waitForFunction(() => /^Sesi Anda berakhir: 1 perubahan menunggu/.test(document.querySelector('#kisi-status').textContent));
  const again = await operatorCtx.newPage();
  await again.goto(`${base}/masuk`);
  await again.fill('#nama-pengguna', 'sari');
  await again.fill('#kata-sandi', PASSWORD);
  await Promise.all([again.waitForURL((u) => !u.pathname.startsWith('/masuk')), again.click('#form-masuk button')]);
  await waitSaved(operator);
  const stored = await operator.evaluate(async (doc) => (await (await fetch(`/api/v1/dokumen/${doc}/kisi`)).json()).document.rows[3].tw[1].rp, id);
  assert.equal(stored, '4321000');
  await again.close();

  // Logging out ends the session: the document sends the operator back to the login page.
  await Promise.all([operator.waitForURL(/\/masuk/), operator.click('#keluar')]);
  await operator.goto(`${base}/dokumen/${id}`);
  await operator.waitForURL(/\/masuk\?lanjut=/);

  // The operator's only console errors are the refused saves of the ended session (401).
  operator.errors = operator.errors.filter((e) => !/status of 401/.test(e));
  for (const page of [admin, perencana, operator, kepala]) assert.deepEqual(page.errors, []);
  for (const ctx of [adminCtx, perencanaCtx, operatorCtx, kepalaCtx]) await ctx.close();
});
