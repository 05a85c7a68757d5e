/*
 * Mesure – survey.js: what JavaScript adds to the respondent's pages.
 * Everything works without it (a plain form, posted, answered with a
 * page); with it:
 *  - questions that the answers make irrelevant are hidden (show_if);
 *  - on a phone, and on the kiosk, one question per screen, with the
 *    progress, Back and Next, and a check of required questions;
 *  - answers go through POST /api/v1/responses without reloading the
 *    page, with the response id of the page: a retry is harmless;
 *  - with no network, finished answers are kept in localStorage and sent
 *    when it returns (every response arrives once: the id makes a resend
 *    a "duplicate");
 *  - a page left half-answered keeps its answers (sessionStorage), also
 *    across the language switch;
 *  - the kiosk (#k-bar): reset after each person and after an idle
 *    time, the number of answers waiting, the staff PIN and panel.
 * Same origin only; no inline code (CSP); no library.
 */
(function () {
	'use strict';
	var QKEY = 'mesure.queue.v1', RKEY = 'mesure.rejected.v1';
	var doc = document, form = doc.getElementById('sv-form');
	var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

	each(doc.querySelectorAll('[data-print]'), function (b) {
		b.addEventListener('click', function () { window.print(); });
	});
	if (!form || !window.fetch || !window.JSON)
		return;

	var bar = doc.getElementById('k-bar'), kiosk = !!bar;
	var t = form.dataset, notice = doc.getElementById('sv-notice');
	var done = doc.getElementById('sv-done'), sendDiv = doc.getElementById('sv-send');
	var qs = Array.prototype.slice.call(form.querySelectorAll('.q'));
	var conds = {}, vis = {}, paged = false, step = -1, steps = [];
	var nav, prev, next, progress, bar2, status;

	function fill(s, a, b) { return String(s).replace('{1}', a).replace('{2}', b); }
	function uuid() {
		if (window.crypto && crypto.randomUUID) {
			try { return crypto.randomUUID(); } catch (e) { /* not a secure context */ }
		}
		var b = new Uint8Array(16), h = '';
		crypto.getRandomValues(b);
		b[6] = b[6] & 15 | 64;
		b[8] = b[8] & 63 | 128;
		each(b, function (x) { h += (x + 256).toString(16).slice(1); });
		return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) +
		    '-' + h.slice(16, 20) + '-' + h.slice(20);
	}
	function load(k) {
		try { return JSON.parse(localStorage.getItem(k)) || []; } catch (e) { return []; }
	}
	function store(k, v) {
		try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* full: kept in memory */ }
	}

	/* The queue of finished answers waiting for the network. */
	function queued() { return load(QKEY); }
	function enqueue(item) {
		var q = queued();
		if (!q.some(function (x) { return x.id === item.id; }))
			q.push(item);
		store(QKEY, q);
		shown();
	}
	function dequeue(id) {
		store(QKEY, queued().filter(function (x) { return x.id !== id; }));
		shown();
	}
	function post(item, ms) {
		var ctl = window.AbortController ? new AbortController() : null;
		var timer = ctl && setTimeout(function () { ctl.abort(); }, ms || 15000);
		return fetch('/api/v1/responses', {
			method: 'POST', credentials: 'same-origin', cache: 'no-store',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(item), signal: ctl ? ctl.signal : undefined
		}).then(function (r) {
			clearTimeout(timer);
			return r.json().catch(function () { return {}; }).then(function (j) {
				return { status: r.status, body: j };
			});
		}, function (e) { clearTimeout(timer); throw e; });
	}
	var flushing = false, wait = 5000, flushTimer = null;
	/* Send what waits, oldest first; stop at the first network failure. */
	function flush() {
		if (flushing)
			return Promise.resolve();
		flushing = true;
		var chain = Promise.resolve(), failed = false;
		queued().forEach(function (item) {
			chain = chain.then(function () {
				if (failed)
					return;
				return post(item).then(function (r) {
					if (r.status === 429 || r.status >= 500) {
						failed = true;
					} else {
						/* Stored (201), already stored (200), or refused for
						 * good: a refused one is kept aside for the staff. */
						if (r.status !== 201 && r.status !== 200)
							store(RKEY, load(RKEY).concat([{ item: item, status: r.status }]));
						dequeue(item.id);
					}
				}, function () { failed = true; });
			});
		});
		return chain.then(function () {
			flushing = false;
			clearTimeout(flushTimer);
			if (queued().length) {
				wait = failed ? Math.min(wait * 2, 60000) : 5000;
				flushTimer = setTimeout(flush, wait);
			} else
				wait = 5000;
		});
	}
	window.addEventListener('online', function () { wait = 5000; flush(); });

	/* Answers as the page holds them. */
	function inputs(code) { return form.querySelectorAll('[name="' + code + '"]'); }
	function raw(code) {
		var out = [];
		each(inputs(code), function (el) {
			if (el.type === 'radio' || el.type === 'checkbox') {
				if (el.checked)
					out.push(el.value);
			} else if (el.value.trim())
				out.push(el.value.trim());
		});
		return out;
	}
	function other(code) {
		var o = form.querySelector('[name="' + code + '_autre"]');
		return o && o.value.trim() ? o.value.trim() : '';
	}
	function given(code) {
		var v = raw(code);
		if (other(code) && v.indexOf('autre') < 0)
			v.push('autre');
		return vis[code] ? v : [];
	}
	function test(c) {
		if (c.all)
			return c.all.every(test);
		if (c.any)
			return c.any.some(test);
		var v = given(c.q);
		if ('answered' in c)
			return (v.length > 0) === c.answered;
		if (c.in)
			return v.some(function (x) { return c.in.indexOf(x) >= 0; });
		return v.length > 0 && !v.some(function (x) { return c.not_in.indexOf(x) >= 0; });
	}
	/* Which questions are asked, top to bottom, as the server decides. */
	function update() {
		steps = [];
		qs.forEach(function (q) {
			var code = q.dataset.code, n = q.querySelector('.qn');
			vis[code] = !conds[code] || test(conds[code]);
			q.hidden = !vis[code];
			if (vis[code])
				steps.push(q);
			/* Number the questions asked: 1, 2, 3, never 1, 2, 4. */
			if (n)
				n.textContent = steps.length + '.';
		});
		if (paged)
			render();
	}

	function clearErr(q) {
		var p = q.querySelector('.js-err');
		if (p)
			p.parentNode.removeChild(p);
		if (!q.querySelector('.err'))
			q.classList.remove('q-err');
	}
	function showErr(q, msg) {
		var p = q.querySelector('.err'), code = q.dataset.code, target;
		if (!p) {
			p = doc.createElement('p');
			p.className = 'err js-err';
			p.id = 'e-' + code;
			var anchor = q.querySelector('.opts, .field, textarea');
			anchor.parentNode.insertBefore(p, anchor);
			target = q.tagName === 'FIELDSET' ? q : q.querySelector('input, textarea');
			target.setAttribute('aria-describedby', ((target.getAttribute('aria-describedby') || '') +
			    ' ' + p.id).trim());
		}
		p.textContent = msg;
		q.classList.add('q-err');
	}
	function missing(q) {
		return q.dataset.required === '1' && vis[q.dataset.code] && !given(q.dataset.code).length;
	}

	/* One question per screen. */
	function render() {
		var n = steps.length;
		if (step > n)
			step = n;
		if (notice)
			notice.hidden = step >= 0;
		qs.forEach(function (q) { q.classList.remove('current'); });
		sendDiv.classList.toggle('current', step === n);
		if (step >= 0 && step < n)
			steps[step].classList.add('current');
		nav.hidden = false;
		prev.hidden = step < 0;
		next.hidden = step === n;
		next.textContent = step < 0 ? t.tStart : t.tNext;
		progress.hidden = bar2.hidden = step < 0 || step >= n;
		progress.textContent = fill(t.tProgress, step + 1, n);
		bar2.max = n;
		bar2.value = step + 1;
	}
	function go(to) {
		step = to;
		update();
		var el = step < 0 ? notice : step < steps.length ? steps[step] : sendDiv;
		if (el) {
			el.setAttribute('tabindex', '-1');
			el.focus();
			window.scrollTo(0, 0);
		}
	}
	function startPaged() {
		paged = true;
		form.classList.add('paged');
		progress = doc.createElement('p');
		progress.className = 'progress';
		progress.setAttribute('aria-live', 'polite');
		bar2 = doc.createElement('progress');
		bar2.setAttribute('aria-hidden', 'true');
		form.insertBefore(bar2, form.firstChild);
		form.insertBefore(progress, bar2);
		nav = doc.createElement('div');
		nav.className = 'pnav';
		prev = doc.createElement('button');
		prev.type = 'button';
		prev.className = 'secondary prev';
		prev.textContent = t.tPrev;
		next = doc.createElement('button');
		next.type = 'button';
		next.className = 'next';
		nav.appendChild(prev);
		nav.appendChild(next);
		form.appendChild(nav);
		prev.addEventListener('click', function () { go(step - 1); });
		next.addEventListener('click', function () {
			if (step >= 0 && missing(steps[step])) {
				showErr(steps[step], t.tRequired);
				steps[step].focus();
				return;
			}
			go(step + 1);
		});
		var errs = doc.getElementById('sv-errors'), first = -1;
		if (errs) {
			errs.hidden = true;
			update();
			steps.forEach(function (q, i) {
				if (first < 0 && q.classList.contains('q-err'))
					first = i;
			});
		}
		step = first;
		update();
	}

	/* Keep a half-answered page across reloads and language switches. */
	var dkey = 'mesure.draft:' + location.pathname;
	function saveDraft() {
		if (kiosk)
			return;
		var d = { v: form.elements._v.value, id: form.elements._id.value, f: [] };
		each(form.elements, function (el) {
			if (!el.name || el.name.charAt(0) === '_')
				return;
			if ((el.type === 'radio' || el.type === 'checkbox') ? el.checked : el.value)
				d.f.push([el.name, el.value]);
		});
		try { sessionStorage.setItem(dkey, JSON.stringify(d)); } catch (e) { /* private mode */ }
	}
	function restoreDraft() {
		var d;
		try { d = JSON.parse(sessionStorage.getItem(dkey)); } catch (e) { d = null; }
		if (!d || d.v !== form.elements._v.value || doc.getElementById('sv-errors'))
			return;
		form.elements._id.value = d.id;
		d.f.forEach(function (p) {
			each(inputs(p[0]), function (el) {
				if (el.type === 'radio' || el.type === 'checkbox')
					el.checked = el.checked || el.value === p[1];
				else
					el.value = p[1];
			});
		});
	}
	function dropDraft() { try { sessionStorage.removeItem(dkey); } catch (e) { /* nothing */ } }

	/* The response as the API takes it. */
	function item() {
		var answers = {}, body = {
			id: form.elements._id.value, survey: t.survey, site: t.site,
			lang: t.lang, submitted_at: new Date().toISOString(),
			version: +form.elements._v.value, answers: answers
		};
		if (!kiosk)
			body.channel = 'web';
		if (t.invitation)
			body.invitation = t.invitation;
		qs.forEach(function (q) {
			var code = q.dataset.code, v;
			if (!vis[code])
				return;
			v = raw(code);
			if (v.length)
				answers[code] = q.classList.contains('q-multiple') ? v : v[0];
			if (other(code))
				answers[code + '_autre'] = other(code);
		});
		return body;
	}
	function finish(wasQueued) {
		dropDraft();
		form.hidden = true;
		if (notice)
			notice.hidden = true;
		var errs = doc.getElementById('sv-errors');
		if (errs)
			errs.hidden = true;
		doc.getElementById('sv-done-sent').hidden = wasQueued;
		doc.getElementById('sv-done-queued').hidden = !wasQueued;
		done.hidden = false;
		done.focus();
		if (kiosk)
			kioskDone();
	}
	function sending(on) {
		var b = sendDiv.querySelector('button[type=submit]');
		b.disabled = on;
		status.textContent = on ? t.tSending : '';
	}
	form.addEventListener('submit', function (ev) {
		update();
		var missed = steps.filter(missing);
		ev.preventDefault();
		missed.forEach(function (q) { showErr(q, t.tRequired); });
		if (missed.length) {
			if (paged)
				go(steps.indexOf(missed[0]));
			else
				missed[0].focus();
			return;
		}
		var it = item();
		sending(true);
		post(it, 8000).then(function (r) {
			sending(false);
			if (r.status === 201 || r.status === 200 || r.status === 409)
				return finish(false);
			if (r.status === 422 && r.body.errors) {
				var firstq = null;
				Object.keys(r.body.errors).forEach(function (code) {
					var q = doc.getElementById('q-' + code);
					if (q) {
						showErr(q, r.body.errors[code].message);
						firstq = firstq || q;
					}
				});
				if (firstq) {
					if (paged)
						go(steps.indexOf(firstq));
					else
						firstq.focus();
					return;
				}
			}
			if (r.status === 429 || r.status >= 500) {
				enqueue(it);
				flush();
				return finish(true);
			}
			/* Anything else: let the server answer the plain form. */
			if (!kiosk)
				return form.submit();
			store(RKEY, load(RKEY).concat([{ item: it, status: r.status }]));
			finish(false);
		}, function () {
			sending(false);
			enqueue(it);
			flush();
			finish(true);
		});
	});
	form.addEventListener('change', function (ev) {
		var q = ev.target.closest('.q');
		if (q && !missing(q))
			clearErr(q);
		update();
		saveDraft();
	});
	form.addEventListener('input', saveDraft);

	/* The reception tablet. */
	var last = Date.now(), idleDlg, idleLeft = 0, idleTimer = null, doneTimer = null;
	function shown() {
		if (!kiosk)
			return;
		var n = queued().length, txt = n === 1 ? bar.dataset.tWait1 : fill(bar.dataset.tWaitn, n);
		doc.getElementById('k-wait').textContent = n ? txt : '';
		doc.getElementById('k-panel-wait').textContent = n ? txt : '';
	}
	function reset() {
		clearTimeout(doneTimer);
		form.reset();
		form.elements._id.value = uuid();
		qs.forEach(function (q) {
			each(q.querySelectorAll('.err'), function (p) { p.parentNode.removeChild(p); });
			q.classList.remove('q-err');
		});
		var errs = doc.getElementById('sv-errors');
		if (errs)
			errs.parentNode.removeChild(errs);
		done.hidden = true;
		form.hidden = false;
		if (idleDlg.open)
			idleDlg.close();
		go(-1);
		last = Date.now();
	}
	function kioskDone() {
		var b = doc.getElementById('k-next');
		if (!b) {
			b = doc.createElement('button');
			b.type = 'button';
			b.id = 'k-next';
			b.className = 'big';
			b.textContent = bar.dataset.tNext || t.tStart;
			b.addEventListener('click', reset);
			done.appendChild(b);
		}
		doneTimer = setTimeout(reset, 10000);
	}
	function hex(buf) {
		var s = '';
		each(new Uint8Array(buf), function (x) { s += (x + 256).toString(16).slice(1); });
		return s;
	}
	function sha256(text) {
		var data = new TextEncoder().encode(text);
		if (window.crypto && crypto.subtle)
			return crypto.subtle.digest('SHA-256', data).then(hex);
		return Promise.resolve(hex(sha256js(data)));
	}
	/* SHA-256 for pages not served over HTTPS (no crypto.subtle there). */
	function sha256js(m) {
		var k = [], h = [], i, j, w = [], l = m.length, n = ((l + 9 + 63) >> 6) << 4;
		var x = new Uint32Array(n), p = 2, c;
		for (i = 0; k.length < 64; p++) {
			for (c = 2; c * c <= p && p % c; c++);
			if (c * c > p) {
				if (h.length < 8)
					h.push(Math.pow(p, 1 / 2) * 4294967296 | 0);
				k.push(Math.pow(p, 1 / 3) * 4294967296 | 0);
			}
		}
		for (i = 0; i < l; i++)
			x[i >> 2] |= m[i] << (24 - (i & 3) * 8);
		x[l >> 2] |= 0x80 << (24 - (l & 3) * 8);
		x[n - 1] = l * 8;
		var r = function (v, s) { return v >>> s | v << (32 - s); };
		for (j = 0; j < n; j += 16) {
			var a = h.slice(0);
			for (i = 0; i < 64; i++) {
				w[i] = i < 16 ? x[j + i] : (r(w[i - 2], 17) ^ r(w[i - 2], 19) ^ w[i - 2] >>> 10) +
				    w[i - 7] + (r(w[i - 15], 7) ^ r(w[i - 15], 18) ^ w[i - 15] >>> 3) + w[i - 16] | 0;
				var t1 = a[7] + (r(a[4], 6) ^ r(a[4], 11) ^ r(a[4], 25)) +
				    (a[4] & a[5] ^ ~a[4] & a[6]) + k[i] + w[i] | 0;
				var t2 = (r(a[0], 2) ^ r(a[0], 13) ^ r(a[0], 22)) +
				    (a[0] & a[1] ^ a[0] & a[2] ^ a[1] & a[2]) | 0;
				a.unshift(t1 + t2 | 0);
				a[4] = a[4] + t1 | 0;
				a.pop();
			}
			for (i = 0; i < 8; i++)
				h[i] = h[i] + a[i] | 0;
		}
		var out = new Uint8Array(32);
		for (i = 0; i < 32; i++)
			out[i] = h[i >> 2] >>> (24 - (i & 3) * 8) & 255;
		return out.buffer;
	}
	function startKiosk() {
		var pinDlg = doc.getElementById('k-pin'), panel = doc.getElementById('k-panel');
		var pinIn = doc.getElementById('k-pin-in'), pinErr = doc.getElementById('k-pin-err');
		var tries = 0, idle = (+bar.dataset.idle || 90) * 1000;
		idleDlg = doc.getElementById('k-idle');
		bar.hidden = false;
		form.elements._id.value = uuid();
		/* Reopen the kiosk page without network (kiosk-sw.js). */
		if (navigator.serviceWorker)
			navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' })
			    .catch(function () { /* not HTTPS: no offline reload */ });
		['pointerdown', 'keydown', 'input'].forEach(function (e) {
			doc.addEventListener(e, function () { last = Date.now(); }, true);
		});
		doc.getElementById('k-staff').addEventListener('click', function () {
			pinIn.value = '';
			pinErr.hidden = true;
			pinDlg.showModal();
		});
		doc.getElementById('k-pin-cancel').addEventListener('click', function () { pinDlg.close(); });
		doc.getElementById('k-pin-form').addEventListener('submit', function (ev) {
			ev.preventDefault();
			if (tries >= 5)
				return;
			sha256(bar.dataset.pinSalt + pinIn.value).then(function (h) {
				if (h === bar.dataset.pinHash) {
					tries = 0;
					pinDlg.close();
					shown();
					panel.showModal();
				} else {
					pinErr.hidden = false;
					pinIn.value = '';
					if (++tries >= 5)
						setTimeout(function () { tries = 0; }, 30000);
				}
			});
		});
		doc.getElementById('k-send').addEventListener('click', function () { flush(); });
		doc.getElementById('k-resume').addEventListener('click', function () { panel.close(); });
		doc.getElementById('k-idle-stay').addEventListener('click', function () {
			clearInterval(idleTimer);
			idleDlg.close();
			last = Date.now();
		});
		setInterval(function () {
			var busy = step >= 0 || !done.hidden;
			if (!busy || idleDlg.open || pinDlg.open || panel.open || Date.now() - last < idle)
				return;
			idleLeft = 20;
			idleDlg.showModal();
			var tick = function () {
				doc.getElementById('k-idle-count').textContent = fill(bar.dataset.tIdle, idleLeft);
				if (idleLeft-- <= 0) {
					clearInterval(idleTimer);
					reset();
				}
			};
			tick();
			idleTimer = setInterval(tick, 1000);
		}, 1000);
		shown();
	}

	try {
		each(qs, function (q) {
			q.setAttribute('tabindex', '-1');
			if (q.dataset.showIf)
				conds[q.dataset.code] = JSON.parse(q.dataset.showIf);
		});
		restoreDraft();
		status = doc.createElement('p');
		status.className = 'progress';
		status.setAttribute('role', 'status');
		sendDiv.appendChild(status);
		doc.documentElement.classList.add('js');
		if (kiosk || (window.matchMedia && matchMedia('(max-width: 48rem)').matches))
			startPaged();
		else
			update();
		if (kiosk)
			startKiosk();
		if (queued().length)
			flush();
	} catch (e) {
		/* Whatever failed, the plain form is still there. */
		doc.documentElement.classList.remove('js');
		form.classList.remove('paged');
		qs.forEach(function (q) { q.hidden = false; });
		if (notice)
			notice.hidden = false;
	}
}());
