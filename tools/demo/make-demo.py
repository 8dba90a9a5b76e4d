#!/usr/bin/env python3
"""A demonstration plan repository spanning two plan years.

    make-demo.py DIR

Makes DIR (which must not exist) a git repository holding the Bắc Sơn
2024 plan of this repository (content/, data/), a year of updates, an
official revision, the 2025 plan that replaces it, and the commune merger
of 1/7/2025, each as a clerk would commit it, with fixed author,
committer and tagger dates, so that the same script gives the same commit
ids on every machine.  `make demo` builds its site.

The plan's text is the official one; the results, the 2025 targets, the
communes' codes and figures and the news are illustrative, made for the
demonstration, and the site says nothing else about them.

Only the standard library and the git command line are used: this is a
tool that makes test data, not part of ssg (which reads git through
libgit2 and never runs git).
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

OFFICE = ("Phòng Văn hóa và Thông tin huyện Bắc Sơn", "pvhtt@bacson.example")
COMMUNE = ("Văn phòng UBND xã Bắc Sơn", "vanphong@xabacson.example")


class Repo:
    def __init__(self, path):
        self.path = path
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("GIT_"):
                del env[k]
        env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
                   LC_ALL="C.UTF-8", TZ="UTC")
        self.env = env
        os.makedirs(path)
        self.git("init", "-q", "-b", "main")

    def git(self, *args, env=None):
        subprocess.run(["git", "-C", self.path, *args], check=True,
                       env=env or self.env)

    def file(self, rel):
        return os.path.join(self.path, rel)

    def read(self, rel):
        with open(self.file(rel), encoding="utf-8") as f:
            return f.read()

    def write(self, rel, text):
        os.makedirs(os.path.dirname(self.file(rel)), exist_ok=True)
        with open(self.file(rel), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    def commit(self, date, message, who=OFFICE):
        env = dict(self.env, GIT_AUTHOR_NAME=who[0], GIT_AUTHOR_EMAIL=who[1],
                   GIT_COMMITTER_NAME=who[0], GIT_COMMITTER_EMAIL=who[1],
                   GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        self.git("add", "-A", env=env)
        self.git("commit", "-q", "-m", message, env=env)

    def tag(self, name, date, message, who=OFFICE):
        env = dict(self.env, GIT_COMMITTER_NAME=who[0],
                   GIT_COMMITTER_EMAIL=who[1], GIT_COMMITTER_DATE=date)
        self.git("tag", "-a", name, "-m", message, env=env)


# ---- tables -------------------------------------------------------------

def read_table(repo, rel):
    rows = list(csv.DictReader(io.StringIO(repo.read(rel))))
    return rows


def write_table(repo, rel, header, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n",
                       extrasaction="raise")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in header})
    repo.write(rel, out.getvalue())


def set_cells(repo, rel, key, updates):
    """updates: {id: {column: value}}; other cells are kept."""
    text = repo.read(rel)
    header = next(csv.reader(io.StringIO(text)))
    rows = read_table(repo, rel)
    for r in rows:
        for col, val in updates.get(r[key], {}).items():
            r[col] = val
    write_table(repo, rel, header, rows)


def set_field_titles(repo, table, titles, table_title=None):
    path = "data/datapackage.json"
    pkg = json.loads(repo.read(path))
    for res in pkg["resources"]:
        if res["name"] != table:
            continue
        if table_title:
            res["title"] = table_title
        for f in res["schema"]["fields"]:
            if f["name"] in titles:
                f["title"] = titles[f["name"]]
    repo.write(path, json.dumps(pkg, ensure_ascii=False, indent=2) + "\n")


def replace_in(repo, rel, pairs):
    text = repo.read(rel)
    for old, new in pairs:
        text = text.replace(old, new)
    repo.write(rel, text)


# ---- the communes (illustrative codes and figures) ----------------------

COMMUNE_HEADER = ["id", "name", "gia_dinh_van_hoa", "thon_van_hoa"]
COMMUNES_2024 = [
    ("06253", "Thị trấn Bắc Sơn", "86,5", "85"),
    ("06256", "Xã Long Đống", "88,1", "90"),
    ("06259", "Xã Hữu Vĩnh", "84,7", "83,3"),
    ("06262", "Xã Vũ Sơn", "89,9", "91,7"),
    ("06265", "Xã Chiêu Vũ", "87", "88,9"),
    ("06268", "Xã Tân Tri", "85,2", "86,7"),
]


def communes_package(repo):
    path = "data/datapackage.json"
    pkg = json.loads(repo.read(path))
    pkg["resources"].append({
        "name": "communes",
        "path": "communes.csv",
        "profile": "tabular-data-resource",
        "title": "Kết quả theo xã, thị trấn",
        "description": "Tỷ lệ gia đình văn hóa và thôn, tổ dân phố văn hóa "
                       "của từng xã, thị trấn (số liệu minh họa).",
        "format": "csv",
        "encoding": "utf-8",
        "schema": {
            "primaryKey": ["id"],
            "fields": [
                {"name": "id", "title": "Mã đơn vị hành chính",
                 "type": "string"},
                {"name": "name", "title": "Đơn vị", "type": "string"},
                {"name": "gia_dinh_van_hoa",
                 "title": "Tỷ lệ gia đình văn hóa", "type": "number",
                 "unit": "%"},
                {"name": "thon_van_hoa",
                 "title": "Tỷ lệ thôn, tổ dân phố văn hóa",
                 "type": "number", "unit": "%"},
                {"name": "replaces", "title": "Thay thế các đơn vị",
                 "type": "string",
                 "description": "Mã các đơn vị cũ được sắp xếp vào đơn vị "
                                "này, cách nhau bởi dấu chấm phẩy."},
            ],
        },
    })
    repo.write(path, json.dumps(pkg, ensure_ascii=False, indent=2) + "\n")


def post(repo, slug, title, date, body):
    repo.write(f"content/posts/{slug}.md",
               f'---\ntitle: "{title}"\ndate: "{date}"\n---\n\n{body}\n')


# ---- the story ----------------------------------------------------------

def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-demo.py DIR")
    dest = sys.argv[1]
    if os.path.exists(dest):
        sys.exit(f"make-demo.py: {dest} exists; remove it first")
    r = Repo(dest)

    # 2024: the plan as issued, with a table of the communes' results.
    shutil.copytree(os.path.join(ROOT, "content"), r.file("content"))
    shutil.copytree(os.path.join(ROOT, "data"), r.file("data"))
    r.write(".gitignore", "/public/\n")
    write_table(r, "data/communes.csv", COMMUNE_HEADER,
                [dict(zip(COMMUNE_HEADER, c)) for c in COMMUNES_2024])
    communes_package(r)
    r.commit("2024-03-04T09:00:00+07:00", "Ban hành Kế hoạch năm 2024")
    r.tag("ke-hoach-2024", "2024-03-05T08:00:00+07:00",
          "Kế hoạch số 15/KH-BCĐ năm 2024\n\nBản Ban Chỉ đạo huyện ký ban hành.")

    # Six months of results, reported before the 15/06 deadline.
    set_cells(r, "data/indicators.csv", "id", {
        "1": {"result": "65,8", "as_of": "10/06/2024"},
        "2": {"result": "75", "as_of": "10/06/2024"},
        "3": {"result": "100", "as_of": "10/06/2024"},
        "5": {"result": "88,4", "as_of": "10/06/2024"},
        "6": {"result": "88,7", "as_of": "10/06/2024"},
        "9": {"result": "48,3", "as_of": "10/06/2024"},
    })
    set_cells(r, "data/tasks.csv", "id", {
        "1": {"status": "Đang thực hiện", "progress": "50"},
        "2": {"status": "Đang thực hiện", "progress": "40"},
        "3": {"status": "Hoàn thành", "progress": "100"},
    })
    set_cells(r, "data/communes.csv", "id", {
        "06253": {"gia_dinh_van_hoa": "87,1"},
        "06259": {"gia_dinh_van_hoa": "85,6"},
    })
    r.commit("2024-06-12T16:30:00+07:00",
             "Cập nhật kết quả 6 tháng đầu năm 2024\n\n"
             "Số liệu theo báo cáo của Ban Chỉ đạo các xã, thị trấn.")
    post(r, "so-ket-6-thang-2024", "Sơ kết 6 tháng đầu năm 2024",
         "20/06/2024",
         "Ban Chỉ đạo huyện sơ kết 6 tháng thực hiện Phong trào. "
         "Các chỉ tiêu cơ bản đúng tiến độ (nội dung minh họa).")
    r.commit("2024-06-20T10:00:00+07:00", "Tin sơ kết 6 tháng")

    # A target revised after publication: an official revision.
    set_cells(r, "data/indicators.csv", "id", {"5": {"target": "89"}})
    r.commit("2024-07-08T09:00:00+07:00",
             "Điều chỉnh chỉ tiêu gia đình văn hóa năm 2024\n\n"
             "Theo Nghị quyết của HĐND huyện kỳ họp giữa năm "
             "(nội dung minh họa).")
    r.tag("ke-hoach-2024-dieu-chinh", "2024-07-10T08:00:00+07:00",
          "Kế hoạch số 15/KH-BCĐ, điều chỉnh lần 1")

    # The year's results, before the 15/11 deadline.
    set_cells(r, "data/indicators.csv", "id", {
        "1": {"result": "66,2", "as_of": "08/11/2024"},
        "2": {"result": "77,7", "as_of": "08/11/2024"},
        "3": {"result": "100", "as_of": "08/11/2024"},
        "4": {"result": "99,32", "as_of": "08/11/2024"},
        "5": {"result": "89,1", "as_of": "08/11/2024"},
        "6": {"result": "89,2", "as_of": "08/11/2024"},
        "7": {"result": "Nâng 01 chỉ tiêu", "as_of": "08/11/2024"},
        "8": {"result": "99", "as_of": "08/11/2024"},
        "9": {"result": "48,7", "as_of": "08/11/2024"},
    })
    set_cells(r, "data/tasks.csv", "id", {
        str(i): {"status": "Hoàn thành", "progress": "100"}
        for i in range(1, 11)
    })
    set_cells(r, "data/communes.csv", "id", {
        "06253": {"gia_dinh_van_hoa": "88", "thon_van_hoa": "86,7"},
        "06256": {"gia_dinh_van_hoa": "89,4"},
        "06259": {"gia_dinh_van_hoa": "86,3", "thon_van_hoa": "85"},
        "06262": {"gia_dinh_van_hoa": "90,8"},
        "06265": {"gia_dinh_van_hoa": "88,2", "thon_van_hoa": "90,5"},
        "06268": {"gia_dinh_van_hoa": "86,9"},
    })
    r.commit("2024-11-08T15:00:00+07:00", "Cập nhật kết quả cả năm 2024")

    # 2025: a new plan, not a revision.  Baselines are 2024's results.
    for rel in sorted(os.listdir(r.file("content"))):
        if rel.endswith(".md"):
            replace_in(r, f"content/{rel}",
                       [("năm 2024", "năm 2025"), ("năm 2023", "năm 2024"),
                        ("Bắc Sơn 2024", "Bắc Sơn 2025"),
                        ('year: "2024"', 'year: "2025"'),
                        ("/06/2024", "/06/2025"), ("/11/2024", "/11/2025")])
    rows = read_table(r, "data/indicators.csv")
    targets = {"1": "67", "2": "80", "3": "100", "4": "99,5", "5": "90",
               "6": "90", "7": "(nâng 01 chỉ tiêu trong 9 tiêu chí)",
               "8": "99,2", "9": "50"}
    for row in rows:
        res = row["result"]
        row["baseline"] = res if res and res[0].isdigit() else row["baseline"]
        row["target"] = targets[row["id"]]
        row["result"] = ""
        row["as_of"] = ""
        row["source"] = "Kế hoạch năm 2025, mục II"
    write_table(r, "data/indicators.csv", list(rows[0].keys()), rows)
    set_cells(r, "data/tasks.csv", "id", {
        str(i): {"status": "", "progress": "",
                 "timeframe": "Cả năm 2025"} for i in range(1, 11)
    })
    set_field_titles(r, "indicators", {"baseline": "Kết quả năm 2024",
                                       "target": "Kế hoạch năm 2025"},
                     "Các chỉ tiêu phần đầu trong năm 2025")
    r.commit("2025-03-03T09:00:00+07:00", "Ban hành Kế hoạch năm 2025")
    r.tag("ke-hoach-2025", "2025-03-04T08:00:00+07:00",
          "Kế hoạch số 21/KH-BCĐ năm 2025")

    set_cells(r, "data/indicators.csv", "id", {
        "1": {"result": "66,6", "as_of": "10/06/2025"},
        "5": {"result": "89,4", "as_of": "10/06/2025"},
        "9": {"result": "49", "as_of": "10/06/2025"},
    })
    r.commit("2025-06-11T16:00:00+07:00",
             "Cập nhật kết quả 6 tháng đầu năm 2025")

    # 1/7/2025: districts abolished, communes merged.  The new commune
    # names the codes it replaces.
    header = COMMUNE_HEADER + ["replaces"]
    rows = read_table(r, "data/communes.csv")
    gone = {"06253", "06256", "06259"}
    kept = [row for row in rows if row["id"] not in gone]
    merged = {"id": "26001", "name": "Xã Bắc Sơn",
              "gia_dinh_van_hoa": "87,9", "thon_van_hoa": "87,2",
              "replaces": "06253;06256;06259"}
    write_table(r, "data/communes.csv", header, [merged] + kept)
    r.commit("2025-07-01T08:00:00+07:00",
             "Sắp xếp đơn vị hành chính cấp xã từ ngày 01/7/2025\n\n"
             "Thị trấn Bắc Sơn, xã Long Đống và xã Hữu Vĩnh hợp thành "
             "xã Bắc Sơn (mã minh họa 26001).", who=COMMUNE)

    # A 2025 target revised after the 2025 plan was published.
    set_cells(r, "data/indicators.csv", "id", {"9": {"target": "51"}})
    r.commit("2025-08-05T09:00:00+07:00",
             "Điều chỉnh chỉ tiêu tập luyện thể dục thể thao năm 2025\n\n"
             "Theo chỉ đạo của UBND tỉnh sau sắp xếp đơn vị hành chính "
             "(nội dung minh họa).", who=COMMUNE)
    post(r, "sau-sap-xep-2025", "Phong trào sau sắp xếp đơn vị hành chính",
         "06/08/2025",
         "Từ ngày 01/7/2025, xã Bắc Sơn mới tiếp tục thực hiện Kế hoạch "
         "năm 2025 (nội dung minh họa).")
    r.commit("2025-08-06T10:00:00+07:00", "Tin sau sắp xếp", who=COMMUNE)


if __name__ == "__main__":
    main()
