// The Break Poverty model in the browser (issue #6): on a tablet, a
// coordinator creates a project and a convention, gives it its three
// indicators – follow-up, impact from the catalogue, a free one previewed
// first – and a target, sees it on the dashboard, and downloads the
// funder's spreadsheet, which a real reader (Python's zipfile) opens.
// Every page passes axe-core. (The HTTP tests check every figure.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { TABLET, PHONE, assert, noViolations } from './lib.mjs';

async function signIn(page) {
	await page.goto('/connexion');
	await page.fill('#email', 'coordination@action-numerique.example');
	await page.fill('#password', 'Digilab-Orleans-2026');
	await Promise.all([page.waitForURL('**/espace'), page.click('button[type=submit]')]);
}

export async function coordinatorBuildsAConventionAndDownloadsTheSpreadsheet(ctx) {
	const page = await ctx.page(TABLET, { acceptDownloads: true });
	await signIn(page);
	await page.click('.staff-nav >> text=Projets');
	assert.equal(await page.locator('h1').textContent(), 'Projets et conventions');
	noViolations(await ctx.axe(page), 'projects');
	const code = `nav-${Date.now() % 100000}`;
	await page.fill('#code', code);
	await page.fill('#nom', 'Permanences numériques du quartier');
	await page.fill('#debut', '2026-01-01');
	await page.fill('#fin', '2026-12-31');
	await Promise.all([page.waitForURL('**/projets/*'), page.click('text=Créer')]);
	assert.match(await page.locator('#notice').textContent(), /enregistré/);

	// A convention with the Fondation Orléans.
	await page.click('summary >> text=Ajouter une convention');
	await page.selectOption('#c-financeur', { label: 'Fondation Orléans' });
	await page.fill('#c-reference', 'FO-NAV-1');
	await page.fill('#c-titre', 'Soutien 2026');
	await page.fill('#c-montant', '15 000');
	await page.fill('#c-debut', '2026-01-01');
	await page.fill('#c-fin', '2026-12-31');
	await Promise.all([page.waitForURL('**/conventions/*'),
	    page.click('form:has(input[value="convention.create"]) button[type=submit]')]);
	noViolations(await ctx.axe(page), 'convention, empty');

	// 1. Follow-up indicator.
	await page.selectOption('#type', 'suivi');
	await page.fill('#libelle', 'Personnes accompagnées');
	await page.fill('#definition', '{"source": "visits", "measure": "distinct_beneficiaries"}');
	await Promise.all([page.waitForURL('**/conventions/*?ok=*'),
	    page.click('button[value="indicator.add"]')]);
	// 2. Impact indicator from the catalogue (its definition is the list's).
	await page.selectOption('#type', 'impact');
	const first = await page.locator('#catalogue optgroup').first().locator('option').first();
	await page.selectOption('#catalogue', await first.getAttribute('value'));
	await page.fill('#libelle', 'Plus autonomes dans leurs démarches');
	await Promise.all([page.waitForURL('**/conventions/*?ok=*'),
	    page.click('button[value="indicator.add"]')]);
	// 3. A free indicator: a mistake is named, then a preview, then saved.
	await page.selectOption('#type', 'libre');
	await page.fill('#libelle', 'Visites par téléphone');
	await page.fill('#definition', '{"source": "visits", "measure": "count", "filter": {"channel": ["fax"]}}');
	await page.click('button[value="indicator.preview"]');
	assert.match(await page.locator('#notice').textContent(), /n'est pas valable.*filter\.channel\[0\]/s);
	noViolations(await ctx.axe(page), 'definition refused');
	await page.fill('#definition', '{"source": "visits", "measure": "count", "filter": {"channel": ["telephone"]}}');
	await page.click('button[value="indicator.preview"]');
	await page.waitForSelector('#preview');
	assert.match(await page.locator('#preview').textContent(), /Ce qu'il compte/);
	noViolations(await ctx.axe(page), 'definition previewed');
	await ctx.shot(page, 'convention-preview-tablet');
	await Promise.all([page.waitForURL('**/conventions/*?ok=*'),
	    page.click('button[value="indicator.add"]')]);
	assert.equal(await page.locator('article.card').count(), 3);

	// A target for the first quarter.
	const card = page.locator('article.card').first();
	await card.locator('select[name=trimestre]').selectOption('2026-T1');
	await card.locator('input[name=objectif]').fill('120');
	await Promise.all([page.waitForURL('**/conventions/*?ok=target.set*'),
	    card.locator('form:has(input[value="target.set"]) button').click()]);
	assert.match(await page.locator('article.card').first().textContent(), /120/);
	noViolations(await ctx.axe(page), 'convention with its indicators');
	await ctx.shot(page, 'convention-tablet');

	// The dashboard shows the three indicators.
	await Promise.all([page.waitForURL('**/tableau-de-bord?*'),
	    page.click('a.button >> text=Tableau de bord')]);
	noViolations(await ctx.axe(page), 'dashboard of the new convention');
	const dash = await page.locator('main').textContent();
	for (const label of ['Personnes accompagnées', 'Plus autonomes', 'Visites par téléphone'])
		assert.ok(dash.includes(label), label);

	// The funder's spreadsheet: a real .xlsx with its five sheets.
	await page.goBack();
	const [download] = await Promise.all([page.waitForEvent('download'),
	    page.click('a.button >> text=Tableau de suivi du financeur')]);
	const file = await download.path();
	assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
	const sheets = execFileSync('python3', ['-c',
	    'import sys, zipfile, re; z = zipfile.ZipFile(sys.argv[1]); ' +
	    'print("|".join(re.findall(r\'<sheet name="([^"]+)"\', z.read("xl/workbook.xml").decode())))',
	    file]).toString().trim();
	assert.equal(sheets, "Projet|Indicateurs|Jalons|Budget|Chaîne de l'impact");
}

export async function projectPageOnAPhone(ctx) {
	const page = await ctx.page(PHONE);
	await signIn(page);
	await page.goto('/projets');
	await page.click('table a >> nth=0');
	noViolations(await ctx.axe(page), 'a project (phone)');
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	const wide = await page.evaluate((max) => [...document.querySelectorAll('body *')]
	    .filter((e) => e.getBoundingClientRect().right > max && !(e.parentElement && e.parentElement.closest('.table-wrap')))
	    .slice(0, 5).map((e) => `${e.tagName}.${e.className}#${e.id}`).join(', '), PHONE.width);
	assert.ok(w <= PHONE.width + 1, `a project page is ${w}px wide on a phone: ${wide}`);
	await ctx.shot(page, 'project-phone');
	// The chain's form offers the project's indicators by name.
	const choices = await page.locator('#k-indicateur option').allTextContents();
	assert.ok(choices.length > 1 && choices[0] === 'Aucun', `indicator choice: ${choices}`);
	await ctx.shotOf(page, 'section[aria-labelledby="sec-chain"]', 'project-chain-phone');
	await page.goto('/exports');
	noViolations(await ctx.axe(page), 'exports (phone)');
	await ctx.shot(page, 'exports-phone');
}
