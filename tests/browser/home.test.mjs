// The public home page on a phone and a laptop: readable, accessible,
// nothing from another host.
import { PHONE, LAPTOP, assert, noViolations } from './lib.mjs';

export async function homeOnAPhoneIsAccessible(ctx) {
	const page = await ctx.page(PHONE);
	const hosts = new Set();
	page.on('request', (r) => hosts.add(new URL(r.url()).host));
	await page.goto('/');
	assert.equal(await page.locator('h1').textContent(), "Les points d'accueil Digilab");
	assert.equal(await page.locator('.site').count(), 4);
	noViolations(await ctx.axe(page), 'home (phone)');
	// Nothing wider than the screen at 360 px.
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(overflow <= 360, `page is ${overflow}px wide on a 360px screen`);
	assert.deepEqual([...hosts], [new URL(ctx.base).host], 'requests to another host');
	await ctx.shot(page, 'home-phone');
}

export async function homeInEnglishOnALaptop(ctx) {
	const page = await ctx.page(LAPTOP, { locale: 'en-GB' });
	await page.goto('/');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	await page.click('text=Français');
	assert.equal(await page.getAttribute('html', 'lang'), 'fr');
	noViolations(await ctx.axe(page), 'home (laptop)');
	await ctx.shot(page, 'home-laptop');
}
