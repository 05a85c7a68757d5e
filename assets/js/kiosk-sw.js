/*
 * Mesure – the kiosk's service worker, served at /kiosk/sw.js (scope
 * /kiosk/, app/kiosk.c). It lets an enrolled tablet reopen its kiosk page
 * without network – after a reload, a crash of the browser, a restart –
 * so that people can keep answering during an outage (survey.js keeps
 * their answers and sends them when the network returns).
 *
 * The kiosk page and the assets are fetched from the network first, and
 * the last good copy is kept; only when the network fails is the copy
 * served. Nothing else is touched: the API's POSTs go straight out.
 */
'use strict';
var CACHE = 'mesure-kiosk-v1';

self.addEventListener('install', function (e) {
	self.skipWaiting();
	e.waitUntil(caches.open(CACHE).then(function (c) {
		return c.addAll(['/assets/css/survey.css', '/assets/js/survey.js']);
	}));
});

self.addEventListener('activate', function (e) {
	e.waitUntil(self.clients.claim());
});

function networkFirst(request, key) {
	return fetch(request).then(function (resp) {
		if (resp.ok) {
			var copy = resp.clone();
			caches.open(CACHE).then(function (c) { c.put(key, copy); });
		}
		return resp;
	}).catch(function () {
		return caches.match(key).then(function (hit) {
			return hit || Response.error();
		});
	});
}

self.addEventListener('fetch', function (e) {
	var r = e.request, url = new URL(r.url);
	if (r.method !== 'GET' || url.origin !== self.location.origin)
		return;
	if (r.mode === 'navigate' && /^\/kiosk\/[a-z0-9-]{2,40}$/.test(url.pathname))
		e.respondWith(networkFirst(r, url.pathname));
	else if (url.pathname === '/assets/css/survey.css' ||
	    url.pathname === '/assets/js/survey.js' ||
	    url.pathname === '/assets/icons/mesure.svg')
		e.respondWith(networkFirst(r, url.pathname));
});
