// Checks a built site as a reader's browser sees it:
//   node check.mjs SITE_DIR SCREENSHOT_DIR
// Serves SITE_DIR on 127.0.0.1, then for every kind of page (found from
// the files present, so new kinds are covered without editing this file):
// HTTP 200, no console errors, at 320 px nothing that scrolls sideways
// (the page or any element in it), table text of 12 px or more, every
// table cell within the width and labelled by its column where rows are
// cards, tables still tables in Chromium's accessibility tree; no axe-core
// violation of WCAG 2.1 A/AA, no Nu HTML checker error, every internal
// link and anchor resolves, and each page weighs at most 60 KB with its
// CSS and scripts; search works from file:// too (and from the offline
// archive unpacked in OFFLINE_SITE, when set).  Screenshots at 320 and
// 1280 px go to SCREENSHOT_DIR.
// Prints one line per failure and "browser: N passed, N failed" last.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const here = path.dirname(fileURLToPath(import.meta.url));

const [site, shots] = process.argv.slice(2).map((p) => p && path.resolve(p));
if (!site || !shots) {
	console.error('usage: node check.mjs SITE_DIR SCREENSHOT_DIR');
	process.exit(2);
}
const MAX_PAGE_BYTES = 60 * 1024;
const PER_KIND = 3; // pages of one kind opened in the browser
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NARROW = 320; // px, the narrowest phone the contract names
const MIN_TABLE_PX = 12; // the smallest text a table may show there
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
	if (ok) {
		passed++;
		return;
	}
	failed++;
	console.log(`FAIL ${name}${detail ? `\n  ${String(detail).replace(/\n/g, '\n  ')}` : ''}`);
}

// ---- the files ---------------------------------------------------------

function walk(dir, rel = '') {
	const out = [];
	for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) out.push(...walk(dir, r));
		else out.push(r);
	}
	return out.sort();
}
const files = walk(site);
const pages = files.filter((f) => f.endsWith('.html'));
const urlOf = (f) => f.replace(/(^|\/)index\.html$/, '$1');

// The kind of a page is its path with every segment below the first made
// a wildcard; a top-level folder that is not a known word is a plan
// section.  Copies of the whole site (revisions/<tag>/site/...) are kinds
// of their own.
const KNOWN = new Set(['indicators', 'tasks', 'tables', 'posts', 'data', 'disclosure',
	'changes', 'revisions', 'search', 'static', 'years']);
function kindOf(f) {
	const segs = path.dirname(f).split('/').filter((s) => s && s !== '.');
	if (segs.length === 0) return 'overview';
	const s = segs.map((x, i) => (i === 0 ? x : (segs[0] === 'revisions' && i === 2 && x === 'site' ? x : '*')));
	if (!KNOWN.has(segs[0])) s[0] = 'section';
	return s.join('/');
}
const kinds = new Map();
for (const p of pages) {
	const k = kindOf(p);
	if (!kinds.has(k)) kinds.set(k, []);
	kinds.get(k).push(p);
}

function decode(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (m, e) => {
		const l = e.toLowerCase();
		if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[l];
	});
}
const htmlCache = new Map();
function html(f) {
	if (!htmlCache.has(f)) htmlCache.set(f, fs.readFileSync(path.join(site, f), 'utf8'));
	return htmlCache.get(f);
}
// Our own output, checked by the Nu checker: attributes are always quoted.
function attrs(src, name) {
	const re = new RegExp(`\\s${name}="([^"]*)"`, 'g');
	return [...src.matchAll(re)].map((m) => decode(m[1]));
}
function ids(f) {
	return new Set([...attrs(html(f), 'id'), ...attrs(html(f), 'name')]);
}

// A URL of the site to the file it names ("tasks/" → tasks/index.html),
// or null when it leaves the site.
const BASE = 'http://site.invalid/';
function target(fromFile, ref) {
	let u;
	try {
		u = new URL(ref, BASE + fromFile);
	} catch {
		return { bad: true };
	}
	if (u.origin !== new URL(BASE).origin) return null;
	let p = decodeURIComponent(u.pathname.slice(1));
	if (p === '' || p.endsWith('/')) p += 'index.html';
	return { file: p, hash: decodeURIComponent(u.hash.slice(1)) };
}

// ---- links, weight ------------------------------------------------------

function linkChecks() {
	const present = new Set(files);
	const reached = new Set(['index.html']);
	const queue = ['index.html'];
	const broken = [];
	const seen = new Set();
	for (const f of pages) queue.push(f); // every page, crawled from index first
	while (queue.length) {
		const f = queue.shift();
		if (seen.has(f)) continue;
		seen.add(f);
		const refs = [...attrs(html(f), 'href'), ...attrs(html(f), 'src')];
		for (const ref of refs) {
			if (/^(mailto|tel):/i.test(ref)) continue;
			const t = target(f, ref);
			if (t === null) continue;
			if (t.bad || !present.has(t.file)) {
				broken.push(`${f}: ${ref} (no file ${t.file})`);
				continue;
			}
			if (t.file.endsWith('.html')) {
				if (t.hash && !ids(t.file).has(t.hash)) broken.push(`${f}: ${ref} (no id "${t.hash}" in ${t.file})`);
				if (!reached.has(t.file) && reached.has(f)) {
					reached.add(t.file);
					queue.unshift(t.file);
				}
			}
		}
	}
	check('links: every internal link and anchor resolves', broken.length === 0, broken.join('\n'));
	const orphans = pages.filter((p) => !reached.has(p));
	if (orphans.length) console.log(`note: not linked from index.html: ${orphans.join(', ')}`);
}

function weightChecks() {
	for (const f of pages) {
		const src = html(f);
		const parts = new Set();
		for (const m of src.matchAll(/<link\b[^>]*>/g))
			if (/rel="stylesheet"/.test(m[0])) for (const h of attrs(m[0], 'href')) parts.add(h);
		for (const m of src.matchAll(/<(script|img)\b[^>]*>/g)) for (const s of attrs(m[0], 'src')) parts.add(s);
		let total = Buffer.byteLength(src);
		for (const ref of parts) {
			const t = target(f, ref);
			if (t && !t.bad && fs.existsSync(path.join(site, t.file))) total += fs.statSync(path.join(site, t.file)).size;
		}
		check(`weight ${f}: ${(total / 1024).toFixed(1)} KB ≤ 60 KB`, total <= MAX_PAGE_BYTES);
	}
}

// ---- the Nu HTML checker ------------------------------------------------

function vnuChecks() {
	const jar = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
	const css = files.filter((f) => f.endsWith('.css'));
	const args = ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', '--also-check-css',
		...[...pages, ...css].map((f) => path.join(site, f))];
	const r = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
	let msgs;
	try {
		msgs = JSON.parse(r.stderr || r.stdout).messages;
	} catch {
		check('vnu: the Nu HTML checker runs', false, r.error || r.stderr || `exit ${r.status}`);
		return;
	}
	const byFile = new Map();
	for (const m of msgs) {
		if (m.type !== 'error' && m.subType !== 'fatal') continue;
		const f = m.url ? path.relative(site, fileURLToPath(m.url)) : '?';
		if (!byFile.has(f)) byFile.set(f, []);
		byFile.get(f).push(`${m.lastLine}:${m.firstColumn || m.lastColumn}: ${m.message}` +
			(m.extract ? `  «${m.extract.trim().slice(0, 100)}»` : ''));
	}
	for (const f of [...pages, ...css]) {
		const errs = byFile.get(f) || [];
		check(`vnu ${f}: no errors`, errs.length === 0, errs.slice(0, 10).join('\n'));
	}
}

// ---- the server -----------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
	'.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.xml': 'application/xml',
	'.jsonl': 'application/x-ndjson', '.svg': 'image/svg+xml', '.png': 'image/png', '.zip': 'application/zip' };
function serve() {
	const server = http.createServer((req, res) => {
		let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		if (p.endsWith('/')) p += 'index.html';
		const file = path.join(site, path.normalize(p));
		if (!file.startsWith(site + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- the browser ----------------------------------------------------------

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page) {
	await page.addScriptTag({ content: axeSource });
	const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
	return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ` +
		v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').split('\n').slice(1, 2).join('').trim()}`).join('\n    '));
}

function shotName(f) {
	const u = urlOf(f).replace(/\/$/, '');
	return (u || 'index').replace(/[^A-Za-z0-9._-]+/g, '-');
}

function sample(list) {
	if (list.length <= PER_KIND) return list;
	return [list[0], list[Math.floor(list.length / 2)], list[list.length - 1]];
}

async function pageChecks(browser, origin) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	for (const [kind, list] of kinds) {
		for (const f of sample(list)) {
			const page = await ctx.newPage();
			const problems = [];
			page.on('console', (m) => {
				if (m.type() === 'error') problems.push(`console: ${m.text()}`);
			});
			page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
			page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
			page.on('response', (r) => {
				if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
			});
			const name = `[${kind}] ${f}`;
			try {
				await onePage(page, name, f, origin, problems);
			} catch (e) {
				check(`${name}: checked to the end`, false, e.message);
			}
			await page.close();
		}
	}
	await ctx.close();
}

async function onePage(page, name, f, origin, problems) {
	const resp = await page.goto(origin + urlOf(f), { waitUntil: 'load' });
	check(`${name}: HTTP 200`, resp && resp.status() === 200, resp && resp.status());
	await page.screenshot({ path: path.join(shots, `${shotName(f)}-1280.png`), fullPage: true });
	const wide = await axe(page);
	check(`${name}: no axe-core violation at 1280 px`, wide.length === 0, wide.join('\n'));
	const dashWide = await page.evaluate(emptyCells);
	check(`${name}: every empty table cell shows a dash at 1280 px`, dashWide.length === 0, dashWide.join('\n'));
	await page.setViewportSize({ width: NARROW, height: 640 });
	const r = await page.evaluate(readable, MIN_TABLE_PX);
	check(`${name}: no sideways scroll at 320 px`, r.sideways.length === 0, r.sideways.join('\n'));
	check(`${name}: table text at least ${MIN_TABLE_PX} px at 320 px`, r.small.length === 0, r.small.join('\n'));
	check(`${name}: every table cell within 320 px, a card's cells labelled by their column`,
		r.cells.length === 0, r.cells.join('\n'));
	const ax = await tableRoles(page);
	check(`${name}: at 320 px every table is still a table to a screen reader`, ax.length === 0, ax.join('\n'));
	const dashNarrow = await page.evaluate(emptyCells);
	check(`${name}: every empty table cell shows a dash at 320 px`, dashNarrow.length === 0, dashNarrow.join('\n'));
	const narrow = await axe(page);
	check(`${name}: no axe-core violation at 320 px`, narrow.length === 0, narrow.join('\n'));
	await page.screenshot({ path: path.join(shots, `${shotName(f)}-320.png`), fullPage: true });
	check(`${name}: no console errors`, problems.length === 0, problems.join('\n'));
	const conv = await page.evaluate(conventions);
	check(`${name}: the theme's conventions hold`, conv.length === 0, conv.join('\n'));
}

// What a phone shows (contract section 5: readable at 320 px, tables
// included), run in the page: nothing scrolls sideways, neither the page
// nor any element of it (a table in a box of its own that scrolls is no
// better: its last columns are still out of sight); the text of every
// table at least minPx; every cell of a table's body within the width;
// and where rows are cards (their display no longer table-row), each cell
// with content shows its column's title before it, as the header row is
// out of sight.
function readable(minPx) {
	const where = (e) => {
		const parts = [];
		for (let x = e; x && x !== document.body && parts.length < 4; x = x.parentElement) {
			const cls = typeof x.className === 'string' && x.className.trim() ? `.${x.className.trim().split(/\s+/).join('.')}` : '';
			parts.unshift(x.tagName.toLowerCase() + (x.id ? `#${x.id}` : '') + cls);
		}
		return parts.join(' > ') || e.tagName.toLowerCase();
	};
	const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
	const cut = (s) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
	const sideways = [];
	const root = document.scrollingElement || document.documentElement;
	if (root.scrollWidth > root.clientWidth) sideways.push(`the page: scrollWidth ${root.scrollWidth} > ${root.clientWidth}`);
	for (const e of [document.body, ...document.body.querySelectorAll('*')]) {
		const o = getComputedStyle(e).overflowX;
		if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth)
			sideways.push(`${where(e)}: scrollWidth ${e.scrollWidth} > clientWidth ${e.clientWidth}, scrolls sideways`);
	}
	// A generated label's text: the computed content is one or more CSS
	// strings ("Kế hoạch"), with "/ alt" after them when given.
	const label = (e) => {
		const c = getComputedStyle(e, '::before').content;
		if (!c || c === 'none' || c === 'normal') return '';
		let shown = '';
		for (const m of c.matchAll(/"((?:[^"\\]|\\.)*)"|(\/)/g)) {
			if (m[2]) break; // what follows "/" is for screen readers
			shown += m[1].replace(/\\(.)/g, '$1');
		}
		return shown.replace(/\s+/g, ' ').trim();
	};
	const small = new Set();
	const cells = [];
	const vw = document.documentElement.clientWidth;
	for (const t of document.querySelectorAll('table')) {
		const walk = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.data.trim() || !n.parentElement.closest('th, td, caption')) continue;
			const px = parseFloat(getComputedStyle(n.parentElement).fontSize);
			if (px < minPx) small.add(`${px}px: ${where(n.parentElement)} "${cut(n.data.trim())}"`);
		}
		const heads = t.tHead && t.tHead.rows.length ? [...t.tHead.rows[t.tHead.rows.length - 1].cells] : [];
		const colTitle = [];
		for (const h of heads) for (let i = 0; i < h.colSpan; i++) colTitle.push(text(h));
		for (const body of t.tBodies) for (const row of body.rows) {
			const card = getComputedStyle(row).display !== 'table-row';
			let col = 0;
			for (const c of row.cells) {
				const at = col;
				col += c.colSpan;
				if (!c.checkVisibility()) continue;
				const b = c.getBoundingClientRect();
				if (b.width > 0 && (b.left < -0.5 || b.right > vw + 0.5))
					cells.push(`${where(c)} "${cut(text(c))}" spans ${Math.round(b.left)}–${Math.round(b.right)} px`);
				if (label(c)) {
					const px = parseFloat(getComputedStyle(c, '::before').fontSize);
					if (px < minPx) small.add(`${px}px: the label "${label(c)}" of ${where(c)}`);
				}
				if (!card || c.tagName !== 'TD' || !text(c) || colTitle[at] === undefined) continue;
				if (!label(c)) cells.push(`a card's cell without its column's title "${colTitle[at]}": ${where(c)} "${cut(text(c))}"`);
				else if (label(c) !== colTitle[at])
					cells.push(`a card's cell labelled "${label(c)}", its column is "${colTitle[at]}": ${where(c)}`);
			}
		}
	}
	return { sideways: sideways.slice(0, 10), small: [...small].slice(0, 10), cells: cells.slice(0, 10) };
}

// A data cell with nothing in it (an indicator with no result yet) shows
// "—", as the indicator's own page does, whether its table is a table
// (a wide screen) or a list of cards (a phone): the two once disagreed.
function emptyCells() {
	const bad = [];
	for (const c of document.querySelectorAll('table.cards td')) {
		if (c.textContent.trim() || c.querySelector('img, svg') || !c.checkVisibility()) continue;
		const after = getComputedStyle(c, '::after').content;
		if (!/^"—"/.test(after)) bad.push(`an empty cell without its dash (${after}): ${c.parentElement.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}`);
	}
	return bad.slice(0, 10);
}

// Chromium's own accessibility tree (what a screen reader is given): each
// <table> a table, not a layout table, with its column headers, row
// headers and cells, whatever the style did to their display.
async function tableRoles(page) {
	const want = await page.evaluate(() => {
		const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility()).length;
		return { table: shown('table'), columnheader: shown('table th[scope=col]'),
			rowheader: shown('table th[scope=row]'), cell: shown('table td') };
	});
	const cdp = await page.context().newCDPSession(page);
	const { nodes } = await cdp.send('Accessibility.getFullAXTree');
	await cdp.detach();
	const got = { table: 0, columnheader: 0, rowheader: 0, cell: 0 };
	for (const n of nodes) {
		const role = !n.ignored && n.role && n.role.value;
		if (role in got) got[role]++;
	}
	return Object.keys(want).filter((k) => got[k] !== want[k]).map((k) => `${want[k]} ${k} in the page, ${got[k]} in the accessibility tree`);
}

// What the theme promises on every page (issue "The public face"), run in
// the page: Vietnamese, status in words, progress bars with their number,
// tables with captions, machine values for numbers, chart text of 12 px
// at least (issue 13).
function conventions() {
	const bad = [];
	if (document.documentElement.lang !== 'vi') bad.push('<html> is not lang="vi"');
	for (const e of document.querySelectorAll('.status'))
		if (!e.textContent.trim()) bad.push(`a status without words: ${e.outerHTML}`);
	for (const e of document.querySelectorAll('.bar'))
		if (!/\d%/.test(e.parentElement.textContent)) bad.push(`a progress bar without its number: ${e.parentElement.outerHTML}`);
	for (const t of document.querySelectorAll('table'))
		if (!t.caption || !t.caption.textContent.trim()) bad.push('a table without a caption');
	for (const d of document.querySelectorAll('data'))
		if (!/^-?\d+(\.\d+)?$/.test(d.value)) bad.push(`<data value="${d.value}"> is not a machine number`);
	for (const d of document.querySelectorAll('td.num data')) {
		// In a card (a phone's table) a number stands under its label, not in a column.
		if (getComputedStyle(d.closest('tr')).display !== 'table-row') continue;
		const a = getComputedStyle(d.closest('td')).textAlign;
		if (a !== 'right' && a !== 'end') bad.push(`a number not right-aligned: ${d.outerHTML}`);
	}
	// Run at 320 px: an SVG scales its text with it (a chart's axis).
	for (const t of document.querySelectorAll('svg text')) {
		const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
		if (px < 11.95) bad.push(`SVG text under 12 px (${px.toFixed(1)} px): ${t.textContent}`);
	}
	return bad.slice(0, 10);
}

async function httpChecks(origin) {
	const bad = [];
	for (const f of files) {
		const r = await fetch(origin + (f.endsWith('.html') ? urlOf(f) : f));
		await r.arrayBuffer();
		if (r.status !== 200) bad.push(`${f}: HTTP ${r.status}`);
	}
	check(`HTTP 200 for all ${files.length} files`, bad.length === 0, bad.join('\n'));
}

// Types q in the search box: the results whose text matches re (n = 0
// when none come within 5 s).
async function query(page, q, re) {
	await page.fill('input[type=search]', q);
	const found = page.locator('#search-results a', { hasText: re });
	try {
		await found.first().waitFor({ timeout: 5000 });
		return { n: await found.count(), found };
	} catch {
		return { n: 0, found };
	}
}

// Search opened from a disk (file://), as the site or its offline archive
// unpacked is: no server, and fetch() refused.  A Vietnamese query finds
// its pages, and a result opens the page itself, not a folder's listing.
async function diskSearchChecks(browser, dir, name) {
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await page.goto(pathToFileURL(path.join(dir, 'search/index.html')).href);
	check(`search from ${name}: the form shows`, await page.isVisible('#search-form'));
	const { n, found } = await query(page, 'Gia đình văn hóa', /gia đình văn hóa/i);
	const said = await page.locator('#search-results').innerText();
	check(`search from ${name}: "Gia đình văn hóa" finds its pages`, n > 0, said);
	if (n > 0) {
		await Promise.all([page.waitForLoadState('load'), found.first().click()]);
		const url = page.url();
		const isPage = await page.evaluate(() => !!document.querySelector('main h1'));
		check(`search from ${name}: a result opens its page`, isPage && url.endsWith('.html'), url);
	}
	check(`search from ${name}: no script errors`, errors.length === 0, errors.join('\n'));
	await ctx.close();
}

// A revision copy's search: a post unchanged since the revision is the
// main site's page, and the copy's index gives it as its address alone,
// its entry being the main site's (`index`).  Searching the copy for its
// title finds it there, and the result opens the main site's page.
async function copySearchChecks(browser, origin, index) {
	const dir = path.join(site, 'revisions');
	const copies = fs.existsSync(dir) ? fs.readdirSync(dir).map((t) => `revisions/${t}/site/`)
		.filter((c) => fs.existsSync(path.join(site, c, 'search/index.js'))) : [];
	let copy = null, shared = null;
	for (const c of copies) {
		const js = fs.readFileSync(path.join(site, c, 'search/index.js'), 'utf8');
		const m = /^window\.ssgSearchBase = ("[^"]*");\nwindow\.ssgSearchIndex = /.exec(js);
		if (!m)
			continue;
		const own = JSON.parse(js.slice(m[0].length, -2));
		const base = JSON.parse(m[1]);
		const u = own.find((e) => typeof e === 'string');
		const e = u && index.find((x) => base + x.u === u);
		if (e) {
			copy = c;
			shared = { u, t: e.t };
			break;
		}
	}
	check("search in a revision copy: an unchanged post's entry is left to the main site's index", !!shared,
		`copies: ${copies.join(', ')}`);
	if (!shared)
		return;
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await page.goto(origin + copy + 'search/');
	const { n, found } = await query(page, shared.t, shared.t);
	check(`search in ${copy}: "${shared.t}" is found`, n > 0, await page.locator('#search-results').innerText());
	if (n > 0) {
		const href = await found.first().evaluate((a) => a.href);
		check(`search in ${copy}: its result opens the main site's page`,
			href === new URL(shared.u, origin + copy).href && !href.includes('/revisions/'), href);
	}
	check(`search in ${copy}: no script errors`, errors.length === 0, errors.join('\n'));
	await ctx.close();
}

// Search: with JavaScript, a query without diacritics finds the text with
// them; without, the search page is the list of every page.
async function searchChecks(browser, origin) {
	if (!fs.existsSync(path.join(site, 'search/index.html'))) {
		check('search: search/index.html exists', false);
		return;
	}
	// The array search/index.js assigns (no JSON twin beside it).
	const js = fs.readFileSync(path.join(site, 'search/index.js'), 'utf8');
	const head = 'window.ssgSearchIndex = ';
	check('search: search/index.js assigns the index', js.startsWith(head) && js.endsWith(';\n'));
	const index = JSON.parse(js.slice(head.length, -2));
	const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await page.goto(origin + 'search/');
	check('search: with JavaScript the form shows', await page.isVisible('#search-form'));
	for (const q of ['gia dinh van hoa', 'Gia đình văn hóa', 'GIA ĐÌNH']) {
		const { n } = await query(page, q, /gia đình văn hóa/i);
		check(`search: "${q}" finds "gia đình văn hóa"`, n > 0);
	}
	await page.fill('input[type=search]', 'xyzzy khong co');
	await page.locator('#search-results', { hasText: 'xyzzy' }).waitFor({ timeout: 5000 }).catch(() => {});
	const none = await page.locator('#search-results').innerText();
	check('search: a query that matches nothing says so', /Không tìm thấy/.test(none), none);
	// A query in the address (the form of every page submits here).
	await page.goto(origin + 'search/?q=' + encodeURIComponent('vu le'));
	const vule = page.locator('#search-results a', { hasText: /Xã|xã|Số liệu|communes/ });
	let hit = 0;
	try {
		await vule.first().waitFor({ timeout: 5000 });
		hit = await vule.count();
	} catch { /* 0 */ }
	check('search: ?q=vu%20le from the address finds the communes table', hit > 0);
	const sr = await page.evaluate(readable, MIN_TABLE_PX);
	check('search: with its results, nothing scrolls sideways at 320 px', sr.sideways.length === 0, sr.sideways.join('\n'));
	check('search: no script errors', errors.length === 0, errors.join('\n'));
	await ctx.close();

	const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
	const p2 = await off.newPage();
	await p2.goto(origin + 'search/');
	check('search: without JavaScript no form that cannot work', !(await p2.isVisible('form[role=search]')));
	const hrefs = await p2.$$eval('main a[href]', (as) => as.map((a) => a.href));
	const missing = index.filter((e) => !hrefs.includes(new URL(e.u, origin).href)).map((e) => e.u);
	check(`search without JavaScript lists all ${index.length} indexed pages`, missing.length === 0 && index.length > 0,
		`missing: ${missing.join(', ')}`);
	await p2.screenshot({ path: path.join(shots, 'search-nojs-320.png'), fullPage: false });
	await off.close();

	await copySearchChecks(browser, origin, index);
	await diskSearchChecks(browser, site, 'file://');
	if (process.env.OFFLINE_SITE)
		await diskSearchChecks(browser, path.resolve(process.env.OFFLINE_SITE), 'the archive');
}

async function main() {
	fs.mkdirSync(shots, { recursive: true });
	console.log(`browser: ${pages.length} pages of ${kinds.size} kinds: ${[...kinds.keys()].join(', ')}`);
	linkChecks();
	weightChecks();
	vnuChecks();
	const server = await serve();
	const origin = `http://127.0.0.1:${server.address().port}/`;
	let browser;
	try {
		await httpChecks(origin);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
				'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		await pageChecks(browser, origin);
		await searchChecks(browser, origin);
	} catch (e) {
		check('browser: the checks ran to the end', false, e.stack || e);
	} finally {
		if (browser) await browser.close();
		server.close();
	}
	console.log(`screenshots: ${shots}`);
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}
main();
