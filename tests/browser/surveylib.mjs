// Helpers of the survey area's browser tests (survey.test.mjs,
// kiosk.test.mjs): answering a survey as a person would, with the
// enhanced one-question-per-screen pages or the plain form, and checking
// what the database kept.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');

export function sql(query) {
	return execFileSync('psql', [process.env.MESURE_TEST_DB, '-X', '-A', '-t', '-c', query],
	    { encoding: 'utf8' }).trim();
}

export function admin(...args) {
	return execFileSync(join(top, 'build', 'mesure-admin'), args, {
		encoding: 'utf8',
		env: { ...process.env, MESURE_DATABASE: process.env.MESURE_TEST_DB,
		    MESURE_PUBLIC_URL: process.env.MESURE_TEST_BASE },
	});
}

// What a person answers, by question code: a value, a list (multiple
// choice), or { text } for a text question; "_autre" for "other" texts.
export const ANSWERS = {
	satisfaction: {
		accueil: '5', explications: '4', demarche_reussie: 'non',
		difficulte: ['document', 'autre'], difficulte_autre: 'Pas de réseau',
		domaine: 'famille', autonome: 'oui', rassure: 'oui', recommande: '9',
		commentaire: { text: 'Très patient, merci !' }, premiere_visite: 'non',
	},
	resultats: {
		droit_obtenu: 'oui', autres_demarches_seul: 'oui', utilise_mail: 'non',
		compte_en_ligne: 'nsp', frein_leve: ['sante', 'logement'],
		sans_digilab: 'non', confiance_numerique: '4', confiance_services: 'oui',
		commentaire: { text: 'J\'ai mon compte Ameli.' },
	},
};

// Answer one question (a .q container) from the answers table.
async function answerOne(page, code, answers) {
	const v = answers[code];
	if (v === undefined)
		return;
	if (typeof v === 'object' && !Array.isArray(v)) {
		await page.fill(`#i-${code}`, v.text);
		return;
	}
	for (const x of Array.isArray(v) ? v : [v])
		await page.check(`#i-${code}-${x}`);
	if (answers[code + '_autre'])
		await page.fill(`#i-${code}_autre`, answers[code + '_autre']);
}

// Answer the whole survey shown on the page and send it. Works on the
// plain form (every question on the page) and on the paged one.
export async function answerSurvey(page, answers) {
	const paged = await page.locator('form.paged').count() > 0;
	if (!paged) {
		for (const code of await page.$$eval('.q', (qs) => qs.map((q) => q.dataset.code))) {
			if (await page.locator(`#q-${code}`).isVisible())
				await answerOne(page, code, answers);
		}
		await page.click('#sv-send button[type=submit]');
		return;
	}
	await page.click('form .pnav .next');		// the notice: Start
	for (let i = 0; i < 40; i++) {
		if (await page.locator('#sv-send.current').count()) {
			await page.click('#sv-send button[type=submit]');
			return;
		}
		const code = await page.getAttribute('.q.current', 'data-code');
		await answerOne(page, code, answers);
		await page.click('form .pnav .next');
	}
	throw new Error('never reached the send button');
}

// The stored answers of response id, as "question=value" lines.
export function stored(id) {
	return sql(`select string_agg(question || '=' || value, ',' order by question, ordinal)
	    from answers where response_id = '${id.replace(/[^0-9a-f-]/g, '')}'`);
}

export function count(id) {
	return +sql(`select count(*) from responses where id = '${id.replace(/[^0-9a-f-]/g, '')}'`);
}

// Every target a finger must hit is at least 44 CSS px each way.
export async function checkTargets(page, where) {
	const small = await page.$$eval('a, button, label, input:not([type=hidden]), textarea', (els) =>
	    els.filter((e) => {
		const r = e.getBoundingClientRect(), s = getComputedStyle(e);
		if (!r.width || s.visibility === 'hidden' || e.closest('[hidden], .hp, .skip, .sprite'))
			return false;
		if (e.tagName === 'A' && e.closest('p, li') && !e.classList.contains('button'))
			return false;	// a link in a sentence (WCAG 2.5.5 exception)
		if (e.tagName === 'LABEL' && !e.closest('.opt'))
			return false;	// a question's own label, not a target
		return r.width < 44 || r.height < 44;
	    }).map((e) => `${e.tagName.toLowerCase()}#${e.id || ''}.${e.className} ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`));
	assert.deepEqual(small, [], `targets under 44 px on ${where}`);
}

// axe-core on a page opened with JavaScript off. axe needs JavaScript to
// run (Chromium gives up on a page with scripts disabled), so the very
// same document is shown again in a page that runs JavaScript but not
// Mesure's script, as a browser with JavaScript off would, and checked.
export async function axeNoJs(ctx, page) {
	const html = await page.content(), url = page.url();
	const viewport = page.viewportSize();
	const p2 = await ctx.page(viewport);
	await p2.route('**/assets/js/survey.js', (r) => r.abort());
	await p2.route(url, (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
	await p2.goto(url);
	const v = await ctx.axe(p2);
	await p2.context().close();
	return v;
}
