// Visits (issue #5): on the Digilab's tablet, a mediator records a visit
// with a few taps and hands the tablet over to the satisfaction survey;
// the person answers; the response is tied to the visit's site (and its
// domain, unless that could single the person out) through a one-time
// invitation, never to the visit itself. The time of the scripted taps
// is printed for BENCHMARKS.md, not asserted. Every staff page of the
// area passes axe-core on a tablet and on a phone.
import { PHONE, TABLET, assert, noViolations } from './lib.mjs';
import { ANSWERS, answerSurvey, sql } from './surveylib.mjs';

const PASSWORD = 'Digilab-Orleans-2026';

async function signIn(ctx, email, viewport) {
	const page = await ctx.page(viewport);
	await page.goto('/connexion');
	await page.fill('#email', email);
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL('**/espace'), page.click('button[type=submit]')]);
	return page;
}

export async function mediatorRecordsAVisitAndHandsTheTabletOver(ctx) {
	const page = await signIn(ctx, 'mediation@action-numerique.example', TABLET);
	const before = +sql('select count(*) from visits');
	const t0 = Date.now();
	await page.click('.staff-nav >> text=Nouvelle visite');
	await page.waitForSelector('#visit-form');
	const load = Date.now() - t0;
	noViolations(await ctx.axe(page), 'visit form (tablet)');
	await ctx.shot(page, 'visit-form-tablet');
	const tForm = Date.now();
	// The taps: a domain, a kind of help, a duration; the site and the
	// time are already right. (Each choice's input covers its whole
	// tile, transparent: that is what a finger hits.)
	await page.click('#domaines-famille');
	await page.click('#aide-accompagnement');
	await page.click('#duree-20');
	await Promise.all([page.waitForURL('**/r/**'),
	    page.click('button[name=ensuite][value=enquete]')]);
	const taps = Date.now() - tForm;
	console.log(`# visit recorded and tablet handed over: ${load} ms to open ` +
	    `the form, ${taps} ms of scripted taps up to the survey's page`);
	assert.equal(+sql('select count(*) from visits'), before + 1);
	const visit = sql(`select v.id || '|' || s.code || '|' || v.help_kind
	    from visits v join sites s on s.id = v.site_id order by v.id desc limit 1`).split('|');
	assert.equal(visit[2], 'accompagnement');
	// The person answers on the same tablet.
	await ctx.shot(page, 'visit-handover-survey-tablet');
	const id = await page.getAttribute('input[name=_id]', 'value');
	await answerSurvey(page, ANSWERS.satisfaction);
	await page.waitForSelector('.done, h1');
	const r = sql(`select s.code || '|' || coalesce(r.domain_code, '') || '|' ||
	    coalesce(r.help_kind, '') || '|' || coalesce(r.visit_id::text, '') ||
	    '|' || r.channel from responses r join sites s on s.id = r.site_id
	    where r.id = '${id}'`).split('|');
	assert.equal(r[0], visit[1], 'the response is at the visit\'s site');
	assert.ok(r[1] === '' || r[1] === 'famille', `domain ${r[1]}`);
	assert.equal(r[3], '', 'never tied to the visit itself');
	const inv = sql(`select coalesce(i.domain_code, '') || '|' || (i.used_at is not null)
	    from invitations i join responses r on r.invitation_id = i.id where r.id = '${id}'`);
	assert.equal(inv, `${r[1]}|true`, 'through its one-time invitation, now used');
}

export async function visitPagesOnAPhoneAndATablet(ctx) {
	const med = await signIn(ctx, 'mediation@action-numerique.example', PHONE);
	await med.goto('/visites/nouvelle');
	noViolations(await ctx.axe(med), 'visit form (phone)');
	const w = await med.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= PHONE.width, `visit form is ${w}px wide on a phone`);
	await ctx.shot(med, 'visit-form-phone');
	// A refused save: the errors, next to their fields, still accessible.
	await med.click('#visit-form .vsend button:not([name])');
	await med.waitForSelector('.field-error');
	noViolations(await ctx.axe(med), 'visit form with errors (phone)');
	await ctx.shot(med, 'visit-form-errors-phone');
	await med.goto('/visites');
	noViolations(await ctx.axe(med), 'my visits of the day (phone)');

	const coord = await signIn(ctx, 'coordination@action-numerique.example', TABLET);
	for (const [path, name] of [['/visites?du=2026-07-01&au=2026-09-30', 'visit-list'],
	    ['/visites/activite?trimestre=2026-T3', 'visit-activity'],
	    ['/visites/import', 'visit-import'], ['/tablettes', 'devices']]) {
		await coord.goto(path);
		noViolations(await ctx.axe(coord), path);
		await ctx.shot(coord, `${name}-tablet`);
		if (name === 'visit-activity')
			assert.ok(await coord.locator('main svg').count() >= 4, 'the charts');
	}
}
