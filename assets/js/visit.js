/*
 * Mesure – the visit form's small script (issue #5). The form works
 * without it; with it:
 *  - the procedures are filtered as one types (accents and case ignored);
 *  - "Oriented to" shows only for an orientation (or once chosen);
 *  - a returning person is found by the first letters of their code, from
 *    GET /api/beneficiaires (same origin, the session's cookie), and
 *    picked with one tap;
 *  - "New person" disables the code field (the application draws one);
 *  - after a refused save, the list of errors gets the focus.
 * Same origin only; no inline code (CSP); no library.
 */
(function () {
	'use strict';
	var doc = document, form = doc.getElementById('visit-form');
	if (!form || !doc.querySelector)
		return;

	function each(list, fn) { Array.prototype.forEach.call(list, fn); }
	function fold(s) {
		s = (s || '').toLowerCase();
		if (s.normalize)
			s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
		return s.replace(/[^a-z0-9]+/g, ' ').trim();
	}

	var errors = doc.getElementById('errors');
	if (errors)
		errors.focus();

	/* Procedures: a filter field. */
	var filter = doc.getElementById('proc-filter'),
	    groups = doc.getElementById('proc-groups'),
	    count = doc.getElementById('proc-count');
	if (filter && groups) {
		filter.parentNode.hidden = false;
		filter.addEventListener('input', function () {
			var q = fold(filter.value), shown = 0;
			each(groups.querySelectorAll('.pgroup'), function (g) {
				var any = false;
				each(g.querySelectorAll('li.opt'), function (li) {
					var ok = !q || fold(li.textContent).indexOf(q) >= 0 ||
					    li.querySelector('input').checked;
					li.hidden = !ok;
					if (ok) {
						any = true;
						shown++;
					}
				});
				g.hidden = !any;
			});
			count.textContent = q ? shown + ' ' + form.dataset.tCount : '';
		});
	}

	/* "Oriented to": only for an orientation. */
	var partner = doc.getElementById('f-orientation');
	function partnerShown() {
		var h = form.querySelector('input[name=aide]:checked'),
		    p = form.querySelector('input[name=orientation]:checked');
		var show = (h && h.value === 'orientation') || (p && p.value !== '') ||
		    partner.getAttribute('aria-invalid') === 'true';
		if (!show && !partner.hidden) {
			var none = form.querySelector('input[name=orientation][value=""]');
			if (none)
				none.checked = true;
		}
		partner.hidden = !show;
	}
	if (partner) {
		partnerShown();
		each(form.querySelectorAll('input[name=aide]'), function (r) {
			r.addEventListener('change', partnerShown);
		});
	}

	/* The person: find by the first letters, or a new one. */
	var code = doc.getElementById('pseudonyme'),
	    results = doc.getElementById('p-results'),
	    fresh = doc.getElementById('nouvelle_personne-1'),
	    timer = null, asked = '';
	function pick(value) {
		code.value = value;
		results.textContent = '';
		code.focus();
	}
	function show(list) {
		results.textContent = '';
		var p = doc.createElement('p');
		p.className = 'hint';
		p.textContent = list.length ? list.length + ' ' + form.dataset.tFound :
		    form.dataset.tNone;
		results.appendChild(p);
		if (!list.length)
			return;
		var ul = doc.createElement('ul');
		ul.className = 'pick';
		list.forEach(function (x) {
			var li = doc.createElement('li'), b = doc.createElement('button'),
			    s = doc.createElement('strong'), bits = [];
			b.type = 'button';
			b.className = 'secondary';
			s.textContent = x.code;
			b.appendChild(s);
			if (x.age_label)
				bits.push(x.age_label);
			if (x.qpv === true)
				bits.push('QPV');
			bits.push(form.dataset.tVisits + ' ' + x.visits);
			b.appendChild(doc.createTextNode(bits.join(', ')));
			b.addEventListener('click', function () { pick(x.code); });
			li.appendChild(b);
			ul.appendChild(li);
		});
		results.appendChild(ul);
	}
	function lookup() {
		var v = code.value.replace(/[\s-]/g, '').toUpperCase();
		if (v.length < 2 || v === asked || !window.fetch)
			return;
		asked = v;
		fetch(form.dataset.lookup + '?debut=' + encodeURIComponent(v), {
			credentials: 'same-origin', headers: { Accept: 'application/json' }
		}).then(function (r) {
			return r.ok ? r.json() : null;
		}).then(function (j) {
			if (j && asked === v)
				show(j.matches || []);
		}, function () { /* offline: the Search button still posts */ });
	}
	if (code && results) {
		code.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(lookup, 250);
		});
		var find = form.querySelector('button[value=chercher]');
		if (find && window.fetch) {
			find.addEventListener('click', function (ev) {
				ev.preventDefault();
				asked = '';
				lookup();
			});
		}
	}
	function freshChanged() {
		code.disabled = fresh.checked;
		if (fresh.checked)
			results.textContent = '';
	}
	if (fresh && code) {
		freshChanged();
		fresh.addEventListener('change', freshChanged);
	}
})();
