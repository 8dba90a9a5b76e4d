#include "frontmatter.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "i18n.h"
#include "text.h"

#define FM_MAX_DEPTH 32

typedef struct {
	ssg_value *coll;
	bool is_map;
	char *key; /* a map's key waiting for its value; owned */
} fm_frame;

typedef struct {
	ssg_model *m;
	const char *path;
	ssg_diags *d;
	unsigned first_line; /* file line of the YAML text's first line */
	fm_frame stack[FM_MAX_DEPTH];
	size_t depth;
	size_t nodes;
	int docs;
	ssg_value *root;
} fm_parse;

static int fm_error(fm_parse *f, int code, yaml_mark_t mark, const char *fmt,
		    ...) SSG_PRINTF(4, 5);

static int fm_error(fm_parse *f, int code, yaml_mark_t mark, const char *fmt,
		    ...)
{
	va_list ap;
	va_start(ap, fmt);
	ssg_diags_vadd(f->d, SSG_SEV_ERROR, f->path,
		       (unsigned)mark.line + f->first_line,
		       (unsigned)mark.column + 1, fmt, ap);
	va_end(ap);
	return code;
}

/* How many bytes of a key to quote in a message: at most 60, never
 * cutting a UTF-8 sequence. */
static int quote_len(const char *s, size_t n)
{
	if (n <= 60)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* True when a line of `mark` (three characters), optional blanks and a
 * line end (or the end of input) starts at src[i]; *next is then the
 * offset of the following line. */
static bool delim_line(const char *src, size_t len, size_t i,
		       const char *mark, size_t *next)
{
	if (len - i < 3 || memcmp(src + i, mark, 3) != 0)
		return false;
	i += 3;
	while (i < len && (src[i] == ' ' || src[i] == '\t'))
		i++;
	if (i < len && src[i] == '\r')
		i++;
	if (i == len) {
		*next = len;
		return true;
	}
	if (src[i] != '\n')
		return false;
	*next = i + 1;
	return true;
}

static int fm_limit(fm_parse *f, yaml_mark_t mark)
{
	if (++f->nodes > SSG_FM_MAX_NODES)
		return fm_error(f, SSG_ERR_LIMIT, mark,
				"front matter has more than %d values",
				SSG_FM_MAX_NODES);
	return SSG_OK;
}

/* Hangs a finished or newly opened value on its parent. */
static int fm_attach(fm_parse *f, ssg_value *v, yaml_mark_t mark)
{
	if (f->depth == 0) {
		if (ssg_value_type(v) != SSG_V_MAP)
			return fm_error(f, SSG_ERR_CONTENT, mark,
					"front matter must be `key: value` "
					"lines");
		f->root = v;
		return SSG_OK;
	}
	fm_frame *top = &f->stack[f->depth - 1];
	if (!top->is_map) {
		ssg_list_push(top->coll, v);
		return SSG_OK;
	}
	ssg_map_set(top->coll, top->key, v);
	free(top->key);
	top->key = NULL;
	return SSG_OK;
}

static bool fm_wants_key(const fm_parse *f)
{
	if (f->depth == 0)
		return false;
	const fm_frame *top = &f->stack[f->depth - 1];
	return top->is_map && top->key == NULL;
}

static int fm_scalar(fm_parse *f, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	yaml_mark_t mark = ev->start_mark;
	if (memchr(s, '\0', n))
		return fm_error(f, SSG_ERR_CONTENT, mark,
				"a NUL character is not allowed in front "
				"matter");
	if (fm_wants_key(f)) {
		fm_frame *top = &f->stack[f->depth - 1];
		if (ssg_value_getn(top->coll, s, n))
			return fm_error(f, SSG_ERR_CONTENT, mark,
					"duplicate key '%.*s'",
					quote_len(s, n), s);
		top->key = ssg_xstrndup(s, n);
		return SSG_OK;
	}
	int rc = fm_limit(f, mark);
	if (rc)
		return rc;
	ssg_value *v = ssg_model_strn(f->m, s, n);
	ssg_value_set_pos(v, (unsigned)mark.line + f->first_line,
			  (unsigned)mark.column + 1);
	return fm_attach(f, v, mark);
}

static int fm_open(fm_parse *f, const yaml_event_t *ev, bool is_map)
{
	yaml_mark_t mark = ev->start_mark;
	if (fm_wants_key(f))
		return fm_error(f, SSG_ERR_CONTENT, mark,
				"a key must be plain text, not a list or a "
				"map");
	if (f->depth == FM_MAX_DEPTH)
		return fm_error(f, SSG_ERR_LIMIT, mark,
				"front matter nests deeper than %d levels",
				FM_MAX_DEPTH);
	int rc = fm_limit(f, mark);
	if (rc)
		return rc;
	ssg_value *v = is_map ? ssg_model_map(f->m) : ssg_model_list(f->m);
	ssg_value_set_pos(v, (unsigned)mark.line + f->first_line,
			  (unsigned)mark.column + 1);
	rc = fm_attach(f, v, mark);
	if (rc)
		return rc;
	fm_frame *fr = &f->stack[f->depth++];
	fr->coll = v;
	fr->is_map = is_map;
	fr->key = NULL;
	return SSG_OK;
}

static const yaml_char_t *event_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor;
	default:
		return NULL;
	}
}

static int fm_event(fm_parse *f, const yaml_event_t *ev, bool *done)
{
	const yaml_char_t *anchor = event_anchor(ev);
	if (anchor)
		return fm_error(f, SSG_ERR_CONTENT, ev->start_mark,
				"YAML anchors (&%.*s) are not allowed in "
				"front matter",
				quote_len((const char *)anchor,
					  strlen((const char *)anchor)),
				(const char *)anchor);
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return SSG_OK;
	case YAML_DOCUMENT_START_EVENT:
		if (f->docs++ > 0)
			return fm_error(f, SSG_ERR_CONTENT, ev->start_mark,
					"front matter must be one YAML "
					"document");
		return SSG_OK;
	case YAML_ALIAS_EVENT:
		return fm_error(f, SSG_ERR_CONTENT, ev->start_mark,
				"YAML aliases (*%.*s) are not allowed in "
				"front matter",
				quote_len((const char *)ev->data.alias.anchor,
					  strlen((const char *)
							 ev->data.alias.anchor)),
				(const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		return fm_scalar(f, ev);
	case YAML_SEQUENCE_START_EVENT:
		return fm_open(f, ev, false);
	case YAML_MAPPING_START_EVENT:
		return fm_open(f, ev, true);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (f->depth > 0) {
			f->depth--;
			free(f->stack[f->depth].key);
			f->stack[f->depth].key = NULL;
		}
		return SSG_OK;
	default:
		return SSG_OK;
	}
}

/* The YAML mistakes clerks make, in their words: libyaml's problem, the
 * whole message (marked, translated whole), and whether it is said where
 * the construct began (the opening quote) rather than where libyaml
 * noticed (the end of the text).  Any other problem is reported in
 * libyaml's words. */
static const struct {
	const char *problem;
	const char *msg;
	bool at_start;
} yaml_mistakes[] = {
	{"found unexpected end of stream",
	 N_("invalid YAML: a value opened with a quote is never closed: add "
	    "the closing quote at the end of the value"),
	 true},
	{"mapping values are not allowed in this context",
	 N_("invalid YAML: a value holds ': ', which YAML reads as a new "
	    "name: put the whole value in double quotes (title: \"Kế hoạch: "
	    "năm 2024\")"),
	 false},
	{"found character that cannot start any token",
	 N_("invalid YAML: a value starts with a character YAML keeps for "
	    "itself (such as @ or `, or a tab): put the value in double quotes"),
	 false},
	{"found a tab character that violates indentation",
	 N_("invalid YAML: a line is indented with a tab: indent with "
	    "spaces"),
	 false},
	{"found a tab character where an indentation space is expected",
	 N_("invalid YAML: a line is indented with a tab: indent with "
	    "spaces"),
	 false},
	{"could not find expected ':'",
	 N_("invalid YAML: a line has a name but no ':' after it: write it "
	    "as name: value"),
	 true},
	{"did not find expected key",
	 N_("invalid YAML: this line is indented differently from the lines "
	    "of its level: line it up with them"),
	 false},
	{"found unknown escape character",
	 N_("invalid YAML: a \\ inside double quotes starts no known "
	    "escape: write \\\\ for a backslash, or use single quotes"),
	 false},
};

static int fm_parser_error(fm_parse *f, const yaml_parser_t *p,
			   const char *yaml, size_t ylen)
{
	if (p->error == YAML_MEMORY_ERROR) {
		ssg_diags_env(f->d, "out of memory while reading front matter");
		return SSG_ERR_ENV;
	}
	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a mark. */
		unsigned line, col;
		ssg_text_position(yaml, ylen, p->problem_offset, &line, &col);
		ssg_diags_error(f->d, f->path, line - 1 + f->first_line, col,
				"invalid YAML: the front matter holds a "
				"character YAML does not accept here (a "
				"control character): remove it (YAML: %s)",
				p->problem ? p->problem : "unreadable text");
		return SSG_ERR_CONTENT;
	}
	const char *problem = p->problem ? p->problem : "syntax error";
	for (size_t i = 0; i < sizeof(yaml_mistakes) / sizeof(*yaml_mistakes);
	     i++) {
		if (strcmp(problem, yaml_mistakes[i].problem) != 0)
			continue;
		yaml_mark_t m = yaml_mistakes[i].at_start && p->context
					? p->context_mark
					: p->problem_mark;
		ssg_diags_msg(f->d, SSG_SEV_ERROR, f->path,
			      (unsigned)m.line + f->first_line,
			      (unsigned)m.column + 1, yaml_mistakes[i].msg);
		return SSG_ERR_CONTENT;
	}
	/* Another mistake: where it is and what to look at, in our words;
	 * libyaml's (English) only in parentheses. */
	if (p->context)
		return fm_error(f, SSG_ERR_CONTENT, p->problem_mark,
				"invalid YAML: the front matter cannot be read "
				"from here: check the quotes, colons and "
				"indentation of this line and the one before "
				"(YAML: %s: %s)",
				p->context, problem);
	return fm_error(f, SSG_ERR_CONTENT, p->problem_mark,
			"invalid YAML: the front matter cannot be read from "
			"here: check the quotes, colons and indentation of "
			"this line and the one before (YAML: %s)",
			problem);
}

static int fm_yaml(fm_parse *f, const char *yaml, size_t ylen)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		ssg_diags_env(f->d, "out of memory while reading front matter");
		return SSG_ERR_ENV;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, ylen);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	int rc = SSG_OK;
	bool done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			rc = fm_parser_error(f, &p, yaml, ylen);
			break;
		}
		rc = fm_event(f, &ev, &done);
		yaml_event_delete(&ev);
		if (rc)
			break;
	}
	for (size_t i = 0; i < f->depth; i++) {
		free(f->stack[i].key);
		f->stack[i].key = NULL;
	}
	yaml_parser_delete(&p);
	return rc;
}

int ssg_frontmatter_parse(ssg_model *m, const char *path, const char *src,
			  size_t len, const ssg_value **meta, size_t *body_off,
			  unsigned *body_line, ssg_diags *d)
{
	size_t start = 0, yaml_start, pos;
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	if (!delim_line(src, len, start, "---", &yaml_start)) {
		*meta = ssg_model_map(m);
		*body_off = 0;
		*body_line = 1;
		return SSG_OK;
	}

	/* The YAML ends at the first line that is exactly --- or ... */
	size_t close = 0, after = 0;
	unsigned line = 2;
	bool closed = false;
	pos = yaml_start;
	while (pos < len) {
		if (delim_line(src, len, pos, "---", &after) ||
		    delim_line(src, len, pos, "...", &after)) {
			close = pos;
			closed = true;
			break;
		}
		const char *nl = memchr(src + pos, '\n', len - pos);
		if (!nl)
			break;
		pos = (size_t)(nl - src) + 1;
		line++;
	}
	if (!closed) {
		ssg_diags_error(d, path, 1, 1,
				"front matter is not closed: add a line "
				"with ---");
		return SSG_ERR_CONTENT;
	}

	const char *yaml = src + yaml_start;
	size_t ylen = close - yaml_start;
	size_t bad;
	if (!ssg_text_utf8_valid(yaml, ylen, &bad)) {
		unsigned bl, bc;
		ssg_text_position(src, len, yaml_start + bad, &bl, &bc);
		/* Each wording marked on its own: xgettext reads one
		 * literal an argument, the first of a ?: pair. */
		ssg_diags_msg(d, SSG_SEV_ERROR, path, bl, bc,
			      yaml[bad] ? N_("invalid UTF-8 in front matter")
					: N_("a NUL byte is not allowed in "
					     "front matter"));
		return SSG_ERR_CONTENT;
	}

	fm_parse f = {.m = m, .path = path, .d = d, .first_line = 2};
	int rc = fm_yaml(&f, yaml, ylen);
	if (rc)
		return rc;
	if (!f.root) {
		/* Only comments or nothing between the lines. */
		f.root = ssg_model_map(m);
		ssg_value_set_pos(f.root, 2, 1);
	}
	*meta = f.root;
	*body_off = after;
	*body_line = line + 1;
	return SSG_OK;
}
