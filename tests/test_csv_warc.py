"""CSV exports and web archives: files the tests build (warcio writes the WARC records)."""
import csv
import io
import json
import re

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from test_html import BODY, META, page

ONE = "قال رئيس الوفد إن الجولة الجديدة من محادثات أستانا ستبدأ يوم الخميس المقبل بحضور الدول الضامنة."
TWO = "أعلنت وزارة الخارجية الكازاخية أن الوفود ستصل إلى العاصمة مساء الأربعاء للمشاركة في الاجتماعات."


def failures(stderr: str) -> list[str]:
    """The «failed: …» messages (a long one wraps on the terminal: its lines joined again)."""
    unwrapped = re.sub(r" *\n(?!failed: |\d+ added)", " ", stderr.strip())
    return [ln[len("failed: "):] for ln in unwrapped.splitlines() if ln.startswith("failed: ")]


def articles(run):
    return {r["file"]: r for r in json.loads(run("articles", "--format", "json").stdout)}


# --- CSV -----------------------------------------------------------------------------------------


def test_a_csv_export_gives_an_article_a_row_and_a_bad_row_fails_alone(run, tmp_path):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["Headline", "Body", "Date", "URL", "Source", "Tone"])
    w.writerow(["الجولة تبدأ الخميس", ONE, "2018-05-14", "https://a.example/1", "وكالة الأنباء", "0.1"])
    w.writerow(["بلا نص", "", "2018-05-15", "", "", ""])  # row 3: no text
    w.writerow(["وصول الوفود", TWO + "\nوأضافت أن الجلسة الأولى ستكون مغلقة.", "14/05/2018", "", "صحيفة", "0.2"])
    (tmp_path / "export.csv").write_text(out.getvalue(), encoding="utf-8-sig")  # as spreadsheets save it
    r = run("ingest", tmp_path / "export.csv")
    assert r.exit_code == 1
    assert failures(r.stderr) == [f"{tmp_path / 'export.csv'} row 3: empty text (column \"Body\")"]
    assert "2 added, 0 updated, 0 unchanged, 1 failed" in r.stderr
    recs = articles(run)
    assert set(recs) == {"export.csv#2", "export.csv#4"}
    first = recs["export.csv#2"]
    assert (first["title"], first["published"], first["url"], first["outlet"]) == (
        "الجولة تبدأ الخميس", "2018-05-14", "https://a.example/1", "وكالة الأنباء")
    assert recs["export.csv#4"]["published"] == "2018-05-14"
    assert "مغلقة" in json.loads(run("show", "export.csv#4", "--format", "json").stdout)[0]["text"]


def test_semicolons_arabic_headers_and_windows_1256(run, tmp_path):
    (tmp_path / "rasd.csv").write_bytes(f"العنوان;النص;المصدر\nعنوان;{ONE};موقع الرصد\n".encode("cp1256"))
    r = run("ingest", tmp_path)
    assert r.exit_code == 0, r.output
    assert articles(run)["rasd.csv#2"]["outlet"] == "موقع الرصد"


def test_a_csv_without_a_text_column_is_one_clear_line_and_loses_nothing(run, tmp_path):
    (tmp_path / "good.txt").write_text(ONE, encoding="utf-8")
    run("ingest", tmp_path / "good.txt")
    (tmp_path / "numbers.csv").write_text("id,score\n1,2\n", encoding="utf-8")
    r = run("ingest", tmp_path / "numbers.csv")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert failures(r.stderr) == [f"{tmp_path / 'numbers.csv'}: a CSV file needs a header row with a text "
                                  "column (text, body or content; this one has: id, score)"]
    assert set(articles(run)) == {"good.txt"}


def test_a_row_with_more_cells_than_the_header_fails_alone(run, tmp_path):
    (tmp_path / "a.csv").write_text(f"text,title\n{ONE},ok\n{TWO},x,extra\n", encoding="utf-8")
    r = run("ingest", tmp_path / "a.csv")
    assert failures(r.stderr) == [f"{tmp_path / 'a.csv'} row 3: the row has 3 cells, the header 2"]
    assert set(articles(run)) == {"a.csv#2"}


# --- WARC ----------------------------------------------------------------------------------------


def warc(path, records, gz=True):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, body, ctype, status, date in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
            w.write_record(rec)


def test_each_html_response_of_an_archive_is_an_article(run, tmp_path):
    no_meta = page(paragraphs=[ONE, TWO, BODY[2]], h1="وصول الوفود إلى أستانا")
    warc(tmp_path / "crawl.warc.gz", [
        ("https://news.example/a", page(head=META).encode("utf-8"), "text/html; charset=utf-8", "200 OK",
         "2019-03-01T10:00:00Z"),
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png", "200 OK", "2019-03-01T10:00:01Z"),
        ("https://news.example/b", no_meta.replace('charset="utf-8"', "").encode("cp1256"),
         "text/html; charset=windows-1256", "200 OK", "2019-03-02T08:00:00Z"),
        ("https://news.example/old", b"", "text/html", "301 Moved Permanently", "2019-03-02T08:00:01Z"),
        ("https://news.example/empty", b"<html><body><nav>\xd9\x82\xd8\xa7\xd8\xa6\xd9\x85\xd8\xa9</nav></body></html>",
         "text/html", "200 OK", "2019-03-02T08:00:02Z"),
    ])
    r = run("ingest", tmp_path)
    assert r.exit_code == 1
    assert failures(r.stderr) == [f"{tmp_path / 'crawl.warc.gz'} record 5: no article text in the HTML page "
                                  "(https://news.example/empty)"]
    recs = articles(run)
    assert set(recs) == {"crawl.warc.gz#1", "crawl.warc.gz#3"}
    stated, bare = recs["crawl.warc.gz#1"], recs["crawl.warc.gz#3"]
    assert (stated["published"], stated["url"]) == ("2018-05-14", "https://news.example.org/story/1234")
    # the page states no date and no address: the capture's
    assert (bare["published"], bare["url"], bare["title"]) == ("2019-03-02", "https://news.example/b",
                                                                "وصول الوفود إلى أستانا")


def test_a_damaged_archive_keeps_the_records_before_the_damage(run, tmp_path):
    warc(tmp_path / "a.warc", [
        ("https://news.example/a", page().encode("utf-8"), "text/html", "200 OK", "2019-03-01T10:00:00Z"),
        ("https://news.example/b", page(paragraphs=[ONE, TWO]).encode("utf-8"), "text/html", "200 OK",
         "2019-03-01T10:00:00Z"),
    ], gz=False)
    raw = (tmp_path / "a.warc").read_bytes()
    second = raw.index(b"WARC/1.0", 10)
    (tmp_path / "a.warc").write_bytes(raw[:second] + b"WARC/1.0\r\nWARC-Type: respo")  # cut in a header
    r = run("ingest", tmp_path / "a.warc")
    assert r.exit_code == 1 and "Traceback" not in r.output
    [line] = failures(r.stderr)
    assert line.startswith(f"{tmp_path / 'a.warc'} record 2: ")
    assert set(articles(run)) == {"a.warc#1"}


def test_a_file_that_is_no_archive_is_one_line(run, tmp_path):
    (tmp_path / "x.warc").write_bytes(b"this is not an archive\n" * 20)
    r = run("ingest", tmp_path / "x.warc")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert len(failures(r.stderr)) == 1
