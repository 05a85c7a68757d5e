// The reception point's tablet (issue #3) in a real Chromium at 1280×800:
// enrolled by a one-time link, it takes one person after another; with
// the network cut it keeps the finished answers and shows how many wait;
// when the network is back every response arrives exactly once. It
// restarts after an idle time, and only the staff PIN opens its panel.
import { TABLET, assert, noViolations } from './lib.mjs';
import { ANSWERS, admin, answerSurvey, count, sql } from './surveylib.mjs';

async function enrolledKiosk(ctx, site, pin, options = {}) {
	const out = admin('kiosk-enrol', site, 'Tablette du test', '--pin', pin);
	const link = new URL(out.match(/(http\S+\/kiosk\/inscription\/\S+)/)[1]);
	const page = await ctx.page(TABLET, options);
	await page.goto(link.pathname);
	noViolations(await ctx.axe(page), 'enrolment page');
	await ctx.shot(page, 'kiosk-enrol');
	await page.click('main button[type=submit]');
	await page.waitForURL(new RegExp(`/kiosk/${site}$`));
	return page;
}

async function nextPerson(page) {
	await page.click('#k-next');
	await page.waitForSelector('#sv-notice:not([hidden])');
}

export async function kioskKeepsAnswersOfflineAndSendsEachOnce(ctx) {
	const page = await enrolledKiosk(ctx, 'la-source', '8642');
	// Every response the tablet sends, by id: one set of answers each.
	const sent = new Map(), changed = [];
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().endsWith('/api/v1/responses')) {
			const b = JSON.parse(r.postData());
			const a = JSON.stringify(b.answers);
			if (sent.has(b.id) && sent.get(b.id).answers !== a)
				changed.push(`${b.id}: ${sent.get(b.id).answers} then ${a}`);
			sent.set(b.id, { answers: a, body: b });
		}
	});
	assert.ok(await page.locator('#k-bar').isVisible(), 'kiosk bar');
	assert.equal(await page.locator('form.paged').count(), 1, 'one question per screen');
	noViolations(await ctx.axe(page), 'kiosk');
	await ctx.shot(page, 'kiosk-start');
	const ids = [];

	// First person, online.
	ids.push(await page.inputValue('input[name=_id]'));
	await answerSurvey(page, ANSWERS.satisfaction);
	await page.waitForSelector('#sv-done:not([hidden])');
	assert.ok(await page.locator('#sv-done-sent').isVisible());
	await ctx.shot(page, 'kiosk-thanks');
	assert.equal(count(ids[0]), 1);
	await nextPerson(page);

	// The network goes down for the next three people.
	await page.context().setOffline(true);
	for (let i = 0; i < 3; i++) {
		const id = await page.inputValue('input[name=_id]');
		assert.ok(!ids.includes(id), 'a new response id for each person');
		ids.push(id);
		await answerSurvey(page, ANSWERS.satisfaction);
		await page.waitForSelector('#sv-done:not([hidden])');
		assert.ok(await page.locator('#sv-done-queued').isVisible(), 'says the answers are kept');
		await nextPerson(page);
	}
	assert.equal(await page.textContent('#k-wait'), '3 réponses attendent le réseau');
	noViolations(await ctx.axe(page), 'kiosk offline');
	await ctx.shot(page, 'kiosk-offline-waiting');
	for (const id of ids.slice(1))
		assert.equal(count(id), 0, 'nothing arrived while offline');

	// The network is back: everything arrives, once.
	await page.context().setOffline(false);
	await page.waitForFunction(() => document.getElementById('k-wait').textContent === '',
	    null, { timeout: 60000 });
	for (const id of ids)
		assert.equal(count(id), 1, `response ${id} stored once`);
	assert.equal(sql(`select count(*) from responses where id in (${ids.map((i) => `'${i}'`).join(',')})
	    and channel = 'kiosk'`), '4');
	// A resend of the whole history (a tablet restored from a backup, a
	// retry after a lost answer) changes nothing.
	await page.evaluate((list) => {
		localStorage.setItem('mesure.queue.v1', JSON.stringify(list));
		window.dispatchEvent(new Event('online'));
	}, ids.map((id) => sent.get(id).body));
	await page.waitForFunction(() => JSON.parse(localStorage.getItem('mesure.queue.v1')).length === 0,
	    null, { timeout: 30000 });
	assert.equal(await page.evaluate(() => localStorage.getItem('mesure.rejected.v1')), null,
	    'duplicates accepted, none rejected');
	assert.deepEqual([...sent.keys()].sort(), [...ids].sort(), 'the ids sent are the people\'s');
	assert.deepEqual(changed, [], 'a response id is never sent with other answers');
	for (const id of ids)
		assert.equal(count(id), 1, `still once: ${id}`);
	await ctx.shot(page, 'kiosk-back-online');
}

export async function kioskStaffPinAndIdleReset(ctx) {
	const page = await enrolledKiosk(ctx, 'argonne', '1379');
	await page.clock.install();
	// A wrong PIN, then the right one, opens the staff panel.
	await page.click('#k-staff');
	await page.fill('#k-pin-in', '0000');
	await page.click('#k-pin-form button[type=submit]');
	await page.waitForSelector('#k-pin-err:not([hidden])');
	noViolations(await ctx.axe(page), 'kiosk PIN');
	await ctx.shot(page, 'kiosk-pin-wrong');
	assert.equal(await page.locator('#k-panel').isVisible(), false);
	await page.fill('#k-pin-in', '1379');
	await page.click('#k-pin-form button[type=submit]');
	await page.waitForSelector('#k-panel[open]');
	noViolations(await ctx.axe(page), 'kiosk panel');
	await ctx.shot(page, 'kiosk-staff-panel');
	await page.click('#k-resume');

	// A person starts, then leaves: the kiosk asks, then starts again.
	await page.click('form .pnav .next');
	await page.check('#i-accueil-2');
	await page.clock.fastForward(95000);
	await page.waitForSelector('#k-idle[open]');
	assert.ok((await page.textContent('#k-idle-count')).includes('secondes'));
	await ctx.shot(page, 'kiosk-idle');
	await page.clock.fastForward(22000);
	await page.waitForSelector('#sv-notice:not([hidden])');
	assert.equal(await page.isChecked('#i-accueil-2'), false, 'answers cleared for the next person');
	assert.equal(await page.locator('#k-idle[open]').count(), 0);
}

export async function kioskPrintsAFollowUpCard(ctx) {
	const page = await enrolledKiosk(ctx, 'centre', '2468');
	await page.click('#k-staff');
	await page.fill('#k-pin-in', '2468');
	await page.click('#k-pin-form button[type=submit]');
	await page.waitForSelector('#k-panel[open]');
	await page.click('#k-panel form button[type=submit]');
	await page.waitForSelector('.card');
	const code = (await page.textContent('.card .code strong')).trim();
	assert.match(code, /^[A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4}$/);
	noViolations(await ctx.axe(page), 'card');
	await ctx.shot(page, 'kiosk-card');
	// The person answers later on their own phone, with the code.
	const phone = await ctx.page({ width: 360, height: 740 });
	await phone.goto('/r');
	await phone.fill('#code', code.toLowerCase());
	await phone.click('main button[type=submit]');
	await phone.waitForURL(/\/r\/[A-Z0-9]{12}/);
	assert.ok((await phone.textContent('h1')).includes('Et depuis'));
	const id = await phone.inputValue('input[name=_id]');
	await answerSurvey(phone, ANSWERS.resultats);
	await phone.waitForSelector('#sv-done:not([hidden])');
	assert.equal(sql(`select channel from responses where id = '${id}'`), 'card');
	await ctx.shot(phone, 'card-answered-on-phone');
}

export async function kioskReopensWithoutNetwork(ctx) {
	const page = await enrolledKiosk(ctx, 'blossieres', '5555');
	// The service worker keeps the last kiosk page it served.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.context().setOffline(true);
	await page.reload();
	assert.equal((await page.textContent('h1')).trim(), 'Votre avis sur le Digilab',
	    'the kiosk page opens without network');
	assert.ok(await page.locator('#k-bar').isVisible());
	const id = await page.inputValue('input[name=_id]');
	await answerSurvey(page, ANSWERS.satisfaction);
	await page.waitForSelector('#sv-done:not([hidden])');
	assert.ok(await page.locator('#sv-done-queued').isVisible());
	await ctx.shot(page, 'kiosk-reopened-offline');
	assert.equal(count(id), 0);
	await page.context().setOffline(false);
	await page.waitForFunction(() => document.getElementById('k-wait').textContent === '',
	    null, { timeout: 60000 });
	assert.equal(count(id), 1, 'sent once the network is back');
}
