"""HTML pages -> article, headline, date, outlet, url: pages written here, with the furniture real
news pages carry (menus, tickers, related headlines, footers, a wrapping ASP.NET <form>)."""
import json
import subprocess
import sys

import pytest

from astana_cli.ingest import html as H
from astana_cli.ingest.decode import BadFile

BODY = [
    "قال المتحدث باسم الوفد إن الجولة الجديدة من المحادثات بدأت صباح اليوم في العاصمة الكازاخية بحضور الدول الضامنة.",
    "وأضاف أن الوفود ناقشت ملف المعتقلين وتثبيت وقف إطلاق النار في المناطق الأربع، وأن الاجتماعات ستستمر يومين.",
    "وختم بالقول إن البيان الختامي سيصدر مساء الغد بعد اجتماع مغلق لرؤساء الوفود في الفندق.",
]
RELATED = ["انخفاض أسعار الذهب في الأسواق المحلية", "فوز الفريق المحلي في مباراة الأمس"]


def page(*, head="", before="", after="", wrap=("", ""), h1="وفود الدول الضامنة تصل إلى أستانا",
         charset="utf-8", paragraphs=BODY) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}">{head}</head>
<body>{wrap[0]}
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/economy">اقتصاد</a></li></ul></nav>
<div class="ticker"><a href="/x/1">{RELATED[0]}</a></div></header>
<main><article>{before}<h1>{h1}</h1>
<div class="article-body">{body}</div>{after}</article>
<aside class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/x/2">{RELATED[1]}</a></li></ul></aside></main>
<footer><p>جميع الحقوق محفوظة لموقع الأخبار 2018</p><a href="/privacy">سياسة الخصوصية</a></footer>
{wrap[1]}</body></html>"""


def test_the_body_is_the_article_without_menus_tickers_related_links_or_footer():
    p = H.extract(page())
    for para in BODY:
        assert para in p.text
    for junk in ["الرئيسية", "رياضة", *RELATED, "جميع الحقوق محفوظة", "سياسة الخصوصية"]:
        assert junk not in p.text
    assert p.title == "وفود الدول الضامنة تصل إلى أستانا"


def test_an_aspnet_form_wrapping_the_whole_page_does_not_lose_the_article():
    p = H.extract(page(wrap=('<form method="post" action="./news.aspx?id=5" id="form1">'
                             '<input type="hidden" name="__VIEWSTATE" value="abc"/>', "</form>")))
    assert BODY[0] in p.text and BODY[-1] in p.text


def test_a_body_div_whose_class_says_share_is_still_read():
    markup = page().replace('class="article-body"', 'class="entry-content share-buttons-enabled"')
    assert BODY[1] in H.extract(markup).text


META = """<title>وفود الدول الضامنة تصل إلى أستانا - شبكة الأخبار</title>
<meta property="og:title" content="وفود الدول الضامنة تصل إلى أستانا - شبكة الأخبار">
<meta property="og:site_name" content="شبكة الأخبار">
<meta property="og:url" content="https://news.example.org/2018/05/14/delegations">
<link rel="canonical" href="https://news.example.org/story/1234">
<meta property="article:published_time" content="2018-05-13T22:30:00+00:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "وفود الدول الضامنة تصل إلى أستانا", "datePublished": "2018-05-14T01:30:00+03:00",
 "publisher": {"@type": "Organization", "name": "News Network"}}</script>"""


def test_meta_tags_and_json_ld_give_title_outlet_url_and_the_local_date():
    p = H.extract(page(head=META))
    assert p.title == "وفود الدول الضامنة تصل إلى أستانا"  # the site's name cut off
    assert p.outlet == "شبكة الأخبار"  # og:site_name, in Arabic script
    assert p.url == "https://news.example.org/story/1234"  # canonical before og:url
    # the UTC stamp says the 13th; the outlet's own clock (JSON-LD, +03:00) the 14th
    assert p.published == "2018-05-14"


def test_without_site_name_the_outlet_is_what_the_title_adds_to_the_headline():
    head = ("<title>وفود الدول الضامنة تصل إلى أستانا | وكالة الأنباء المحلية</title>"
            '<meta property="og:url" content="https://10.0.0.7/story/9">')
    p = H.extract(page(head=head))
    assert p.outlet == "وكالة الأنباء المحلية"
    assert p.title == "وفود الدول الضامنة تصل إلى أستانا"
    assert p.url is None  # an address on a bare IP is not the article's


def test_the_date_written_under_the_headline_when_the_metadata_has_none():
    before = '<div class="crumbs">سياسة</div>'
    after_h1 = '<div class="date">الجمعة 8 فيفري 2019 - آخر تحديث 10:20 (GMT+0100)</div>'
    markup = page(before=before).replace("</h1>", "</h1>" + after_h1)
    assert H.extract(markup).published == "2019-02-08"


def test_a_second_h1_with_the_logo_is_not_the_title():
    markup = page(head="<title>وفود الدول الضامنة تصل إلى أستانا - الموقع</title>").replace(
        "<header>", "<header><h1>الموقع</h1>")
    assert H.extract(markup).title == "وفود الدول الضامنة تصل إلى أستانا"


def test_a_lead_the_extractor_drops_is_put_back_from_the_description():
    lead = "أعلنت وزارة الخارجية الكازاخية اليوم موعد الجولة المقبلة من محادثات أستانا بشأن سوريا في منتصف الشهر."
    head = f'<meta property="og:description" content="{lead[:70]}...">'
    markup = page(head=head).replace('<div class="article-body">',
                                     f'<div itemprop="description" class="lead"><p>{lead}</p></div><div class="article-body">')
    text = H.extract(markup).text
    assert lead in text and text.index(lead) < text.index(BODY[0])


def test_a_page_without_article_text_is_refused():
    with pytest.raises(BadFile, match="no article text"):
        H.extract("<html><script>var x = 1;</script><nav>قائمة</nav></html>")


# --- charset -------------------------------------------------------------------------------------


def test_a_windows_1256_page_is_read_by_its_declared_charset():
    markup = page(charset="windows-1256", head=META)
    raw = markup.encode("cp1256", errors="xmlcharrefreplace")
    text = H.decode_html(raw)
    assert text == markup
    assert BODY[0] in H.extract(text).text


def test_http_equiv_charset_and_a_header_charset_are_honoured():
    markup = page().replace('<meta charset="utf-8">',
                            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    raw = markup.encode("cp1256", errors="xmlcharrefreplace")
    assert H.decode_html(raw) == markup
    bare = page().replace('<meta charset="utf-8">', "").encode("cp1256")
    assert H.decode_html(bare, header="text/html; charset=windows-1256") == page().replace('<meta charset="utf-8">', "")


def test_a_bom_wins_over_a_wrong_declaration_and_latin_1_labels_on_utf8_are_read_as_utf8():
    markup = page(charset="windows-1256")
    assert H.decode_html(b"\xef\xbb\xbf" + markup.encode("utf-8")) == markup
    mislabelled = page(charset="iso-8859-1")
    assert H.decode_html(mislabelled.encode("utf-8")) == mislabelled


# --- through the command -------------------------------------------------------------------------


def test_ingest_stores_the_page_with_its_metadata(run, tmp_path):
    (tmp_path / "story.html").write_bytes(page(head=META, charset="windows-1256").encode("cp1256", "xmlcharrefreplace"))
    r = run("ingest", tmp_path)
    assert r.exit_code == 0, r.output
    rec = json.loads(run("articles", "--format", "json").stdout)[0]
    assert (rec["title"], rec["published"], rec["source"], rec["url"]) == (
        "وفود الدول الضامنة تصل إلى أستانا", "2018-05-14", "شبكة الأخبار", "https://news.example.org/story/1234")
    shown = json.loads(run("show", "story.html", "--format", "json").stdout)[0]
    assert BODY[2] in shown["text"] and RELATED[1] not in shown["text"]


def test_the_help_does_not_load_the_html_extractor():
    code = ("import sys; from astana_cli import cli\n"
            "try:\n    cli.app(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('trafilatura' in sys.modules, 'lxml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False False"


COMMENT_SECTION = [
    "يسعدنا أن نقرأ آراءكم، وتخضع التعليقات للمراجعة قبل نشرها وفق سياسة الموقع.",
    "التعليقات المنشورة أدناه لا تعبر عن رأي الصحيفة وإنما عن آراء كاتبيها.",
]


@pytest.mark.parametrize("section", [COMMENT_SECTION, COMMENT_SECTION[1:]], ids=["policy and disclaimer", "disclaimer"])
def test_the_comment_section_after_the_article_is_not_article_text(section):
    p = H.extract(page(paragraphs=BODY + section))
    assert all(para in p.text for para in BODY)
    assert not any(line in p.text for line in section)


def test_a_claim_that_something_is_not_a_view_is_article_text():
    said = "وقال المتحدث إن هذه التصريحات لا تعبر عن رأي الحكومة، بل عن رأي قائلها وحده."
    p = H.extract(page(paragraphs=BODY[:2] + [said] + BODY[2:]))
    assert said in p.text and BODY[2] in p.text
