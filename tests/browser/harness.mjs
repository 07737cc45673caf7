// Starts a real `capaian` (built by the test script) and Debian's Chromium for the browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const BIN = process.env.CAPAIAN_BIN;
const SITE = process.env.CAPAIAN_SITE;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startCapaian({ lan = false } = {}) {
  if (!BIN || !SITE) throw new Error('CAPAIAN_BIN and CAPAIAN_SITE must be set (run `make test`)');
  const data = mkdtempSync(join(tmpdir(), 'capaian-uji-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--data', data, '--site', SITE];
  if (lan) args.push('--lan');
  const child = spawn(BIN, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`capaian exited early:\n${log}`);
    try {
      const resp = await fetch(`${url}/status`);
      if (resp.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`capaian not ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => log,
    async stop() {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  // chromium.launch() gives every run a fresh, temporary profile (its own --user-data-dir).
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

// Opens a page and records uncaught errors and console errors, so a test can assert none.
export async function openPage(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  return page;
}

// For a test file: starts Capaian and Chromium before its tests and stops them after. The
// returned object's `server` and `browser` are set once the `before` hook has run.
export function useCapaianAndBrowser(options = {}) {
  const env = {};
  before(async () => {
    env.server = await startCapaian(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// A JSON API call (`body` as JSON, or raw bytes for an upload); answers { status, json }.
export async function apiRequest(baseUrl, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body instanceof Uint8Array ? {} : { 'content-type': 'application/json' },
    body: body instanceof Uint8Array ? body : body && JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}

/**
 * Uploads a workbook through the workspace page's form. A layout new to the workspace opens
 * its mapping page: the reading is confirmed as it is (with `name` typed where a single PC
 * asks for it). Resolves on the document page.
 */
export async function uploadAndConfirm(page, file, name = 'Rina Petugas') {
  await page.setInputFiles('#berkas', file);
  await Promise.all([
    page.waitForURL(/\/(pemetaan|dokumen)\//),
    page.click('#form-unggah button'),
  ]);
  if (/\/pemetaan\//.test(page.url())) {
    if (await page.locator('#oleh-pemetaan').count()) await page.fill('#oleh-pemetaan', name);
    await Promise.all([page.waitForURL(/\/dokumen\//), page.click('#konfirmasi-impor')]);
  }
}
