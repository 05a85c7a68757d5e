// Run Mesure's browser tests: every exported function of
// tests/browser/*.test.mjs, in Debian's Chromium driven by playwright-core,
// against the server tests/run.sh started (MESURE_TEST_BASE).
//
// Each test receives a context: ctx.page(viewport, options) opens a page,
// ctx.axe(page) returns axe-core's WCAG 2.1 A/AA violations,
// ctx.shot(page, name) saves a screenshot under var/test/screenshots/,
// ctx.shotOf(page, selector, name) one of a part of the page.
// Prints "ok - …" / "not ok - …" per test, then "N passed, N failed".
//
// Usage: node run.mjs [FILE-SUBSTRING [TEST-SUBSTRING]]
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { PHONE } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.env.MESURE_TEST_BASE || 'http://127.0.0.1:8888';
const work = process.env.MESURE_TEST_WORK || join(here, '..', '..', 'var', 'test');
const shots = join(work, 'screenshots');
mkdirSync(shots, { recursive: true });





const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update',
	    '--disable-sync', '--disable-dev-shm-usage'],
});

const contexts = [];
const ctx = {
	base,
	browser,
	// A new page in a fresh browser context (own cookies, own storage).
	async page(viewport = PHONE, options = {}) {
		const c = await browser.newContext({ viewport, baseURL: base, locale: 'fr-FR', ...options });
		contexts.push(c);
		const p = await c.newPage();
		p.on('pageerror', (e) => { p.__errors = (p.__errors || []).concat(String(e)); });
		return p;
	},
	// axe-core in the page: WCAG 2.1 A and AA rules; [] when clean.
	async axe(page) {
		// Evaluated through the DevTools protocol, which the page's
		// Content-Security-Policy does not block: the page under test
		// keeps its real CSP.
		await page.evaluate(axeSource);
		const res = await page.evaluate(async () => await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		}));
		return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	},
	async shot(page, name) {
		const path = join(shots, `${name}.png`);
		await page.screenshot({ path, fullPage: true });
		return path;
	},
	// One part of a page (a CSS selector), to look at it closely.
	async shotOf(page, selector, name) {
		const path = join(shots, `${name}.png`);
		await page.locator(selector).screenshot({ path });
		return path;
	},
};

const onlyFile = process.argv[2] || '';
const onlyTest = process.argv[3] || '';
let passed = 0, failed = 0;
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs') && f.includes(onlyFile)).sort();
for (const f of files) {
	const mod = await import(pathToFileURL(join(here, f)).href);
	for (const [name, fn] of Object.entries(mod)) {
		if (typeof fn !== 'function' || !name.includes(onlyTest)) continue;
		const t0 = Date.now();
		try {
			await fn(ctx);
			passed++;
			console.log(`ok - ${f}: ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
		} catch (e) {
			failed++;
			console.log(`not ok - ${f}: ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 6).join(' | ') : e}`);
		}
		while (contexts.length) await contexts.pop().close().catch(() => {});
	}
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
