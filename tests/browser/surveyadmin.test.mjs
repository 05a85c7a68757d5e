// Survey definitions for coordinators (issue #3): on a tablet, a
// coordinator opens Questionnaires from the navigation, sends a faulty
// file and reads every fault, checks then loads a corrected one, and
// finds it among the versions. Every page passes axe-core.
import { readFileSync } from 'node:fs';
import { TABLET, assert, noViolations } from './lib.mjs';

const PASSWORD = 'Digilab-Orleans-2026';
const definition = JSON.parse(readFileSync(new URL(
    '../../conf/surveys/satisfaction.json', import.meta.url), 'utf8'));

function file(def, name) {
	return { name, mimeType: 'application/json',
	    buffer: Buffer.from(JSON.stringify(def)) };
}

export async function coordinatorLoadsASurveyVersionOnATablet(ctx) {
	const page = await ctx.page(TABLET);
	await page.goto('/connexion');
	await page.fill('#email', 'coordination@action-numerique.example');
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL('**/espace'), page.click('button[type=submit]')]);
	await page.click('.staff-nav >> text=Questionnaires');
	assert.equal(await page.locator('h1').textContent(), 'Questionnaires');
	const titles = await page.locator('tbody th a').allTextContents();
	assert.ok(titles.includes('Votre avis sur le Digilab'), titles.join(', '));
	noViolations(await ctx.axe(page), 'surveys list');
	await ctx.shot(page, 'surveys-list-tablet');

	// A faulty file: every fault with its path, the form again.
	const def = structuredClone(definition);
	def.code = 'atelier-tablette';
	def.kind = 'autre';
	def.title = { fr: 'Atelier tablette', en: 'Tablet workshop' };
	const bad = structuredClone(def);
	delete bad.questions[0].label;
	bad.questions[2].options = [];
	await page.setInputFiles('#definition', file(bad, 'atelier.json'));
	await page.click('button[value=load]');
	await page.waitForSelector('.notice-error');
	const faults = await page.locator('.faults li').allTextContents();
	assert.ok(faults.length >= 2, faults.join(' | '));
	// Each fault starts with its exact path.
	assert.ok(faults.includes('questions[0].label: missing'), faults.join(' | '));
	noViolations(await ctx.axe(page), 'surveys list with faults');
	await ctx.shot(page, 'surveys-faults-tablet');

	// Check the corrected file, then load it.
	await page.setInputFiles('#definition', file(def, 'atelier.json'));
	await page.click('button[value=check]');
	await page.waitForSelector('.notice-ok');
	assert.match(await page.locator('#notice').textContent(), /est valide/);
	await page.setInputFiles('#definition', file(def, 'atelier.json'));
	await Promise.all([page.waitForURL('**/questionnaires/atelier-tablette?charge=*'),
	    page.click('button[value=load]')]);
	assert.equal(await page.locator('h1').textContent(), 'Atelier tablette');
	assert.match(await page.locator('#notice').textContent(), /chargée et en service/);
	assert.equal(await page.locator('.badge:visible').count(), 1);
	noViolations(await ctx.axe(page), 'survey versions');
	await ctx.shot(page, 'survey-versions-tablet');
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= TABLET.width, `versions page is ${w}px wide`);
}
