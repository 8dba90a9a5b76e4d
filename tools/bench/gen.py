#!/usr/bin/env python3
"""Synthetic plan repositories for `make bench`, as `git fast-import` streams.

    gen.py PRESET NEXT.fi > STREAM.fi

STREAM.fi is the whole repository (for `git fast-import`), NEXT.fi one
more commit on top of it, for the rebuild test.

Presets: province, pages, and the smaller province-small and pages-small
(for profilers that run 50x slower).  Only the standard library is used.

Every byte is a function of the preset: a fixed seed, fixed author and
committer dates, fixed tagger dates; so the same preset gives the same
commit ids on every run and every machine.  Only random.Random.random() is
used, the one method whose sequence Python promises to keep across
versions.

The layout follows the contract (section 1): content/_index.md, content/
NN-slug.md sections, content/posts/*.md with title and date (dd/mm/yyyy),
data/indicators.csv, data/tasks.csv and data/communes.csv (200 communes x
6 indicators, key `id`) whose results change in half of the commits.

Blobs of one file are written one after another, before the commits that
use them, because fast-import deltas a blob only against the blob it
stored just before: this keeps the 10,000 versions of communes.csv a delta
chain (as `git gc` would store them) and the stream fast to import.
"""

import random
import sys

PRESETS = {
    # commits, posts, communes, words per post, tag every N commits
    "province": dict(commits=20000, posts=5000, communes=200, words=400,
                     tag_every=4000, first_year=2020, years=5),
    "province-small": dict(commits=2000, posts=500, communes=200, words=400,
                           tag_every=400, first_year=2020, years=5),
    # a single commit: pages only, no history
    "pages": dict(commits=1, posts=10000, communes=0, words=400,
                  tag_every=0, first_year=2020, years=5),
    "pages-small": dict(commits=1, posts=1000, communes=0, words=400,
                        tag_every=0, first_year=2020, years=5),
}

TZ = 7 * 3600  # +0700, Vietnam
TZ_TEXT = "+0700"

# ---- vocabulary ---------------------------------------------------------

WORDS = """
văn hóa phong trào toàn dân đoàn kết xây dựng đời sống khu dân cư gia đình
thôn bản tổ dân phố xã thị trấn huyện tỉnh nhân dân cán bộ đảng viên chính
quyền mặt trận tổ quốc đoàn thể hội phụ nữ thanh niên cựu chiến binh nông
dân công đoàn người cao tuổi học sinh giáo viên trường học nhà văn hóa sân
thể thao câu lạc bộ văn nghệ thư viện điểm đọc sách lễ hội truyền thống dân
tộc Tày Nùng Dao Kinh Mông bản sắc di tích lịch sử danh lam thắng cảnh du
lịch cộng đồng homestay chợ phiên nông thôn mới đô thị văn minh môi trường
xanh sạch đẹp vệ sinh an toàn thực phẩm nước sạch điện lưới đường giao thông
bê tông hóa kênh mương thủy lợi sản xuất chăn nuôi trồng trọt hồi cây ăn quả
na dẻ lúa ngô rừng bảo vệ phòng cháy chữa cháy an ninh trật tự hòa giải cơ
sở pháp luật tuyên truyền phổ biến giáo dục hương ước quy ước nếp sống việc
cưới việc tang lễ hội tiết kiệm văn minh kinh tế thu nhập giảm nghèo bền vững
hộ nghèo cận nghèo việc làm đào tạo nghề khuyến nông hợp tác xã doanh nghiệp
đầu tư ngân sách kinh phí hỗ trợ nguồn vốn chương trình mục tiêu quốc gia kế
hoạch nhiệm vụ giải pháp chỉ tiêu kết quả đánh giá kiểm tra giám sát báo cáo
sơ kết tổng kết khen thưởng biểu dương điển hình tiên tiến gương người tốt
việc tốt tích cực chủ động phối hợp chặt chẽ hiệu quả thiết thực sâu rộng
nâng cao chất lượng tăng cường đẩy mạnh triển khai thực hiện hoàn thành vượt
đạt tiếp tục duy trì phát huy giữ gìn bảo tồn khôi phục phát triển đổi mới
sáng tạo đoàn kết tương trợ giúp đỡ nhau nghĩa tình quê hương đất nước mùa
xuân mùa hè mùa thu mùa đông tháng năm quý đầu năm cuối năm hàng tháng thường
xuyên định kỳ đột xuất buổi sáng buổi chiều ngày hội đại đoàn kết toàn dân
tộc hội nghị hội thảo tập huấn bồi dưỡng nghiệp vụ ứng dụng công nghệ thông
tin chuyển đổi số cổng thông tin điện tử mạng xã hội loa truyền thanh băng
rôn khẩu hiệu pa nô áp phích tờ rơi sách báo tạp chí trẻ em thiếu nhi nhi
đồng phụ huynh sức khỏe y tế trạm tiêm chủng bảo hiểm xã hội người có công
chính sách thương binh liệt sĩ đền ơn đáp nghĩa nhà tình nghĩa nhà đại đoàn
kết quỹ vì người nghèo ủng hộ quyên góp tình nguyện hiến đất mở đường lao
động công ích vệ sinh đường làng ngõ xóm trồng cây xanh thu gom rác thải
""".split()

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Hà Lương Nông Hoàng Triệu Lục".split()
MIDDLE = "Văn Thị Đức Minh Thanh Ngọc Quang Hữu Thu Xuân".split()
GIVEN = "An Bình Chi Dũng Giang Hà Hải Hạnh Hiền Hoa Hùng Huyền Khánh Lan Linh Long Mai Nam Nga Ngân Phong Phương Quân Sơn Tâm Thảo Thắng Thủy Trang Tuấn Vân Yến".split()

# Syllables of commune names: "Tân Thành", "Hưng Vũ", ...
NAME_A = "Tân Hưng Bắc Nam Đông Tây Long Vĩnh Quang Chiến Nhất Trấn Vũ Đồng Hữu Tam Chiêu Thiện Kim Hòa Bình An Phú Minh Thành Yên Mỹ Gia Tiên Hồng".split()
NAME_B = "Thành Lập Sơn Vũ Lễ Long Yên Tiến Thắng Ý Hòa Hưng Phú Lợi Đạt Lương Đồng Thịnh Quý Khánh Trung Hải Lạc Xuân Tân Phong Bình Vinh Cường".split()

COMMUNE_INDICATORS = [
    # name, unit, baseline range, is percentage (decimal comma)
    ("Tỷ lệ hộ gia đình văn hóa", "%", (55, 95), True),
    ("Tỷ lệ thôn có nhà văn hóa", "%", (40, 100), True),
    ("Số câu lạc bộ văn nghệ", "câu lạc bộ", (1, 30), False),
    ("Tỷ lệ người tập thể dục thường xuyên", "%", (20, 60), True),
    ("Số lượt đọc sách tại thư viện", "lượt", (500, 1500000), False),
    ("Tỷ lệ hộ dùng nước sạch", "%", (50, 99), True),
]

LEADS = ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa, Thể thao và Truyền thông",
         "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội",
         "Ủy ban Mặt trận Tổ quốc huyện", "Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện",
         "Phòng Tài nguyên và Môi trường", "Công an huyện", "Phòng Y tế"]
STATUSES = ["Chưa thực hiện", "planned", "Đang thực hiện", "in_progress",
            "Hoàn thành", "done"]
SECTIONS = [
    ("01-muc-dich-yeu-cau", "Mục đích, yêu cầu", "I", None),
    ("02-chi-tieu", "Các chỉ tiêu phấn đấu", "II", "{{table indicators}}"),
    ("03-nhiem-vu", "Nhiệm vụ và giải pháp", "III", "{{tasks}}"),
    ("04-ket-qua-xa", "Kết quả theo xã, thị trấn", "IV", "{{table communes}}"),
    ("05-to-chuc-thuc-hien", "Tổ chức thực hiện", "V", None),
]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.r = self.rng.random

    def below(self, n):
        return int(self.r() * n)

    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def words(self, n):
        w, r, k = WORDS, self.r, len(WORDS)
        return [w[int(r() * k)] for _ in range(n)]

    def sentence(self, n):
        ws = self.words(n)
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return " ".join(ws) + self.pick([".", ".", ".", ";", "!"])

    def title(self):
        ws = self.words(5 + self.below(6))
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return " ".join(ws)

    def person(self):
        return "%s %s %s" % (self.pick(SURNAMES), self.pick(MIDDLE),
                             self.pick(GIVEN))

    def edit(self, text):
        """A small edit, as staff make them: a few words replaced in one
        paragraph, a sentence added, or a new paragraph."""
        paras = text.rstrip("\n").split("\n\n")
        # paras[0] is the front matter; shortcodes are left whole
        free = [j for j in range(1, len(paras)) if "{{" not in paras[j]]
        i = free[self.below(len(free))] if free else len(paras) - 1
        k = self.below(10) if free else 9
        if k < 5 and not paras[i].startswith(("#", "-")):
            ws = paras[i].split(" ")
            at = self.below(len(ws))
            ws[at:at + 1 + self.below(4)] = self.words(1 + self.below(6))
            paras[i] = " ".join(ws)
        elif k < 8:
            paras[i] += " " + self.sentence(8 + self.below(12))
        else:
            paras.insert(i + 1, " ".join(self.sentence(8 + self.below(12))
                                         for _ in range(2 + self.below(3))))
        return "\n\n".join(paras) + "\n"

    def body(self, nwords, communes, extra=None):
        """Markdown of about nwords words: paragraphs, now and then a
        heading, a list, emphasis or a figure quoted from the data."""
        out, left = [], nwords
        while left > 0:
            kind = self.below(10)
            if kind == 0 and left > 40:
                out.append("## " + self.title())
                left -= 6
            elif kind == 1 and left > 40:
                items = []
                for _ in range(3 + self.below(3)):
                    items.append("- " + self.sentence(6 + self.below(8)))
                    left -= 10
                out.append("\n".join(items))
            else:
                sents = []
                n = min(left, 40 + self.below(50))
                while n > 0:
                    k = min(n, 8 + self.below(14))
                    s = self.sentence(k)
                    if self.below(12) == 0:
                        s = "**" + s[:-1] + "**" + s[-1]
                    sents.append(s)
                    n -= k
                    left -= k
                if communes and self.below(6) == 0:
                    sents.append("Kết quả của xã đạt {{value communes %03d-%d result}}."
                                 % (1 + self.below(communes), 1 + self.below(6)))
                out.append(" ".join(sents))
        if extra:
            out.insert(min(1, len(out)), extra)
        return "\n\n".join(out) + "\n"


def ddmmyyyy(t):
    import time
    g = time.gmtime(t + TZ)
    return "%02d/%02d/%04d" % (g.tm_mday, g.tm_mon, g.tm_year)


def epoch(y, mo, d, h=8):
    import calendar
    return calendar.timegm((y, mo, d, h, 0, 0)) - TZ


def vn_num(x, decimals):
    """72.25 -> "72,25" (the way the office types it)."""
    if decimals == 0:
        return str(int(round(x)))
    s = ("%.*f" % (decimals, x)).rstrip("0").rstrip(".")
    return s.replace(".", ",")


def csv_cell(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_row(cells):
    return ",".join(csv_cell(c) for c in cells)


class Out:
    """A fast-import stream on stdout, buffered."""

    def __init__(self):
        self.f = sys.stdout.buffer
        self.mark = 0

    def blob(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.mark += 1
        self.f.write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)))
        self.f.write(data)
        self.f.write(b"\n")
        return self.mark

    def raw(self, s):
        self.f.write(s.encode() if isinstance(s, str) else s)

    def data(self, s):
        b = s.encode()
        self.f.write(b"data %d\n" % len(b))
        self.f.write(b)
        self.f.write(b"\n")


# ---- the plan's files ------------------------------------------------------


def index_md(p, g):
    y0, n = p["first_year"], p["years"]
    reports = []
    for y in range(y0, y0 + n):
        reports.append('  - name: "Báo cáo 6 tháng năm %d"\n    due: "15/06/%d"\n' % (y, y))
        reports.append('  - name: "Báo cáo năm %d"\n    due: "15/11/%d"\n' % (y, y))
    fm = ("---\n"
          'title: "Kế hoạch thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” trên địa bàn tỉnh Lạng Sơn giai đoạn %d - %d"\n'
          'short_title: "Đời sống văn hóa Lạng Sơn %d-%d"\n'
          'district: "Bắc Sơn"\n'
          'province: "Lạng Sơn"\n'
          'year: "%d"\n'
          'issuer: "Ban Chỉ đạo Phong trào tỉnh Lạng Sơn"\n'
          'number: "Số: 15/KH-BCĐ"\n'
          'doc_type: "Kế hoạch"\n'
          "reports:\n%s"
          "---\n\n") % (y0, y0 + n - 1, y0, y0 + n - 1, y0, "".join(reports))
    return fm + g.body(250, 0)


def section_md(g, spec, weight, communes, nwords):
    slug, title, numeral, extra = spec
    if extra == "{{table communes}}" and not communes:
        extra = None
    fm = ('---\ntitle: "%s"\nnumeral: "%s"\nheading: "%s. %s"\nweight: %d\n---\n\n'
          % (title, numeral, numeral, title.upper(), weight))
    return fm + g.body(nwords, communes, extra)


def post_md(g, title, date_text, nwords, communes):
    fm = '---\ntitle: "%s"\ndate: "%s"\n---\n\n' % (title, date_text)
    return fm + g.body(nwords, communes)


class Indicators:
    HEAD = "id,name,unit,baseline,target,result,as_of,direction,note,source"

    def __init__(self, g, n=12):
        self.rows = []
        for i in range(1, n + 1):
            base = 40 + g.below(50) + g.below(10) / 10
            tgt = min(100.0, base + 1 + g.below(8))
            down = i % 7 == 0
            if down:
                base, tgt = 100 - base, max(0.0, 100 - tgt)
            self.rows.append([str(i), "Tỷ lệ " + " ".join(g.words(6 + g.below(6))), "%",
                              vn_num(base, 1), vn_num(tgt, 1), "", "",
                              "down" if down else "up", "", "Kế hoạch, mục II"])
        # indicator 3's target is text, as in the real plan
        self.rows[2][4] = "(nâng 02 chỉ tiêu trong 9 tiêu chí)"

    def text(self):
        return self.HEAD + "\n" + "\n".join(csv_row(r) for r in self.rows) + "\n"


class Tasks:
    HEAD = "id,title,lead,partners,timeframe,status,progress,note"

    def __init__(self, g, n=40):
        self.rows = []
        for i in range(1, n + 1):
            partners = ";".join(g.pick(LEADS) for _ in range(1 + g.below(3)))
            self.rows.append([str(i), g.sentence(12 + g.below(20))[:-1], g.pick(LEADS),
                              partners, g.pick(["Cả năm", "Quý I", "Quý II", "Quý III", "Quý IV"]),
                              "Chưa thực hiện", "0", ""])

    def text(self):
        return self.HEAD + "\n" + "\n".join(csv_row(r) for r in self.rows) + "\n"


class Communes:
    HEAD = "id,commune,indicator,baseline,target,result,as_of"

    def __init__(self, g, n):
        names, seen = [], set()
        while len(names) < n:
            nm = g.pick(NAME_A) + " " + g.pick(NAME_B)
            if nm not in seen:
                seen.add(nm)
                names.append(("Thị trấn " if len(names) % 25 == 0 else "Xã ") + nm)
        self.vals = []   # per row: [base, target, result, decimals]
        self.cells = []  # per row: list of text cells
        self.lines = []  # per row: the CSV line
        for c in range(n):
            for k, (ind, unit, (lo, hi), pct) in enumerate(COMMUNE_INDICATORS):
                base = lo + g.r() * (hi - lo)
                dec = 1 if pct else 0
                tgt = min(100.0, base * 1.08) if pct else base * 1.2
                cells = ["%03d-%d" % (c + 1, k + 1), names[c], ind,
                         vn_num(base, dec), vn_num(tgt, dec), "", ""]
                self.vals.append([base, tgt, base, dec, pct])
                self.cells.append(cells)
                self.lines.append(csv_row(cells))
        self.names = names

    def update(self, g, row, date_text):
        v = self.vals[row]
        step = (g.r() - 0.3) * (2.0 if v[4] else v[0] * 0.03 + 1)
        v[2] = max(0.0, v[2] + step)
        if v[4]:
            v[2] = min(100.0, v[2])
        self.cells[row][5] = vn_num(v[2], v[3])
        self.cells[row][6] = date_text
        self.lines[row] = csv_row(self.cells[row])

    def revise(self, g, row):
        v = self.vals[row]
        v[1] = v[1] * (0.97 + g.r() * 0.06)
        if v[4]:
            v[1] = min(100.0, v[1])
        self.cells[row][4] = vn_num(v[1], v[3])
        self.lines[row] = csv_row(self.cells[row])

    def text(self):
        return self.HEAD + "\n" + "\n".join(self.lines) + "\n"


# ---- the history -----------------------------------------------------------


def post_slug(i):
    return "%05d-ban-tin" % i


def plan_history(p):
    """What each commit changes, decided up front by one generator so that
    the blob passes below can run file by file."""
    g = Gen(1)
    n = p["commits"]
    t0 = epoch(p["first_year"], 1, 2)
    t1 = epoch(p["first_year"] + p["years"] - 1, 12, 30, 17)
    step = (t1 - t0) // max(1, n)
    people = [g.person() for _ in range(6)]
    commits = []
    posts_left = p["posts"]
    for i in range(n):
        t = t0 + i * step + g.below(step // 2) if n > 1 else t1
        c = {"time": t, "author": people[g.below(len(people))], "do": []}
        if i == 0:
            c["do"].append(("init",))
            if n == 1:
                c["do"].append(("posts", posts_left))
                posts_left = 0
        else:
            if p["communes"] and i % 2 == 0:
                c["do"].append(("communes", 1 + g.below(8),
                                g.below(97) == 0))  # sometimes a target too
            if i % 4 == 1 and posts_left > 0:
                c["do"].append(("post",))
                posts_left -= 1
            if i % 4 == 3:
                k = g.below(100)
                if k < 55:
                    c["do"].append(("indicator", g.below(25) == 0))
                elif k < 85:
                    c["do"].append(("task",))
                elif k < 97:
                    c["do"].append(("post-edit",))
                else:
                    c["do"].append(("section",))
            if not c["do"]:
                c["do"].append(("task",))
        commits.append(c)
    # Whatever posts the schedule could not place go into the last commit.
    if posts_left:
        commits[-1]["do"].append(("posts", posts_left))
    return commits


def email(person):
    import unicodedata
    s = unicodedata.normalize("NFD", person.replace("Đ", "D").replace("đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return s.replace(" ", ".") + "@langson.gov.vn"


def generate(name):
    p = PRESETS[name]
    commits = plan_history(p)
    out = Out()
    out.raw("feature done\n")
    files = [dict() for _ in commits]   # per commit: path -> mark
    msgs = [[] for _ in commits]        # per commit: message lines

    # communes.csv: one delta chain
    if p["communes"]:
        g = Gen(2)
        cm = Communes(g, p["communes"])
        for i, c in enumerate(commits):
            for d in c["do"]:
                if d[0] == "init":
                    files[i]["data/communes.csv"] = out.blob(cm.text())
                elif d[0] == "communes":
                    date = ddmmyyyy(c["time"])
                    rows = [g.below(len(cm.lines)) for _ in range(d[1])]
                    for r in rows:
                        cm.update(g, r, date)
                    if d[2]:
                        cm.revise(g, rows[0])
                        msgs[i].append("Điều chỉnh chỉ tiêu %s" % cm.cells[rows[0]][0])
                    files[i]["data/communes.csv"] = out.blob(cm.text())
                    msgs[i].append("Cập nhật kết quả %s (%d dòng)"
                                   % (cm.names[rows[0] // 6], d[1]))
    # indicators.csv
    g = Gen(3)
    ind = Indicators(g)
    for i, c in enumerate(commits):
        for d in c["do"]:
            if d[0] == "init":
                files[i]["data/indicators.csv"] = out.blob(ind.text())
            elif d[0] == "indicator":
                row = ind.rows[g.below(len(ind.rows))]
                row[5] = vn_num(30 + g.below(70) + g.below(10) / 10, 1)
                row[6] = ddmmyyyy(c["time"])
                msg = "Cập nhật kết quả chỉ tiêu %s" % row[0]
                if d[1] and row[0] != "3":
                    row[4] = vn_num(50 + g.below(50), 0)
                    msg = "Điều chỉnh chỉ tiêu %s theo nghị quyết" % row[0]
                files[i]["data/indicators.csv"] = out.blob(ind.text())
                msgs[i].append(msg)
    # tasks.csv
    g = Gen(4)
    tasks = Tasks(g)
    for i, c in enumerate(commits):
        for d in c["do"]:
            if d[0] == "init":
                files[i]["data/tasks.csv"] = out.blob(tasks.text())
            elif d[0] == "task":
                row = tasks.rows[g.below(len(tasks.rows))]
                prog = min(100, int(row[6]) + 5 + g.below(20))
                row[6] = str(prog)
                row[5] = g.pick(STATUSES[4:] if prog == 100 else STATUSES[2:4])
                if g.below(3) == 0:
                    row[7] = g.sentence(6 + g.below(8))
                files[i]["data/tasks.csv"] = out.blob(tasks.text())
                msgs[i].append("Cập nhật tiến độ nhiệm vụ %s: %d%%" % (row[0], prog))
    # content: the index, sections, posts
    g = Gen(5)
    ncom = p["communes"]
    posts = []  # (path, title, date)
    texts = {}  # path -> current text, for edits
    for i, c in enumerate(commits):
        for d in c["do"]:
            if d[0] == "init":
                files[i]["content/_index.md"] = out.blob(index_md(p, g))
                for w, spec in enumerate(SECTIONS):
                    path = "content/%s.md" % spec[0]
                    texts[path] = section_md(g, spec, w + 1, ncom, 300)
                    files[i][path] = out.blob(texts[path])
                msgs[i].append("Kế hoạch thực hiện Phong trào")
            elif d[0] == "section":
                w = g.below(len(SECTIONS))
                path = "content/%s.md" % SECTIONS[w][0]
                texts[path] = g.edit(texts[path])
                files[i][path] = out.blob(texts[path])
                msgs[i].append("Sửa mục %s" % SECTIONS[w][2])
            elif d[0] in ("post", "posts"):
                for k in range(1 if d[0] == "post" else d[1]):
                    if d[0] == "posts" and len(commits) == 1:
                        # no history: spread the dates over the years
                        t = epoch(p["first_year"], 1, 1) + k * (
                            p["years"] * 365 * 86400 // max(1, d[1]))
                    else:
                        t = c["time"]
                    path = "content/posts/%s.md" % post_slug(len(posts) + 1)
                    title = g.title()
                    posts.append((path, title, ddmmyyyy(t)))
                    text = post_md(g, title, ddmmyyyy(t), p["words"], ncom)
                    texts[path] = text
                    files[i][path] = out.blob(text)
                    if k == 0:
                        msgs[i].append("Đăng tin: %s" % title)
            elif d[0] == "post-edit" and posts:
                path, title, date = posts[g.below(len(posts))]
                texts[path] = g.edit(texts[path])
                files[i][path] = out.blob(texts[path])
                msgs[i].append("Sửa tin: %s" % title)
            elif d[0] == "post-edit":
                msgs[i].append("Sửa tin (không có tin)")

    # the commits, then the tags
    out.raw("reset refs/heads/main\n")
    commit_marks = []
    for i, c in enumerate(commits):
        out.mark += 1
        commit_marks.append(out.mark)
        who = "%s <%s> %d %s" % (c["author"], email(c["author"]), c["time"], TZ_TEXT)
        out.raw("commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n"
                % (out.mark, who, who))
        out.data("\n".join(msgs[i] or ["Cập nhật"]) + "\n")
        for path in sorted(files[i]):
            out.raw("M 100644 :%d %s\n" % (files[i][path], path))
        out.raw("\n")
    if p["tag_every"]:
        for k, i in enumerate(range(p["tag_every"] // 2, len(commits), p["tag_every"])):
            c = commits[i]
            year = int(ddmmyyyy(c["time"])[6:])
            out.raw("tag kh-%d-%02d\nfrom :%d\ntagger Văn phòng UBND tỉnh <vanphong@langson.gov.vn> %d %s\n"
                    % (year, k + 1, commit_marks[i], c["time"] + 3600, TZ_TEXT))
            out.data("Số: %d/KH-UBND ngày %s\n\nKế hoạch điều chỉnh lần %d.\n"
                     % (10 + k * 7, ddmmyyyy(c["time"]), k + 1))
    out.raw("done\n")
    state = {"communes": cm if p["communes"] else None, "posts": posts,
             "texts": texts,
             "last": commits[-1]["time"]}
    return state


def write_next(st, path):
    """One more commit on refs/heads/main, for the rebuild test: one
    commune's result changed (province) or one page changed (pages)."""
    out = Out()
    out.f = open(path, "wb")
    out.raw("feature done\n")
    g = Gen(6)
    t = st["last"] + 3600
    who = "Bench <bench@example.org> %d %s" % (t, TZ_TEXT)
    out.raw("commit refs/heads/main\nauthor %s\ncommitter %s\n" % (who, who))
    if st["communes"]:
        cm = st["communes"]
        cm.update(g, 7, ddmmyyyy(t))
        out.data("Cập nhật một kết quả\n")
        out.raw("from refs/heads/main^0\nM 100644 inline data/communes.csv\n")
        out.data(cm.text())
    else:
        path, title, date = st["posts"][len(st["posts"]) // 2]
        out.data("Sửa một trang\n")
        out.raw("from refs/heads/main^0\nM 100644 inline %s\n" % path)
        out.data(g.edit(st["texts"][path]))
    out.raw("\ndone\n")
    out.f.close()


def main():
    args = sys.argv[1:]
    if len(args) != 2 or args[0] not in PRESETS:
        sys.stderr.write("usage: gen.py {%s} NEXT.fi > STREAM.fi\n"
                         % ",".join(PRESETS))
        return 2
    st = generate(args[0])
    sys.stdout.buffer.flush()
    write_next(st, args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
