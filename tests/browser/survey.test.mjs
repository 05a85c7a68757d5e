// The respondent's pages in a real Chromium (issue #3): both surveys on a
// 360×740 phone and a 1280×800 tablet, in French and in English, with
// JavaScript on and off; axe-core on every page; no request to another
// host; targets of 44 px; the answers arrive once.
import { PHONE, TABLET, assert, noViolations } from './lib.mjs';
import { ANSWERS, answerSurvey, axeNoJs, checkTargets, count, stored } from './surveylib.mjs';

const SURVEYS = { satisfaction: 'la-source', resultats: 'argonne' };
const TITLES = {
	satisfaction: { fr: 'Votre avis sur le Digilab', en: 'Your opinion of the Digilab' },
	resultats: { fr: 'Et depuis votre passage au Digilab ?', en: 'And since your visit to the Digilab?' },
};
const THANKS = {
	satisfaction: { fr: 'Merci pour vos réponses !', en: 'Thank you for your answers!' },
	resultats: { fr: 'Merci ! Vos réponses comptent.', en: 'Thank you! Your answers matter.' },
};

async function answerOnce(ctx, survey, device, lang, js) {
	const viewport = device === 'phone' ? PHONE : TABLET;
	const page = await ctx.page(viewport, {
		javaScriptEnabled: js, locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
	});
	const hosts = new Set();
	page.on('request', (r) => hosts.add(new URL(r.url()).host));
	const where = `${survey} ${device} ${lang} ${js ? 'js' : 'no-js'}`;
	await page.goto(`/s/${survey}/${SURVEYS[survey]}`);
	assert.equal(await page.getAttribute('html', 'lang'), lang, where);
	assert.equal((await page.textContent('h1')).trim(), TITLES[survey][lang], where);
	noViolations(js ? await ctx.axe(page) : await axeNoJs(ctx, page), where);
	await checkTargets(page, where);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= viewport.width, `${where}: ${width}px wide`);
	// Phones with JavaScript get one question per screen.
	assert.equal(await page.locator('form.paged').count(), js && device === 'phone' ? 1 : 0, where);
	await ctx.shot(page, `survey-${survey}-${device}-${lang}-${js ? 'js' : 'nojs'}`);

	const id = await page.inputValue('input[name=_id]');
	await answerSurvey(page, ANSWERS[survey]);
	if (js) {
		await page.waitForSelector('#sv-done:not([hidden])');
		assert.ok(await page.locator('#sv-done-sent').isVisible(), where);
		assert.equal(page.url().endsWith(`/s/${survey}/${SURVEYS[survey]}`), true, 'no reload');
	} else {
		await page.waitForURL(/\/merci/);
	}
	assert.ok((await page.textContent('main')).includes(THANKS[survey][lang]), where);
	noViolations(js ? await ctx.axe(page) : await axeNoJs(ctx, page), `${where}, thanks`);
	await ctx.shot(page, `survey-${survey}-${device}-${lang}-${js ? 'js' : 'nojs'}-thanks`);
	assert.equal(count(id), 1, `${where}: stored once`);
	const rows = stored(id);
	if (survey === 'satisfaction') {
		assert.ok(rows.includes('difficulte=document,difficulte=autre,difficulte_autre=Pas de réseau'), rows);
		assert.ok(rows.includes('commentaire=Très patient, merci !'), rows);
	} else {
		assert.ok(rows.includes('frein_leve=sante,frein_leve=logement'), rows);
	}
	assert.deepEqual([...hosts], [new URL(ctx.base).host], `${where}: another host`);
	await page.context().close();
}

export async function satisfactionOnPhoneAndTablet(ctx) {
	for (const device of ['phone', 'tablet'])
		for (const lang of ['fr', 'en'])
			for (const js of [true, false])
				await answerOnce(ctx, 'satisfaction', device, lang, js);
}

export async function resultatsOnPhoneAndTablet(ctx) {
	for (const device of ['phone', 'tablet'])
		for (const lang of ['fr', 'en'])
			for (const js of [true, false])
				await answerOnce(ctx, 'resultats', device, lang, js);
}

export async function conditionalQuestionFollowsTheAnswers(ctx) {
	const page = await ctx.page(TABLET);
	await page.goto('/s/satisfaction/la-source');
	assert.equal(await page.locator('#q-difficulte').isVisible(), false, 'hidden at first');
	await page.check('#i-demarche_reussie-non');
	assert.equal(await page.locator('#q-difficulte').isVisible(), true, 'shown after "no"');
	await page.check('#i-demarche_reussie-oui');
	assert.equal(await page.locator('#q-difficulte').isVisible(), false, 'hidden after "yes"');
	// Without JavaScript the question is there, with a note.
	const plain = await ctx.page(TABLET, { javaScriptEnabled: false });
	await plain.goto('/s/satisfaction/la-source');
	assert.ok(await plain.locator('#q-difficulte .cond').isVisible());
}

export async function requiredQuestionsAreCheckedOnThePhone(ctx) {
	const page = await ctx.page(PHONE);
	await page.goto('/s/satisfaction/la-source');
	await page.click('form .pnav .next');
	assert.equal(await page.textContent('.progress'), 'Question 1 sur 10');
	await page.click('form .pnav .next');		// nothing chosen
	assert.equal(await page.textContent('#q-accueil .err'), 'Répondez à cette question pour continuer.');
	noViolations(await ctx.axe(page), 'phone, required');
	await ctx.shot(page, 'survey-phone-required');
	await page.check('#i-accueil-4');
	assert.equal(await page.locator('#q-accueil .err').count(), 0, 'error cleared');
	await page.click('form .pnav .next');
	assert.equal(await page.textContent('.progress'), 'Question 2 sur 10');
	await page.click('form .pnav .prev');
	assert.ok(await page.isChecked('#i-accueil-4'), 'back keeps the answer');
}

export async function plainFormShowsErrorsNextToEachField(ctx) {
	const page = await ctx.page(PHONE, { javaScriptEnabled: false });
	await page.goto('/s/satisfaction/la-source');
	await page.check('#i-accueil-2');
	await page.fill('#i-commentaire', 'Un mot');
	await page.click('#sv-send button[type=submit]');
	await page.waitForSelector('#sv-errors');
	assert.ok((await page.title()).includes('Votre avis'));
	assert.equal(await page.textContent('#sv-errors h2'), '4 réponses sont à corriger.');
	assert.ok((await page.textContent('#e-explications')).includes('Répondez à cette question.'));
	assert.ok(await page.isChecked('#i-accueil-2'), 'answer kept');
	assert.equal(await page.inputValue('#i-commentaire'), 'Un mot', 'text kept');
	// The summary links to each question.
	await page.click('#sv-errors a[href="#q-explications"]');
	assert.ok(page.url().endsWith('#q-explications'));
	noViolations(await axeNoJs(ctx, page), 'no-js, 422');
	await ctx.shot(page, 'survey-phone-nojs-422');
}

export async function languageSwitchKeepsTheAnswers(ctx) {
	const page = await ctx.page(PHONE);
	await page.goto('/s/satisfaction/la-source');
	const id = await page.inputValue('input[name=_id]');
	await page.click('form .pnav .next');
	await page.check('#i-accueil-5');
	await page.click('header a[hreflang=en]');
	await page.waitForURL(/lang=en/);
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.ok(await page.isChecked('#i-accueil-5'), 'answer kept across the switch');
	assert.equal(await page.inputValue('input[name=_id]'), id, 'same response');
	assert.equal(await page.locator('header a[hreflang=fr]').isVisible(), true, 'switch always visible');
}

export async function phoneOfflineKeepsTheAnswersAndSendsThemLater(ctx) {
	const page = await ctx.page(PHONE);
	await page.goto('/s/satisfaction/la-source');
	const id = await page.inputValue('input[name=_id]');
	await page.context().setOffline(true);
	await answerSurvey(page, ANSWERS.satisfaction);
	await page.waitForSelector('#sv-done:not([hidden])');
	assert.ok(await page.locator('#sv-done-queued').isVisible(), 'says it is kept');
	await ctx.shot(page, 'survey-phone-offline');
	assert.equal(count(id), 0);
	await page.context().setOffline(false);
	await page.waitForFunction(() => !JSON.parse(localStorage.getItem('mesure.queue.v1') || '[]').length,
	    null, { timeout: 30000 });
	assert.equal(count(id), 1, 'sent once when the network came back');
}

export async function zoomedAndNarrowStillReflows(ctx) {
	// 200 % zoom of a 360-px phone and of a 1280-px tablet.
	for (const viewport of [{ width: 180, height: 370 }, { width: 640, height: 400 }]) {
		for (const path of ['/s/satisfaction/la-source', '/s/resultats/argonne', '/r']) {
			const page = await ctx.page(viewport, { javaScriptEnabled: false });
			await page.goto(path);
			const w = await page.evaluate(() => document.documentElement.scrollWidth);
			assert.ok(w <= viewport.width, `${path} at ${viewport.width}px is ${w}px wide`);
			if (path === '/s/satisfaction/la-source')
				await ctx.shot(page, `survey-zoom-${viewport.width}`);
		}
	}
}

export async function focusIsVisible(ctx) {
	const page = await ctx.page(TABLET);
	await page.goto('/s/satisfaction/la-source');
	await page.focus('#i-accueil-3');
	await page.keyboard.press('ArrowRight');
	const outline = await page.$eval('#i-accueil-4 + label', (l) => getComputedStyle(l).outlineStyle);
	assert.equal(outline, 'solid', 'focused choice has an outline');
	assert.ok(await page.isChecked('#i-accueil-4'), 'arrow keys choose');
}

export async function otherRespondentPagesAreAccessible(ctx) {
	for (const [path, name] of [['/confidentialite', 'privacy'], ['/r', 'card-code'],
	    ['/r/ABCDEFHJKMNP', 'card-unknown'], ['/s/satisfaction/la-source/merci', 'thanks'],
	    ['/kiosk/la-source', 'kiosk-not-enrolled'], ['/s/inconnu/la-source', 'not-found']]) {
		for (const viewport of [PHONE, TABLET]) {
			const page = await ctx.page(viewport);
			await page.goto(path);
			noViolations(await ctx.axe(page), path);
			if (viewport === PHONE)
				await ctx.shot(page, `page-${name}`);
		}
	}
}

export async function plainFormKeepsTheChosenLanguage(ctx) {
	// A French browser, English chosen with the switch, JavaScript off.
	const page = await ctx.page(PHONE, { javaScriptEnabled: false, locale: 'fr-FR' });
	await page.goto('/s/resultats/argonne');
	await page.click('header a[hreflang=en]');
	await page.waitForURL(/lang=en/);
	await page.check('#i-droit_obtenu-oui');
	await page.click('#sv-send button[type=submit]');
	await page.waitForSelector('#sv-errors');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.textContent('#sv-errors h2'), '3 answers need a correction.');
	assert.ok((await page.title()).startsWith('Error: '));
	noViolations(await axeNoJs(ctx, page), 'no-js English 422');
	await ctx.shot(page, 'survey-phone-nojs-422-en');
}
