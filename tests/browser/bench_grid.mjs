// Browser benchmark of the document grid with the 20 017-row big_900 document, in headless
// Debian Chromium. Prints figures; it asserts nothing (timings belong in benchmarks, not tests).
//
//   scripts/bench-grid.sh          (builds the bundle and the server, then runs this)
//
// Measures:
// - time to interactive: navigation start → the grid drawn and accepting keys (`kisi-siap` mark);
// - commit → repaint: a quarterly Rp typed into a sub kegiatan, Enter pressed: the time the
//   keydown handler takes to recompute the row, its kegiatan and program and the footer and
//   update the DOM, and the time until the next frame has been produced;
// - scroll: a scripted scroll from the top to the bottom, one step per animation frame; the
//   frame-to-frame times.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCapaian, launchBrowser } from './harness.mjs';

const FIXTURE = fileURLToPath(new URL('../fixtures/xlsx/big_900.xlsx', import.meta.url));
const COMMITS = Number(process.env.BENCH_COMMITS || 40);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (x) => `${x.toFixed(1)} ms`;

const server = await startCapaian();
const browser = await launchBrowser();
try {
  const ws = await (await fetch(`${server.url}/api/v1/ruang-kerja`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      nama_pd: 'Dinas Uji Kinerja', kabupaten: 'Kabupaten Uji', tahun: '2026',
      kepala_nama: 'Kepala Uji', kepala_nip: '197001012000011001',
    }),
  })).json();
  const wsId = ws.id ?? ws.ruang_kerja?.id;
  const t0 = Date.now();
  const up = await fetch(`${server.url}/api/v1/ruang-kerja/${wsId}/dokumen?nama=big_900.xlsx`, {
    method: 'POST', body: readFileSync(FIXTURE),
  });
  const uploaded = await up.json();
  if (!up.ok) throw new Error(JSON.stringify(uploaded));
  const id = uploaded.dokumen.id;
  console.log(`import big_900 (server, debug build): ${Date.now() - t0} ms`);

  const grid = await (await fetch(`${server.url}/api/v1/dokumen/${id}/kisi`)).text();
  console.log(`grid data: ${(grid.length / 1e6).toFixed(1)} MB JSON`);
  const data = JSON.parse(grid);
  const rows = data.document.rows;
  console.log(`rows: ${rows.length}`);

  const tti = [];
  let page;
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    await page.goto(`${server.url}/dokumen/${id}`);
    await page.waitForSelector('#kisi[data-siap="true"]', { timeout: 60_000 });
    const marks = await page.evaluate(() => Object.fromEntries(
      ['kisi-data', 'kisi-urai', 'kisi-model', 'kisi-siap'].map((n) => [n, performance.getEntriesByName(n)[0].startTime])
        .concat([['hydrated', performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]])));
    console.log(`  run ${run + 1}: ${Object.entries(marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ms`);
    tti.push(marks['kisi-siap']);
    if (run < 2) await context.close();
  }
  console.log(`time to interactive: ${tti.map(fmt).join(', ')} (median ${fmt(quantile(tti, 0.5))})`);
  console.log(`rows in the DOM: ${await page.locator('#kisi-kanvas .baris').count()}`);

  // Commit → repaint. Leaf rows (sub kegiatan without children) whose TW I Rp is editable.
  await page.fill('#kisi-nama', 'Penguji Kinerja');
  const results = await page.evaluate(async (n) => {
    const scroller = document.getElementById('kisi-gulir');
    const editor = document.getElementById('kisi-editor');
    const out = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let i = 0; i < n; i++) {
      scroller.scrollTop = 28 * (40 + i * 211);
      await frame();
      const cell = [...document.querySelectorAll('#kisi-kanvas .baris.sub-kegiatan .sel.isi[data-c="11"]')][3];
      if (!cell) continue;
      cell.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      editor.value = String(1000000 + i * 1234.5).replace('.', ',');
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      const before = (window.__kisiUkur || []).length;
      const t0 = performance.now();
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
      const handler = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const toFrame = performance.now() - t0;
      const measured = (window.__kisiUkur || [])[before];
      out.push({ handler, toFrame, measured });
      await frame();
    }
    return out;
  }, COMMITS);
  const handler = results.map((r) => r.handler);
  const toFrame = results.map((r) => r.toFrame);
  console.log(`commit → repaint (row, ancestors, footer), ${results.length} commits:`);
  console.log(`  keydown handler (recompute + DOM): median ${fmt(quantile(handler, 0.5))}, p95 ${fmt(quantile(handler, 0.95))}, max ${fmt(Math.max(...handler))}`);
  console.log(`  to the next animation frame:       median ${fmt(quantile(toFrame, 0.5))}, p95 ${fmt(quantile(toFrame, 0.95))}, max ${fmt(Math.max(...toFrame))}`);

  // Scripted scroll from top to bottom, one step per frame: a fling (1,5 screens a frame,
  // every row new every frame) and a wheel-like scroll (10 rows a frame).
  for (const [label, screens] of [['fling', 1.5], ['wheel', 0]]) {
  const scroll = await page.evaluate(async (screens) => {
    const scroller = document.getElementById('kisi-gulir');
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    const long = [];
    const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    try { obs.observe({ entryTypes: ['longtask'] }); } catch { /* not supported */ }
    const frames = [];
    let last = performance.now();
    const step = screens > 0 ? scroller.clientHeight * screens : 280;
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += step;
      await new Promise((r) => requestAnimationFrame(r));
      const t = performance.now();
      frames.push(t - last);
      last = t;
    }
    obs.disconnect();
    return { frames, long, rows: document.querySelectorAll('#kisi-kanvas .baris').length };
  }, screens);
  console.log(`scroll top → bottom (${label}): ${scroll.frames.length} frames, median ${fmt(quantile(scroll.frames, 0.5))}, p95 ${fmt(quantile(scroll.frames, 0.95))}, max ${fmt(Math.max(...scroll.frames))}; long tasks ≥50 ms: ${scroll.long.length}; rows in the DOM at the end: ${scroll.rows}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
