/*
 * template — Mustache compiled to a tree of nodes, rendered many times.
 *
 * Compiling has two passes.  The lexer cuts the source into text,
 * newline and tag tokens (set-delimiter tags take effect as it goes) and
 * pairs every section, parent and block with its closing tag, so that
 * syntax errors are found before anything is built.  The builder then
 * walks the tokens once, applying the standalone-line rules, and makes
 * the nodes.  Rendering only walks nodes: nothing is parsed twice.
 *
 * Indentation is not pasted into the text of partials (which would mean
 * one compiled copy per indentation): every template line that has
 * content starts with an INDENT node, which writes the indentation in
 * force, usually none.  A standalone partial, parent or block adds its
 * own to it.  Block bodies may be rendered at a site other than where
 * they were written, so their first line starts with a LEAD node instead,
 * written only when the site stands alone on its line.
 *
 * The rules for blocks follow the spec's ~inheritance tests (and the
 * reference implementation its authors wrote them from): a block or
 * parent stands alone when its opening tag starts a line and its closing
 * tag ends one, even when both are on the same line; a block whose
 * opening tag ends its line takes the indentation of its first content
 * line, which is removed from every line of its body ("intrinsic"
 * indentation) and added back wherever the body is rendered.
 */
#include "template.h"

#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Partials, parents and overridden blocks expanded inside each other. */
#define MAX_DEPTH 64
/* Sections, parents and blocks nested inside one template. */
#define MAX_NEST 100

#define NONE ((size_t)-1)

/* ---- compiled form ---- */

enum {
	N_TEXT,
	N_INDENT, /* the indentation in force */
	N_LEAD,   /* the same, on a block body's first line */
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK
};

typedef struct node node;

typedef struct {
	node *v;
	size_t n, cap;
} nodes;

typedef struct {
	ssg_str name;
	nodes body;
} override;

struct node {
	unsigned char kind;
	bool flag; /* VAR: escape; PARTIAL, PARENT, BLOCK: stands alone */
	unsigned line, col;
	ssg_str s;      /* TEXT: the text; PARTIAL, PARENT, BLOCK: the name */
	ssg_str ind;    /* PARTIAL, PARENT, BLOCK: indentation it adds */
	ssg_str *parts; /* VAR, sections: the dotted name; none for "." */
	size_t nparts;
	nodes body; /* sections; BLOCK: the default content */
	override *ovr; /* PARENT: the blocks it overrides */
	size_t novr;
};

typedef struct {
	char *name;
	size_t namelen;
	char *path;
	char *src; /* every ssg_str in the nodes points into it */
	nodes root;
} tpl;

struct ssg_templates {
	tpl **v;
	size_t n, cap;
};

static bool str_is(ssg_str a, ssg_str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static void nodes_push(nodes *ns, const node *nd)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 8;
		ns->v = ssg_xrealloc(ns->v, ns->cap * sizeof(node));
	}
	ns->v[ns->n++] = *nd;
}

static void nodes_free(nodes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		node *nd = &ns->v[i];
		free(nd->parts);
		nodes_free(&nd->body);
		for (size_t k = 0; k < nd->novr; k++)
			nodes_free(&nd->ovr[k].body);
		free(nd->ovr);
	}
	free(ns->v);
	ns->v = NULL;
	ns->n = ns->cap = 0;
}

static void tpl_free(tpl *t)
{
	if (!t)
		return;
	nodes_free(&t->root);
	free(t->name);
	free(t->path);
	free(t->src);
	free(t);
}

/* ---- lexer ---- */

enum { T_TEXT, T_NL, T_TAG };

typedef struct {
	unsigned char kind;
	char type; /* 0 variable, '&' raw, '#', '^', '/', '>', '<', '$', '!',
		      '=' */
	ssg_str s; /* text, or the tag's name */
	unsigned line, col;
	size_t match; /* opening <-> closing tag */
	size_t outer; /* the enclosing opening tag */
} tok;

typedef struct {
	const char *path;
	ssg_diags *d;
	const char *src;
	size_t len;
	tok *t;
	size_t n, cap;
	size_t at; /* line and col are those of src[at] */
	unsigned line, col;
	ssg_str ded[MAX_NEST + 1]; /* intrinsic indentations being removed */
	size_t nded;
} comp;

static void tok_push(comp *c, const tok *t)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->t = ssg_xrealloc(c->t, c->cap * sizeof(tok));
	}
	c->t[c->n++] = *t;
}

/* Columns count characters, not bytes, so that they match what an
 * editor shows for Vietnamese text. */
static void advance(comp *c, size_t to)
{
	for (; c->at < to; c->at++) {
		unsigned char b = (unsigned char)c->src[c->at];
		if (b == '\n') {
			c->line++;
			c->col = 1;
		} else if ((b & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

static bool is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	       ch == '\f' || ch == '\v';
}

static bool blank(ssg_str s)
{
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] != ' ' && s.p[i] != '\t')
			return false;
	return true;
}

/* First position >= from where `lead` (if not NUL) followed by `delim`
 * starts, or NONE. */
static size_t find(const comp *c, size_t from, char lead, ssg_str delim)
{
	size_t need = delim.n + (lead ? 1 : 0);
	char first = lead ? lead : delim.p[0];
	while (from < c->len && c->len - from >= need) {
		const char *p = memchr(c->src + from, first, c->len - from);
		if (!p)
			return NONE;
		size_t at = (size_t)(p - c->src);
		if (c->len - at < need)
			return NONE;
		if (memcmp(c->src + at + (lead ? 1 : 0), delim.p, delim.n) == 0)
			return at;
		from = at + 1;
	}
	return NONE;
}

static void push_text(comp *c, size_t from, size_t to)
{
	size_t s = from;
	for (size_t k = from; k < to; k++) {
		if (c->src[k] != '\n')
			continue;
		size_t nl = (k > s && c->src[k - 1] == '\r') ? k - 1 : k;
		if (nl > s)
			tok_push(c, &(tok){.kind = T_TEXT,
					   .s = {c->src + s, nl - s}});
		tok_push(c, &(tok){.kind = T_NL,
				   .s = {c->src + nl, k + 1 - nl}});
		s = k + 1;
	}
	if (s < to)
		tok_push(c, &(tok){.kind = T_TEXT, .s = {c->src + s, to - s}});
}

static bool valid_name(ssg_str s, bool dotted)
{
	if (s.n == 0)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (is_ws(s.p[i]))
			return false;
	if (!dotted || (s.n == 1 && s.p[0] == '.'))
		return true;
	/* no empty part: "a..b", ".a", "a." */
	if (s.p[0] == '.' || s.p[s.n - 1] == '.')
		return false;
	for (size_t i = 1; i < s.n; i++)
		if (s.p[i] == '.' && s.p[i - 1] == '.')
			return false;
	return true;
}

/* "{{=<% %>=}}": two delimiters, without white space or '='. */
static bool parse_delims(ssg_str in, ssg_str *open, ssg_str *close)
{
	in = ssg_str_trim(in);
	size_t i = 0;
	while (i < in.n && !is_ws(in.p[i]))
		i++;
	*open = (ssg_str){in.p, i};
	while (i < in.n && is_ws(in.p[i]))
		i++;
	*close = (ssg_str){in.p + i, in.n - i};
	if (open->n == 0 || close->n == 0)
		return false;
	for (size_t k = 0; k < close->n; k++)
		if (is_ws(close->p[k]) || close->p[k] == '=')
			return false;
	return memchr(open->p, '=', open->n) == NULL;
}

static bool is_opener(char type)
{
	return type == '#' || type == '^' || type == '<' || type == '$';
}

static int lex(comp *c)
{
	ssg_str open = {"{{", 2}, close = {"}}", 2};
	size_t stack[MAX_NEST];
	size_t depth = 0;
	size_t pos = 0;
	c->line = c->col = 1;
	for (;;) {
		size_t at = find(c, pos, 0, open);
		push_text(c, pos, at == NONE ? c->len : at);
		if (at == NONE)
			break;
		advance(c, at);
		tok tk = {.kind = T_TAG, .line = c->line, .col = c->col,
			  .match = NONE,
			  .outer = depth ? stack[depth - 1] : NONE};
		size_t q = at + open.n, end;
		char sig = q < c->len ? c->src[q] : '\0';
		if (sig == '{') {
			end = find(c, q + 1, '}', close);
			tk.type = '&';
			if (end != NONE) {
				tk.s = (ssg_str){c->src + q + 1, end - q - 1};
				end += 1 + close.n;
			}
		} else if (sig == '!') {
			end = find(c, q + 1, 0, close);
			tk.type = '!';
			if (end != NONE)
				end += close.n;
		} else if (sig == '=') {
			end = find(c, q + 1, '=', close);
			tk.type = '=';
			if (end != NONE) {
				ssg_str in = {c->src + q + 1, end - q - 1};
				end += 1 + close.n;
				if (!parse_delims(in, &open, &close)) {
					ssg_diags_error(c->d, c->path, tk.line,
							tk.col,
							"bad set-delimiter tag");
					return SSG_ERR_CONTENT;
				}
			}
		} else {
			if (sig && strchr("&#^/><$", sig)) {
				tk.type = sig;
				q++;
			}
			end = find(c, q, 0, close);
			if (end != NONE) {
				tk.s = (ssg_str){c->src + q, end - q};
				end += close.n;
			}
		}
		if (end == NONE) {
			ssg_diags_error(c->d, c->path, tk.line, tk.col,
					"unclosed tag: '%.*s' without '%.*s'",
					(int)open.n, open.p, (int)close.n,
					close.p);
			return SSG_ERR_CONTENT;
		}
		tk.s = ssg_str_trim(tk.s);
		bool dotted = tk.type == 0 || tk.type == '&' ||
			      tk.type == '#' || tk.type == '^' || tk.type == '/';
		if (tk.type != '!' && tk.type != '=' &&
		    !valid_name(tk.s, dotted)) {
			ssg_diags_error(c->d, c->path, tk.line, tk.col,
					"bad tag name '%.*s'",
					(int)(tk.s.n > 60 ? 60 : tk.s.n), tk.s.p);
			return SSG_ERR_CONTENT;
		}
		if (tk.type == '/') {
			if (depth == 0) {
				ssg_diags_error(c->d, c->path, tk.line, tk.col,
						"closing tag '%.*s' without an "
						"open section",
						(int)tk.s.n, tk.s.p);
				return SSG_ERR_CONTENT;
			}
			tok *o = &c->t[stack[--depth]];
			if (!str_is(o->s, tk.s)) {
				ssg_diags_error(c->d, c->path, tk.line, tk.col,
						"closing tag '%.*s' does not "
						"match '%.*s' opened at line %u",
						(int)tk.s.n, tk.s.p, (int)o->s.n,
						o->s.p, o->line);
				return SSG_ERR_CONTENT;
			}
			o->match = c->n;
			tk.match = stack[depth];
			tk.outer = depth ? stack[depth - 1] : NONE;
		} else if (is_opener(tk.type)) {
			if (depth == MAX_NEST) {
				ssg_diags_error(c->d, c->path, tk.line, tk.col,
						"sections nested deeper than %d",
						MAX_NEST);
				return SSG_ERR_LIMIT;
			}
			stack[depth++] = c->n;
		}
		tok_push(c, &tk);
		pos = end;
	}
	if (depth) {
		tok *o = &c->t[stack[depth - 1]];
		ssg_diags_error(c->d, c->path, o->line, o->col,
				"unclosed section '%.*s'", (int)o->s.n, o->s.p);
		return SSG_ERR_CONTENT;
	}
	return SSG_OK;
}

/* ---- builder: standalone lines, indentation, nodes ---- */

static bool line_start(const comp *c, size_t i)
{
	return i == 0 || c->t[i - 1].kind == T_NL;
}

/* Only blanks between the start of the line and tag i. */
static bool clear_left(const comp *c, size_t i)
{
	if (line_start(c, i))
		return true;
	const tok *p = &c->t[i - 1];
	return p->kind == T_TEXT && blank(p->s) && line_start(c, i - 1);
}

/* Only blanks between tag i and the end of the line. */
static bool clear_right(const comp *c, size_t i)
{
	size_t j = i + 1;
	if (j < c->n && c->t[j].kind == T_TEXT && blank(c->t[j].s))
		j++;
	return j == c->n || c->t[j].kind == T_NL;
}

static bool standalone(const comp *c, size_t i)
{
	return clear_left(c, i) && clear_right(c, i);
}

/* The blanks before tag i when they start the line. */
static ssg_str lead_blanks(const comp *c, size_t i)
{
	if (i > 0 && c->t[i - 1].kind == T_TEXT && line_start(c, i - 1))
		return c->t[i - 1].s;
	return (ssg_str){"", 0};
}

/* The token after the line that tag i ends (clear_right(i) holds). */
static size_t past_line(const comp *c, size_t i)
{
	size_t j = i + 1;
	if (j < c->n && c->t[j].kind == T_TEXT)
		j++;
	if (j < c->n && c->t[j].kind == T_NL)
		j++;
	return j;
}

static ssg_str dedent(const comp *c, ssg_str s)
{
	for (size_t k = 0; k < c->nded; k++) {
		ssg_str d = c->ded[k];
		if (s.n >= d.n && memcmp(s.p, d.p, d.n) == 0) {
			s.p += d.n;
			s.n -= d.n;
		}
	}
	return s;
}

/* Token i starts a line: remove the intrinsic indentation of the blocks
 * it is in.  Called once for each line. */
static void strip(comp *c, size_t i)
{
	if (i < c->n && c->t[i].kind == T_TEXT)
		c->t[i].s = dedent(c, c->t[i].s);
}

static size_t skip_line(comp *c, size_t i)
{
	size_t j = past_line(c, i);
	strip(c, j);
	return j;
}

/* The blanks that start line token i, once the enclosing blocks'
 * indentation is removed. */
static ssg_str intrinsic(const comp *c, size_t i)
{
	ssg_str s = {"", 0};
	if (c->t[i].kind == T_TEXT) {
		s = dedent(c, c->t[i].s);
		size_t k = 0;
		while (k < s.n && (s.p[k] == ' ' || s.p[k] == '\t'))
			k++;
		s.n = k;
	}
	return s;
}

/* Whether tag i swallows the blanks that start its line. */
static bool eats_blanks(const comp *c, size_t i)
{
	const tok *t = &c->t[i];
	switch (t->type) {
	case '#':
	case '^':
	case '!':
	case '=':
	case '>':
		return standalone(c, i);
	case '/': {
		char o = c->t[t->match].type;
		return (o == '#' || o == '^') && standalone(c, i);
	}
	case '<':
		return clear_left(c, i) && clear_right(c, t->match);
	case '$':
		return (t->outer == NONE || c->t[t->outer].type != '<') &&
		       clear_left(c, i) && clear_right(c, t->match);
	default:
		return false;
	}
}

/* Line states while building: inside a line, at the start of one, at
 * the start of a block body's first line. */
enum { MID, BOL, FIRST };

static void add_text(nodes *out, ssg_str s)
{
	if (out->n) {
		node *last = &out->v[out->n - 1];
		if (last->kind == N_TEXT && last->s.p + last->s.n == s.p) {
			last->s.n += s.n;
			return;
		}
	}
	nodes_push(out, &(node){.kind = N_TEXT, .s = s});
}

/* Content is about to be added: a line that has some is indented. */
static void content(nodes *out, int *state)
{
	if (*state != MID)
		nodes_push(out, &(node){.kind = *state == FIRST ? N_LEAD
								 : N_INDENT});
	*state = MID;
}

static void name_parts(node *nd, ssg_str name)
{
	if (name.n == 1 && name.p[0] == '.')
		return;
	size_t n = 1;
	for (size_t i = 0; i < name.n; i++)
		n += name.p[i] == '.';
	nd->parts = ssg_xmalloc(n * sizeof(ssg_str));
	size_t start = 0;
	for (size_t i = 0; i <= name.n; i++) {
		if (i == name.n || name.p[i] == '.') {
			nd->parts[nd->nparts++] =
				(ssg_str){name.p + start, i - start};
			start = i + 1;
		}
	}
}

static node tag_node(const tok *t, unsigned char kind)
{
	return (node){.kind = kind, .line = t->line, .col = t->col,
		      .s = t->s};
}

static size_t build_tag(comp *c, size_t i, int *state, nodes *out);

/* Builds tokens [i, to) into out; returns the line state at the end. */
static int build(comp *c, size_t i, size_t to, int state, nodes *out)
{
	while (i < to) {
		const tok *t = &c->t[i];
		if (t->kind == T_NL) {
			add_text(out, t->s);
			state = BOL;
			if (++i < to)
				strip(c, i);
		} else if (t->kind == T_TEXT) {
			bool skip = t->s.n == 0 ||
				    (blank(t->s) && line_start(c, i) &&
				     i + 1 < c->n && c->t[i + 1].kind == T_TAG &&
				     eats_blanks(c, i + 1));
			if (!skip) {
				content(out, &state);
				add_text(out, t->s);
			}
			i++;
		} else {
			i = build_tag(c, i, &state, out);
		}
	}
	return state;
}

static size_t build_section(comp *c, size_t i, int *state, nodes *out)
{
	const tok *t = &c->t[i];
	size_t close = t->match;
	node nd = tag_node(t, t->type == '#' ? N_SECTION : N_INVERTED);
	name_parts(&nd, t->s);
	size_t from = i + 1;
	int inner = MID;
	if (standalone(c, i)) {
		from = skip_line(c, i);
		inner = BOL;
	} else {
		content(out, state);
	}
	inner = build(c, from, close, inner, &nd.body);
	bool sc = standalone(c, close);
	if (inner != MID && !sc)
		content(&nd.body, &inner);
	nodes_push(out, &nd);
	*state = sc ? BOL : MID;
	return sc ? skip_line(c, close) : close + 1;
}

/* The body of block i: from after its opening tag (or the line that it
 * ends) to before its closing tag (or the blanks starting that line). */
static void build_body(comp *c, size_t i, bool trim, node *nd)
{
	size_t close = c->t[i].match;
	size_t from = i + 1, to = close;
	bool pushed = false;
	if (trim && clear_left(c, close) && c->t[close - 1].kind == T_TEXT)
		to = close - 1;
	if (trim && clear_right(c, i)) {
		from = past_line(c, i);
		if (from < to) {
			nd->ind = intrinsic(c, from);
			c->ded[c->nded++] = nd->ind;
			pushed = true;
		}
		strip(c, from);
	}
	int st = build(c, from, to, trim ? FIRST : MID, &nd->body);
	/* the closing tag's line has content: indent it, unless the tag
	 * stands alone and its line goes */
	if (st != MID && !(trim && clear_left(c, close)))
		content(&nd->body, &st);
	if (pushed)
		c->nded--;
}

static size_t build_parent(comp *c, size_t i, int *state, nodes *out)
{
	const tok *t = &c->t[i];
	size_t close = t->match;
	node nd = tag_node(t, N_PARENT);
	bool alone = clear_left(c, i) && clear_right(c, close);
	if (alone) {
		nd.flag = true;
		nd.ind = lead_blanks(c, i);
	} else {
		content(out, state);
	}
	/* Text inside the parent is a comment, but for its blocks. */
	for (size_t j = i + 1; j < close;) {
		const tok *u = &c->t[j];
		if (u->kind != T_TAG || !is_opener(u->type)) {
			j++;
			continue;
		}
		if (u->type == '$' && u->outer == i) {
			node b = {0};
			build_body(c, j, true, &b);
			/* an override's own indentation is removed, and
			 * the block it replaces decides where it goes */
			nd.ovr = ssg_xrealloc(nd.ovr, (nd.novr + 1) *
							      sizeof(override));
			nd.ovr[nd.novr++] = (override){u->s, b.body};
		}
		j = u->match + 1;
	}
	nodes_push(out, &nd);
	if (alone) {
		*state = BOL;
		return skip_line(c, close);
	}
	*state = MID;
	return close + 1;
}

static size_t build_block(comp *c, size_t i, int *state, nodes *out)
{
	const tok *t = &c->t[i];
	size_t close = t->match;
	node nd = tag_node(t, N_BLOCK);
	if (!(clear_left(c, i) && clear_right(c, close))) {
		content(out, state);
		build_body(c, i, false, &nd);
		nodes_push(out, &nd);
		*state = MID;
		return close + 1;
	}
	nd.flag = true;
	nd.ind = lead_blanks(c, i);
	build_body(c, i, true, &nd);
	nodes_push(out, &nd);
	/* A closing tag that does not start its line leaves the line's
	 * end in place: "  {{$b}}{{/b}}\n" is one line of the body. */
	if (clear_left(c, close)) {
		*state = BOL;
		return skip_line(c, close);
	}
	*state = MID;
	return close + 1;
}

static size_t build_tag(comp *c, size_t i, int *state, nodes *out)
{
	const tok *t = &c->t[i];
	switch (t->type) {
	case '!':
	case '=':
		if (standalone(c, i)) {
			*state = BOL;
			return skip_line(c, i);
		}
		content(out, state);
		return i + 1;
	case '>': {
		node nd = tag_node(t, N_PARTIAL);
		size_t next = i + 1;
		if (standalone(c, i)) {
			nd.flag = true;
			nd.ind = lead_blanks(c, i);
			next = skip_line(c, i);
			*state = BOL;
		} else {
			content(out, state);
		}
		nodes_push(out, &nd);
		return next;
	}
	case '#':
	case '^':
		return build_section(c, i, state, out);
	case '<':
		return build_parent(c, i, state, out);
	case '$':
		return build_block(c, i, state, out);
	default: { /* variables; closing tags end build() before this */
		node nd = tag_node(t, N_VAR);
		nd.flag = t->type == 0;
		name_parts(&nd, t->s);
		content(out, state);
		nodes_push(out, &nd);
		return i + 1;
	}
	}
}

static int compile(tpl *tp, ssg_diags *d)
{
	comp c = {.path = tp->path, .d = d, .src = tp->src,
		  .len = strlen(tp->src)};
	int rc = lex(&c);
	if (rc == SSG_OK)
		build(&c, 0, c.n, BOL, &tp->root);
	free(c.t);
	return rc;
}

/* ---- the set ---- */

ssg_templates *ssg_templates_new(void)
{
	return ssg_xcalloc(1, sizeof(ssg_templates));
}

void ssg_templates_free(ssg_templates *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		tpl_free(t->v[i]);
	free(t->v);
	free(t);
}

static size_t set_find(const ssg_templates *t, const char *name, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i]->namelen == n && memcmp(t->v[i]->name, name, n) == 0)
			return i;
	return NONE;
}

void ssg_templates_frame(const ssg_templates *t, ssg_buf *out)
{
	ssg_buf_printf(out, "templates %zu\n", t->n);
	for (size_t i = 0; i < t->n; i++)
		ssg_buf_printf(out, "%zu %s\n%zu ", t->v[i]->namelen,
			       t->v[i]->name, strlen(t->v[i]->src));
	for (size_t i = 0; i < t->n; i++)
		ssg_buf_puts(out, t->v[i]->src);
}

int ssg_templates_add(ssg_templates *t, const char *name, const char *src,
		      size_t len, const char *path, ssg_diags *d)
{
	tpl *tp = ssg_xcalloc(1, sizeof(tpl));
	tp->name = ssg_xstrdup(name);
	tp->namelen = strlen(name);
	tp->path = ssg_xstrdup(path ? path : name);
	/* NUL bytes are dropped so that the output never holds one. */
	tp->src = ssg_xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (src[i])
			tp->src[n++] = src[i];
	tp->src[n] = '\0';
	int rc = compile(tp, d);
	if (rc != SSG_OK)
		goto done;
	size_t i = set_find(t, tp->name, tp->namelen);
	if (i != NONE) {
		tpl_free(t->v[i]);
		t->v[i] = tp;
	} else {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->v = ssg_xrealloc(t->v, t->cap * sizeof(tpl *));
		}
		t->v[t->n++] = tp;
	}
	tp = NULL;
done:
	tpl_free(tp);
	return rc;
}

bool ssg_templates_has(const ssg_templates *t, const char *name)
{
	return set_find(t, name, strlen(name)) != NONE;
}

/* ---- rendering ---- */

/* The overrides in force: those of each parent being expanded, the
 * outermost winning, so that a page overrides its layout's layout. */
typedef struct bframe {
	const node *call;
	const tpl *owner;
	const struct bframe *outer;
} bframe;

typedef struct {
	const ssg_templates *set;
	ssg_buf *out;
	ssg_diags *d;
	const ssg_value **ctx;
	size_t nctx, capctx;
	ssg_buf ind;     /* indentation in force: ind.data[ind_from..] */
	size_t ind_from;
	const bframe *blocks;
	const tpl *owner; /* of the nodes being rendered, for diagnostics */
	unsigned depth;
	unsigned long long steps; /* nodes rendered, against the budget */
	size_t start;             /* out->len when the render began */
} render;

static int render_nodes(render *r, const nodes *ns, size_t k);

static void ctx_push(render *r, const ssg_value *v)
{
	if (r->nctx == r->capctx) {
		r->capctx = r->capctx ? r->capctx * 2 : 16;
		r->ctx = ssg_xrealloc(r->ctx, r->capctx * sizeof(*r->ctx));
	}
	r->ctx[r->nctx++] = v;
}

/* Empty strings are falsey too, so that a theme can write
 * {{#note}}<p>{{note}}</p>{{/note}} for an optional field. */
static bool truthy(const ssg_value *v)
{
	switch (ssg_value_type(v)) {
	case SSG_V_NULL:
		return false;
	case SSG_V_BOOL:
		return ssg_value_bool(v);
	case SSG_V_STR:
		return ssg_value_strlen(v) > 0;
	case SSG_V_LIST:
		return ssg_value_len(v) > 0;
	default:
		return true;
	}
}

static const ssg_value *lookup(const render *r, const node *nd)
{
	if (nd->nparts == 0)
		return r->ctx[r->nctx - 1];
	const ssg_value *v = NULL;
	for (size_t i = r->nctx; i-- > 0 && !v;)
		v = ssg_value_getn(r->ctx[i], nd->parts[0].p, nd->parts[0].n);
	for (size_t k = 1; v && k < nd->nparts; k++)
		v = ssg_value_getn(v, nd->parts[k].p, nd->parts[k].n);
	return v;
}

/* Shortest decimal that reads back as the same double; "." whatever the
 * locale. */
static void put_num(ssg_buf *b, double x)
{
	char s[40];
	if (x != x) {
		ssg_buf_puts(b, "NaN");
		return;
	}
	if (x > DBL_MAX || x < -DBL_MAX) {
		ssg_buf_puts(b, x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (x == 0) {
		ssg_buf_putc(b, '0'); /* and not "-0" */
		return;
	}
	if (x > -1e15 && x < 1e15 && (double)(long long)x == x) {
		snprintf(s, sizeof s, "%lld", (long long)x);
	} else {
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(s, sizeof s, "%.*g", prec, x);
			if (strtod(s, NULL) == x)
				break;
		}
		for (char *p = s; *p; p++)
			if (*p == ',')
				*p = '.';
	}
	ssg_buf_puts(b, s);
}

static void put_str(ssg_buf *b, const char *s, size_t n, bool esc)
{
	/* model strings may hold NUL bytes; the output never does */
	while (n) {
		const char *z = memchr(s, '\0', n);
		size_t k = z ? (size_t)(z - s) : n;
		if (esc)
			ssg_buf_put_html(b, s, k);
		else
			ssg_buf_put(b, s, k);
		if (!z)
			break;
		s += k + 1;
		n -= k + 1;
	}
}

static void put_value(ssg_buf *b, const ssg_value *v, bool esc)
{
	switch (ssg_value_type(v)) {
	case SSG_V_STR:
		put_str(b, ssg_value_str(v), ssg_value_strlen(v), esc);
		break;
	case SSG_V_NUM:
		put_num(b, ssg_value_num(v));
		break;
	case SSG_V_BOOL:
		ssg_buf_puts(b, ssg_value_bool(v) ? "true" : "false");
		break;
	default:
		break;
	}
}

static int render_section(render *r, const node *nd)
{
	const ssg_value *v = lookup(r, nd);
	if (!truthy(v))
		return SSG_OK;
	size_t n = ssg_value_type(v) == SSG_V_LIST ? ssg_value_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		ctx_push(r, ssg_value_type(v) == SSG_V_LIST ? ssg_value_at(v, i)
							     : v);
		int rc = render_nodes(r, &nd->body, 0);
		r->nctx--;
		if (rc != SSG_OK)
			return rc;
	}
	return SSG_OK;
}

static int too_deep(render *r, const node *nd)
{
	ssg_diags_error(r->d, r->owner->path, nd->line, nd->col,
			"partials nest deeper than %d: is '%.*s' recursive?",
			MAX_DEPTH, (int)nd->s.n, nd->s.p);
	return SSG_ERR_LIMIT;
}

static void ind_truncate(render *r, size_t len)
{
	r->ind.len = len;
	if (r->ind.data)
		r->ind.data[len] = '\0';
}

/* {{>partial}} and {{<parent}}...{{/parent}}. */
static int render_sub(render *r, const node *nd)
{
	size_t i = set_find(r->set, nd->s.p, nd->s.n);
	if (i == NONE)
		return SSG_OK;
	if (r->depth >= MAX_DEPTH)
		return too_deep(r, nd);
	const tpl *t = r->set->v[i];
	size_t ind_len = r->ind.len, ind_from = r->ind_from;
	const bframe *blocks = r->blocks;
	const tpl *owner = r->owner;
	bframe f = {nd, owner, blocks};
	if (nd->flag)
		ssg_buf_put(&r->ind, nd->ind.p, nd->ind.n);
	else
		r->ind_from = r->ind.len; /* inline: its lines are not ours */
	r->blocks = nd->kind == N_PARENT ? &f : NULL;
	r->owner = t;
	r->depth++;
	int rc = render_nodes(r, &t->root, 0);
	r->depth--;
	r->owner = owner;
	r->blocks = blocks;
	r->ind_from = ind_from;
	ind_truncate(r, ind_len);
	return rc;
}

static int render_block(render *r, const node *nd)
{
	const nodes *body = &nd->body;
	const tpl *owner = r->owner;
	for (const bframe *f = r->blocks; f; f = f->outer) {
		for (size_t k = f->call->novr; k-- > 0;) {
			if (str_is(f->call->ovr[k].name, nd->s)) {
				body = &f->call->ovr[k].body;
				owner = f->owner;
				break;
			}
		}
	}
	bool over = body != &nd->body;
	/* an override may contain its own block: count it as a level */
	if (over && r->depth >= MAX_DEPTH)
		return too_deep(r, nd);
	size_t ind_len = r->ind.len, k = 0;
	const tpl *site = r->owner;
	if (nd->flag)
		ssg_buf_put(&r->ind, nd->ind.p, nd->ind.n);
	else if (body->n && body->v[0].kind == N_LEAD)
		k = 1; /* the body continues the site's line */
	r->owner = owner;
	r->depth += over;
	int rc = render_nodes(r, body, k);
	r->depth -= over;
	r->owner = site;
	ind_truncate(r, ind_len);
	return rc;
}

/* Partials recursing inside lists are exponential well before they are
 * 64 deep: every render has a budget of steps and of output. */
static int over_budget(render *r, const node *nd)
{
	/* A name is looked up through every context pushed: that counts. */
	bool looks_up = nd->kind == N_VAR || nd->kind == N_SECTION ||
			nd->kind == N_INVERTED;
	r->steps += 1 + (looks_up ? r->nctx : 0);
	if (r->steps <= SSG_TPL_MAX_STEPS &&
	    r->out->len - r->start <= SSG_TPL_MAX_OUTPUT)
		return SSG_OK;
	ssg_diags_error(r->d, r->owner->path, nd->line, nd->col,
			r->steps > SSG_TPL_MAX_STEPS
				? "rendering takes more than %llu steps: lists "
				  "in sections nest too deep, or a partial "
				  "calls itself inside a section"
				: "rendering writes more than %llu bytes: lists "
				  "in sections nest too deep, or a partial "
				  "calls itself inside a section",
			r->steps > SSG_TPL_MAX_STEPS
				? (unsigned long long)SSG_TPL_MAX_STEPS
				: (unsigned long long)SSG_TPL_MAX_OUTPUT);
	return SSG_ERR_LIMIT;
}

static int render_nodes(render *r, const nodes *ns, size_t k)
{
	for (; k < ns->n; k++) {
		const node *nd = &ns->v[k];
		int rc = over_budget(r, nd);
		if (rc != SSG_OK)
			return rc;
		switch (nd->kind) {
		case N_TEXT:
			ssg_buf_put(r->out, nd->s.p, nd->s.n);
			break;
		case N_INDENT:
		case N_LEAD:
			if (r->ind.len > r->ind_from)
				ssg_buf_put(r->out, r->ind.data + r->ind_from,
					    r->ind.len - r->ind_from);
			break;
		case N_VAR:
			put_value(r->out, lookup(r, nd), nd->flag);
			break;
		case N_SECTION:
			rc = render_section(r, nd);
			break;
		case N_INVERTED:
			if (!truthy(lookup(r, nd)))
				rc = render_nodes(r, &nd->body, 0);
			break;
		case N_PARTIAL:
		case N_PARENT:
			rc = render_sub(r, nd);
			break;
		case N_BLOCK:
			rc = render_block(r, nd);
			break;
		default:
			break;
		}
		if (rc != SSG_OK)
			return rc;
	}
	return SSG_OK;
}

int ssg_templates_render(const ssg_templates *t, const char *name,
			 const ssg_value *data, ssg_buf *out, ssg_diags *d)
{
	size_t i = set_find(t, name, strlen(name));
	if (i == NONE) {
		ssg_diags_env(d, "no template named '%s'", name);
		return SSG_ERR_NOTFOUND;
	}
	size_t start = out->len;
	render r = {.set = t, .out = out, .d = d, .owner = t->v[i],
		    .start = start};
	ssg_buf_init(&r.ind);
	ctx_push(&r, data);
	int rc = render_nodes(&r, &t->v[i]->root, 0);
	if (rc != SSG_OK && out->data) {
		/* no half page */
		out->len = start;
		out->data[start] = '\0';
	}
	free(r.ctx);
	ssg_buf_fini(&r.ind);
	return rc;
}
