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

  // Commit → repaint, with real (trusted) key presses: a TW I Rp typed into a sub kegiatan and
  // Enter pressed. Measured in the page, from the Enter keydown: the keydown handlers (recompute,
  // the DOM of the row, its kegiatan and program and the footer, moving down); the browser's
  // rendering of the next frame (from its requestAnimationFrame to a message posted there, which
  // runs once that frame's style, layout and paint are done); their sum, the work the commit
  // costs; and the latency until that frame is rendered, which adds the wait for the frame.
  await page.fill('#kisi-nama', 'Penguji Kinerja');
  await page.evaluate(() => {
    window.__ukur = [];
    let t0 = 0;
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter') t0 = performance.now(); }, true);
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !t0) return;
      const start = t0;
      t0 = 0;
      const handler = performance.now() - start;
      requestAnimationFrame(() => {
        const frame = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          const done = performance.now();
          window.__ukur.push({ handler, render: done - frame, work: handler + (done - frame), latency: done - start });
        };
        ch.port2.postMessage(0);
      });
    });
  });
  for (let i = 0; i < COMMITS; i++) {
    await page.evaluate((top) => { document.getElementById('kisi-gulir').scrollTop = top; }, 28 * (40 + i * 211));
    await page.waitForTimeout(50);
    const cell = page.locator('#kisi-kanvas .baris.sub-kegiatan .sel.isi[data-c="11"]').nth(3);
    if (!(await cell.count())) continue;
    await cell.click();
    await page.keyboard.type(String(1000000 + i * 1234));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(120);
  }
  const results = await page.evaluate(() => window.__ukur);
  const line = (label, xs) => console.log(`  ${label.padEnd(44)} median ${fmt(quantile(xs, 0.5))}, p95 ${fmt(quantile(xs, 0.95))}, max ${fmt(Math.max(...xs))}`);
  console.log(`commit → repaint (row, ancestors, footer), ${results.length} commits with real key presses:`);
  line('keydown handlers (recompute, DOM, move):', results.map((r) => r.handler));
  line('rendering of the next frame:', results.map((r) => r.render));
  line('work of a commit (handlers + rendering):', results.map((r) => r.work));
  line('latency until that frame is rendered:', results.map((r) => r.latency));

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
