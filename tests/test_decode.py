"""Reading files: encodings are detected, never guessed into mojibake; HTML loses its furniture."""
import pytest

from astana_cli.ingest import BadFile, decode, html_to_text

ARTICLE = "قال المبعوث الأممي إن جولة أستانة السادسة «بدأت اليوم» في 15 أيلول.\nوأضاف أن الوفود وصلت."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_every_supported_encoding_reads_back_the_same_text(encoding):
    raw = ARTICLE.encode(encoding)
    assert decode(raw) == ARTICLE


def test_windows_1256_is_not_taken_for_latin_1():
    raw = "وقف إطلاق النار في إدلب".encode("cp1256")
    assert decode(raw) == "وقف إطلاق النار في إدلب"


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (bytes(range(256)) * 20, "binary"),
    ("وقف إطلاق النار".encode("utf-8")[:-1], "UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
])
def test_bad_bytes_are_refused_with_a_reason(raw, reason):
    with pytest.raises(BadFile, match=reason):
        decode(raw)


def test_html_keeps_the_article_and_drops_the_page_furniture():
    page = """<html><head><title>وقف النار | موقع الأخبار</title><script>var x = "لا";</script></head>
    <body><nav><a href="/">الرئيسية</a></nav>
    <h1>الدول الضامنة تجتمع في أستانا</h1>
    <div class="article-body"><p>قال المتحدث إن &quot;الجولة&quot; بدأت.</p><p>وأضاف أن الوفود وصلت.</p></div>
    <aside class="related"><h3>اقرأ أيضا</h3><p>خبر آخر لا علاقة له</p></aside>
    <div class="comments">التعليقات</div><footer>جميع الحقوق محفوظة</footer></body></html>"""
    text, title = html_to_text(page)
    assert title == "الدول الضامنة تجتمع في أستانا"
    assert 'قال المتحدث إن "الجولة" بدأت.' in text
    assert "وأضاف أن الوفود وصلت." in text
    for furniture in ("الرئيسية", "خبر آخر", "التعليقات", "جميع الحقوق", "var x"):
        assert furniture not in text
