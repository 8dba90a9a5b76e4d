/* Search with no server: loads the index on first use and finds the
 * pages holding every word typed, with or without diacritics.  The index
 * comes as a script, search/index.js (window.ssgSearchIndex, an array
 * of {u, t, k, f}), so that it loads from file:// too, where a
 * browser refuses fetch() (the site or its archive opened from a disk).
 * The page works without this script: it is then the list of every
 * page. */
(function () {
	'use strict';
	var form = document.getElementById('search-form');
	var input = document.getElementById('search-q');
	var out = document.getElementById('search-results');
	var all = document.getElementById('all-pages');
	if (!form || !input || !out || !window.Promise || !''.normalize)
		return;
	var root = form.getAttribute('data-root') || '../';
	/* From a disk a link to a folder shows the folder, not its page. */
	var fromDisk = location.protocol === 'file:';
	var index = null;
	var loading = null;
	var timer = 0;

	/* As ssg_text_fold: "Gia đình văn hóa" -> "gia dinh van hoa". */
	function fold(s) {
		return s.replace(/[\u0110\u0111]/g, 'd').normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '').toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ').trim();
	}

	/* The array the index at src assigns, taken out of the global: a
	 * revision copy's and then the main site's come the same way. */
	function script(src) {
		return new Promise(function (ok, fail) {
			var s = document.createElement('script');
			window.ssgSearchIndex = null;
			s.src = src;
			s.onload = function () {
				var j = window.ssgSearchIndex;
				window.ssgSearchIndex = null;
				if (j)
					ok(j);
				else
					fail(new Error('no index'));
			};
			s.onerror = function () {
				fail(new Error('no index'));
			};
			document.head.appendChild(s);
		});
	}

	/* A revision copy's index gives a page of the main site (a post
	 * unchanged since the revision) as its address alone, from the
	 * copy's root: its entry is the main site's, whose index is at
	 * ssgSearchBase. */
	function entries(own) {
		var base = window.ssgSearchBase;
		if (typeof base !== 'string' || !own.some(function (e) {
			return typeof e === 'string';
		}))
			return own;
		return script(root + base + 'search/index.js').then(function (main) {
			var at = {};
			main.forEach(function (e) {
				at[base + e.u] = e;
			});
			return own.map(function (e) {
				if (typeof e !== 'string')
					return e;
				var m = at[e];
				return m && { u: e, t: m.t, k: m.k, f: m.f };
			}).filter(Boolean);
		});
	}

	function load() {
		if (!loading)
			loading = script(root + 'search/index.js').then(entries).then(function (j) {
				index = j.map(function (e) {
					e.ft = ' ' + fold(e.t) + ' ';
					e.ff = ' ' + e.f + ' ';
					return e;
				});
			});
		return loading;
	}

	/* A result's link: "posts/x/" is ../posts/x/, or
	 * ../posts/x/index.html from a disk. */
	function href(u) {
		if (!fromDisk)
			return root + u;
		var h = u.indexOf('#');
		var path = h < 0 ? u : u.slice(0, h);
		if (path === '' || path.slice(-1) === '/')
			path += 'index.html';
		return root + path + (h < 0 ? '' : u.slice(h));
	}

	function el(tag, text) {
		var e = document.createElement(tag);
		if (text)
			e.textContent = text;
		return e;
	}

	/* Every word must be a word of the page, the last one maybe only
	 * begun (Vietnamese syllables are short: "vu" must not find "vui");
	 * the whole phrase, and a match in the title, rank first. */
	function find(q) {
		var words = q.split(' ');
		var hits = [];
		index.forEach(function (e, i) {
			for (var k = 0; k < words.length; k++)
				if (e.ff.indexOf(' ' + words[k] +
				    (k < words.length - 1 ? ' ' : '')) < 0)
					return;
			var score = (e.ft.indexOf(' ' + q) >= 0 ? 4 : 0) +
				(e.ff.indexOf(' ' + q + ' ') >= 0 ? 2 : 0);
			hits.push({ e: e, score: score, i: i });
		});
		hits.sort(function (a, b) {
			return b.score - a.score || a.i - b.i;
		});
		return hits;
	}

	function show(raw) {
		var q = fold(raw);
		out.textContent = '';
		all.hidden = q !== '';
		if (!q)
			return;
		var hits = find(q);
		out.appendChild(el('p', hits.length ?
			'Tìm thấy ' + hits.length + ' trang có “' + raw.trim() + '”:' :
			'Không tìm thấy trang nào có “' + raw.trim() +
			'”. Hãy thử từ khác, hoặc xem danh sách tất cả các trang bên dưới.'));
		if (!hits.length) {
			all.hidden = false;
			return;
		}
		var ol = el('ol');
		ol.className = 'page-list';
		hits.slice(0, 50).forEach(function (h) {
			var li = el('li');
			var a = el('a', h.e.t);
			a.href = href(h.e.u);
			li.appendChild(a);
			li.appendChild(document.createTextNode(' '));
			li.appendChild(el('small', h.e.k));
			ol.appendChild(li);
		});
		out.appendChild(ol);
	}

	function run() {
		var raw = input.value;
		load().then(function () {
			if (input.value === raw)
				show(raw);
		}, function () {
			out.textContent = 'Không tải được chỉ mục tìm kiếm; ' +
				'xem danh sách tất cả các trang bên dưới.';
			all.hidden = false;
		});
	}

	if (fromDisk && all)
		Array.prototype.forEach.call(all.querySelectorAll('a[href]'),
			function (a) {
				var u = a.getAttribute('href');
				if (u.indexOf(root) === 0)
					a.setAttribute('href', href(u.slice(root.length)));
			});
	form.hidden = false;
	var note = document.getElementById('search-nojs');
	if (note)
		note.hidden = true;
	input.addEventListener('input', function () {
		clearTimeout(timer);
		timer = setTimeout(run, 150);
	});
	form.addEventListener('submit', function (ev) {
		ev.preventDefault();
		try {
			history.replaceState(null, '', '?q=' +
				encodeURIComponent(input.value));
		} catch (e) {
			/* some browsers refuse it from file:// */
		}
		run();
	});
	var m = /[?&]q=([^&]*)/.exec(location.search);
	if (m) {
		try {
			input.value = decodeURIComponent(m[1].replace(/\+/g, ' '));
		} catch (e) {
			input.value = '';
		}
		run();
	}
})();
