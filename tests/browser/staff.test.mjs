// The staff area (issue #4): each role signs in on its device and looks
// at its home page; the sign-in, user administration, sessions and
// password pages pass axe-core; the navigation fits a tablet.
import { PHONE, TABLET, LAPTOP, assert, noViolations } from './lib.mjs';

const PASSWORD = 'Digilab-Orleans-2026';

async function signIn(ctx, email, viewport) {
	const page = await ctx.page(viewport);
	await page.goto('/connexion');
	await page.fill('#email', email);
	await page.fill('#password', PASSWORD);
	await Promise.all([page.waitForURL('**/espace'), page.click('button[type=submit]')]);
	return page;
}

// Every target of the navigation is at least 44 px high and the page
// is no wider than the screen.
async function checkLayout(page, width, where) {
	const small = await page.evaluate(() => [...document.querySelectorAll(
	    '.staff-nav a, .staff-nav button, main a.button, main button')]
	    .filter((e) => e.getBoundingClientRect().height < 44)
	    .map((e) => e.textContent.trim()));
	assert.deepEqual(small, [], `targets under 44 px on ${where}`);
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= width, `${where} is ${w}px wide on a ${width}px screen`);
}

export async function signInPageIsAccessibleOnAPhone(ctx) {
	const page = await ctx.page(PHONE);
	await page.goto('/connexion');
	assert.equal(await page.locator('h1').textContent(), 'Connexion');
	noViolations(await ctx.axe(page), 'sign-in (phone)');
	// A wrong password says so, next to the form, still accessible.
	await page.fill('#email', 'coordination@action-numerique.example');
	await page.fill('#password', 'not-the-right-one');
	await page.click('button[type=submit]');
	await page.waitForSelector('.notice-error');
	assert.match(await page.locator('[role=alert]').textContent(), /incorrect/);
	assert.equal(await page.getAttribute('#password', 'aria-invalid'), 'true');
	noViolations(await ctx.axe(page), 'sign-in error (phone)');
	await ctx.shot(page, 'staff-signin-error-phone');
}

export async function mediatorOnATablet(ctx) {
	const page = await signIn(ctx, 'mediation@action-numerique.example', TABLET);
	assert.equal(await page.locator('h1').textContent(), "Mes points d'accueil");
	const sites = await page.locator('.card h2').allTextContents();
	assert.deepEqual(sites.sort(), ['Digilab Argonne', 'Digilab La Source']);
	// Only what a mediator may open: no users, journal, surveys, reports.
	assert.deepEqual((await page.locator('.staff-nav a').allTextContents())
	    .map((t) => t.trim()), ['Accueil', 'Nouvelle visite', 'Visites',
	    'Tablettes', 'Mon compte']);
	noViolations(await ctx.axe(page), 'mediator home (tablet)');
	await checkLayout(page, TABLET.width, 'mediator home');
	await ctx.shot(page, 'staff-home-mediator-tablet');
}

export async function mediatorOnAPhoneToo(ctx) {
	const page = await signIn(ctx, 'mediation.centre@action-numerique.example', PHONE);
	noViolations(await ctx.axe(page), 'mediator home (phone)');
	await checkLayout(page, PHONE.width, 'mediator home (phone)');
	await ctx.shot(page, 'staff-home-mediator-phone');
}

export async function coordinatorOnALaptop(ctx) {
	const page = await signIn(ctx, 'coordination@action-numerique.example', LAPTOP);
	assert.equal(await page.locator('h1').textContent(), 'Tableau de bord');
	assert.equal(await page.locator('tbody tr').count(), 4);
	noViolations(await ctx.axe(page), 'coordinator home');
	await ctx.shot(page, 'staff-home-coordinator-laptop');
	// The account and sessions pages.
	await page.click('.staff-nav >> text=Mon compte');
	assert.equal(await page.locator('h1').textContent(), 'Mon compte');
	noViolations(await ctx.axe(page), 'my account');
	await page.click('text=Mes sessions');
	noViolations(await ctx.axe(page), 'my sessions');
	await ctx.shot(page, 'staff-sessions-laptop');
	await page.goto('/compte/mot-de-passe');
	noViolations(await ctx.axe(page), 'change password');
}

export async function funderOnALaptop(ctx) {
	const page = await signIn(ctx, 'financeur@fondation-orleans.example', LAPTOP);
	assert.equal(await page.locator('h1').textContent(), 'Conventions financées');
	const text = await page.locator('main').textContent();
	assert.ok(text.includes('FO-EMOJI-DIGILAB'));
	assert.ok(!text.includes('CAF-45-INCL-NUM'), 'another funder\'s convention');
	noViolations(await ctx.axe(page), 'funder home');
	await ctx.shot(page, 'staff-home-funder-laptop');
}

export async function adminManagesUsers(ctx) {
	const page = await signIn(ctx, 'admin@action-numerique.example', LAPTOP);
	assert.equal(await page.locator('h1').textContent(), 'Administration');
	noViolations(await ctx.axe(page), 'admin home');
	await ctx.shot(page, 'staff-home-admin-laptop');
	await page.click('.staff-nav >> text=Utilisateurs');
	noViolations(await ctx.axe(page), 'users list');
	await ctx.shot(page, 'staff-users-laptop');
	await page.click('main >> text=Ajouter un utilisateur');
	// An incomplete form: errors next to the fields, still accessible.
	await page.fill('#email', 'pas-une-adresse');
	await page.check('#role-mediator');
	await page.click('main button[type=submit]');
	await page.waitForSelector('.field-error');
	noViolations(await ctx.axe(page), 'new user with errors');
	await ctx.shot(page, 'staff-user-new-errors-laptop');
	const email = `nouvelle.${Date.now()}@action-numerique.example`;
	await page.fill('#email', email);
	await page.fill('#name', 'Noémie Nouvelle');
	await page.check('#role-mediator');
	await page.check('text=Digilab Centre');
	await page.click('main button[type=submit]');
	const link = await page.inputValue('#link');
	assert.match(link, /\/mot-de-passe\/[0-9a-f]{64}$/);
	noViolations(await ctx.axe(page), 'link page');
	await ctx.shot(page, 'staff-user-link-laptop');
	// The new person opens the link in their own browser.
	const other = await ctx.page(PHONE);
	await other.goto(link);
	noViolations(await ctx.axe(other), 'set-password page');
	await other.fill('#password', 'Noémie aime le thé à la menthe');
	await other.fill('#confirm', 'Noémie aime le thé à la menthe');
	await other.click('button[type=submit]');
	await other.waitForURL('**/connexion?ok=1');
	await other.fill('#email', email);
	await other.fill('#password', 'Noémie aime le thé à la menthe');
	await Promise.all([other.waitForURL('**/espace'), other.click('button[type=submit]')]);
	assert.equal(await other.locator('h1').textContent(), "Mes points d'accueil");
	await ctx.shot(other, 'staff-new-user-home-phone');
	await page.goto('/admin/journal');
	noViolations(await ctx.axe(page), 'audit log');
	await ctx.shot(page, 'staff-audit-laptop');
}

export async function signOutEndsTheSession(ctx) {
	const page = await signIn(ctx, 'coordination@action-numerique.example', TABLET);
	await Promise.all([page.waitForURL('**/connexion?sortie=1'), page.click('text=Se déconnecter')]);
	assert.match(await page.locator('[role=status]').textContent(), /déconnecté/);
	await page.goto('/espace');
	assert.match(page.url(), /\/connexion\?suite=/);
}

export async function staffPagesInEnglish(ctx) {
	const page = await signIn(ctx, 'admin@action-numerique.example', TABLET);
	await page.click('text=English');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.locator('h1').textContent(), 'Administration');
	await page.click('.staff-nav >> text=Users');
	assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is kept');
	noViolations(await ctx.axe(page), 'users (English)');
	await page.click('text=Français');
}
