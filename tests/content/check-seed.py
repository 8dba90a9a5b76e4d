#!/usr/bin/env python3
"""Proves that the transcription in content/ and data/ drops nothing from the
official plan (the seed file) and changes none of its words.

Every non-empty line of the seed is checked.  Most must appear verbatim in the
file that holds their section; the lines that became data are compared with
the cells they became:

  - the heading block ("KẾ HOẠCH" + two lines) is the `title` of
    content/_index.md, up to letter case (the document sets it in capitals
    and breaks it over lines);
  - section headings ("I. MỤC ĐÍCH, YÊU CẦU") are the `heading` of their file;
  - rows of the indicator table (section II) are rows of data/indicators.csv:
    STT, Nội dung, Kết quả năm 2023, Kế hoạch năm 2024 must equal
    id, name, baseline, target exactly; the header row's words must be in
    data/datapackage.json (field titles and descriptions);
  - each task of section III is a row of data/tasks.csv: the numbered line is
    `id` + `title`, and "Cơ quan chủ trì", "Cơ quan phối hợp" and
    "Thời gian thực hiện" are `lead`, `partners`, `timeframe`, minus the
    sentence's final period;
  - "Nơi nhận:" is the `recipients` key of content/_index.md.

Before comparing, text is NFC-normalised, a leading list marker "- " is
removed from seed lines and "*" emphasis markers are removed on both sides.

Usage: check-seed.py [REPO_ROOT] [SEED]   (defaults: the repository holding
this script, and ../shared/seed/000_ccf6e819d9eb2d65.txt beside it).
Prints every failure, then "N passed, M failed"; exits 1 on any failure.
"""

import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(HERE))
SEED = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    ROOT, '..', 'shared', 'seed', '000_ccf6e819d9eb2d65.txt')

# Lines that only draw the layout of the original (the table's ruler).
LAYOUT = {'---\t--\t----\t----'}

SECTIONS = [  # (numeral, file)
    ('I', '01-muc-dich-yeu-cau.md'),
    ('II', '02-chi-tieu.md'),
    ('III', '03-nhiem-vu.md'),
    ('IV', '04-kinh-phi.md'),
    ('V', '05-to-chuc-thuc-hien.md'),
]

INDICATOR_HEADER = ['id', 'name', 'unit', 'baseline', 'target', 'result',
                    'as_of', 'direction', 'note', 'source']
TASK_HEADER = ['id', 'title', 'lead', 'partners', 'timeframe', 'status',
               'progress', 'note']
TASK_LABELS = {
    'Cơ quan chủ trì': 'lead',
    'Cơ quan phối hợp': 'partners',
    'Thời gian thực hiện': 'timeframe',
}

passed = 0
failed = 0


def nfc(s):
    return unicodedata.normalize('NFC', s)


def plain(s):
    return nfc(s).replace('*', '')


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL: ' + what)
    return ok


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()


def front_matter(text):
    """Returns (front matter text, body text) of a Markdown file."""
    m = re.match(r'---\n(.*?\n)---\n', text, re.S)
    if not m:
        return '', text
    return m.group(1), text[m.end():]


def fm_scalar(fm, key):
    """The double-quoted top-level scalar `key: "..."`, unescaped."""
    m = re.search(r'^' + re.escape(key) + r': "((?:[^"\\]|\\.)*)"\s*$',
                  fm, re.M)
    if not m:
        return None
    return json.loads('"' + m.group(1) + '"')


def read_csv(name):
    path = os.path.join(ROOT, 'data', name)
    raw = read(path)
    check('\r' not in raw, name + ': LF line endings only')
    check(not raw.startswith('\ufeff'), name + ': no BOM')
    check(raw.endswith('\n'), name + ': ends with a newline')
    rows = list(csv.reader(raw.splitlines(True), strict=True))
    return rows


def csv_table(name, header):
    rows = read_csv(name)
    check(bool(rows) and rows[0] == header,
          '%s: header is %s' % (name, ','.join(header)))
    widths = {len(r) for r in rows}
    check(widths == {len(header)},
          '%s: every row has %d fields (seen %s)' % (name, len(header),
                                                      sorted(widths)))
    out = {}
    for r in rows[1:]:
        r = [nfc(c) for c in r]
        check(r[0] not in out, '%s: id %s is unique' % (name, r[0]))
        out[r[0]] = dict(zip(header, r))
    return rows, out


def json_strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from json_strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from json_strings(x)


def split_seed(lines):
    """Splits the seed into named parts: 'front' (before section I),
    the numerals 'I'..'V', and 'sign' (from the signature on)."""
    parts = {'front': [], 'sign': []}
    cur = 'front'
    for ln in lines:
        m = re.match(r'^(I|II|III|IV|V)\. ', ln)
        if m and ln == ln.upper():
            cur = m.group(1)
            parts[cur] = []
        elif ln == 'TRƯỞNG BAN':
            cur = 'sign'
        parts[cur].append(ln)
    return parts


def check_lines(lines, hay, where):
    """Every non-empty line of `lines` must be a substring of `hay`."""
    for ln in lines:
        if not ln or ln in LAYOUT:
            continue
        t = ln[2:] if ln.startswith('- ') else ln
        t = plain(t)
        check(t in hay, '%s lacks seed line: %s' % (where, ln))


def main():
    seed = nfc(read(SEED))
    check('\r' not in seed, 'seed read with LF line endings')
    parts = split_seed(seed.split('\n'))
    check(sorted(parts) == sorted(['front', 'sign', 'I', 'II', 'III', 'IV',
                                   'V']),
          'seed has sections I..V, a front part and a signature block')

    content = os.path.join(ROOT, 'content')
    pages = {}
    for fn in sorted(os.listdir(content)):
        if fn.endswith('.md'):
            pages[fn] = nfc(read(os.path.join(content, fn)))
    for fn in ['_index.md'] + [f for _, f in SECTIONS]:
        check(fn in pages, 'content/%s exists' % fn)
        pages.setdefault(fn, '')

    # Front part: document number, place and date, heading block, preamble.
    idx_fm, idx_body = front_matter(pages['_index.md'])
    front = [ln for ln in parts['front'] if ln]
    k = front.index('KẾ HOẠCH') if 'KẾ HOẠCH' in front else -1
    check(k >= 0, 'seed has the heading "KẾ HOẠCH"')
    heading_block = []
    if k >= 0:
        for ln in parts['front'][parts['front'].index('KẾ HOẠCH'):]:
            if not ln:
                break
            heading_block.append(ln)
        title = fm_scalar(idx_fm, 'title') or ''
        check(title.casefold() == ' '.join(heading_block).casefold(),
              '_index.md title is the heading block "%s"'
              % ' / '.join(heading_block))
    rest = [ln for ln in parts['front'] if ln not in heading_block]
    check_lines(rest, plain(pages['_index.md']), 'content/_index.md')

    # Signature block and recipients.
    sign = [ln for ln in parts['sign'] if ln != 'Nơi nhận:']
    check('Nơi nhận:' in parts['sign'], 'seed has "Nơi nhận:"')
    check(re.search(r'^recipients:\s*$', idx_fm, re.M) is not None,
          '_index.md has the recipients list ("Nơi nhận:")')
    check_lines(sign, plain(idx_fm), 'content/_index.md front matter')

    # Section headings and the text of sections I, II, IV, V.
    for numeral, fn in SECTIONS:
        fm, body = front_matter(pages[fn])
        lines = parts.get(numeral, [''])
        check(fm_scalar(fm, 'heading') == lines[0],
              'content/%s heading is "%s"' % (fn, lines[0]))
        check(fm_scalar(fm, 'numeral') == numeral,
              'content/%s numeral is "%s"' % (fn, numeral))
        if numeral in ('I', 'IV', 'V'):
            check_lines(lines[1:], plain(body), 'content/' + fn)

    # Section II: "Tỷ lệ: %", then the table.
    _, body2 = front_matter(pages['02-chi-tieu.md'])
    check(re.search(r'^\{\{table indicators\}\}$', body2, re.M) is not None,
          '02-chi-tieu.md embeds {{table indicators}} as its own paragraph')
    dp = json.loads(read(os.path.join(ROOT, 'data', 'datapackage.json')))
    dp_text = '\n'.join(json_strings(dp))
    _, ind = csv_table('indicators.csv', INDICATOR_HEADER)
    seen = set()
    for ln in parts['II'][1:]:
        if not ln or ln in LAYOUT:
            continue
        if '\t' not in ln:
            check(plain(ln) in plain(body2), '02-chi-tieu.md lacks: ' + ln)
            continue
        cells = ln.split('\t')
        if not cells[0].isdigit():
            for c in cells:
                check(c in dp_text,
                      'datapackage.json lacks table header "%s"' % c)
            continue
        check(len(cells) == 4, 'indicator row has 4 cells: ' + ln)
        row = ind.get(cells[0])
        if not check(row is not None, 'indicators.csv lacks id ' + cells[0]):
            continue
        seen.add(cells[0])
        got = '\t'.join([row['id'], row['name'], row['baseline'],
                         row['target']])
        check(got == ln, 'indicator %s differs:\n  seed: %s\n  csv:  %s'
              % (cells[0], ln, got))
        check(row['unit'] == '%', 'indicator %s unit is "%%"' % cells[0])
    check(seen == set(ind), 'indicators.csv has exactly the seed ids %s'
          % sorted(seen, key=int))

    # Section III: one task per numbered line.
    _, body3 = front_matter(pages['03-nhiem-vu.md'])
    check(re.search(r'^\{\{tasks\}\}$', body3, re.M) is not None,
          '03-nhiem-vu.md embeds {{tasks}} as its own paragraph')
    _, tasks = csv_table('tasks.csv', TASK_HEADER)
    cur = None
    seen = []
    for ln in parts['III'][1:]:
        if not ln:
            continue
        m = re.match(r'^(\d+)\. (.*)$', ln)
        if m:
            cur = tasks.get(m.group(1))
            seen.append(m.group(1))
            if check(cur is not None, 'tasks.csv lacks id ' + m.group(1)):
                check(cur['title'] == m.group(2),
                      'task %s title differs' % m.group(1))
            continue
        m = re.match(r'^- (.*?): (.*)\.$', plain(ln))
        if not check(m is not None and m.group(1) in TASK_LABELS,
                     'task detail line not understood: ' + ln):
            continue
        if cur is None:
            continue
        col = TASK_LABELS[m.group(1)]
        check(cur[col] == m.group(2),
              'task %s %s differs:\n  seed: %s\n  csv:  %s'
              % (cur['id'], col, m.group(2), cur[col]))
    check(seen == list(tasks), 'tasks.csv has the seed ids in order %s'
          % seen)
    for row in tasks.values():
        filled = [c for c in ('status', 'progress', 'note') if row[c]]
        check(not filled, 'task %s has no %s yet' % (row['id'],
                                                        ','.join(filled)))
    for row in ind.values():
        check(row['result'] == '' and row['as_of'] == '',
              'indicator %s has no result yet' % row['id'])
        check(row['direction'] == 'up' and row['note'] == '',
              'indicator %s: direction "up", no note' % row['id'])

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
