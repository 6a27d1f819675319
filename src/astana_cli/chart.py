"""A distribution (``distributions.distribute``) drawn as an SVG or PNG bar chart with matplotlib.

matplotlib is the optional extra ``astana-cli[chart]``, imported only here. Before 3.11 matplotlib
lays text out left to right without joining letters, so every label holding Arabic is shaped
(arabic-reshaper) and put in visual order (python-bidi) first; matplotlib 3.11 and later shape and
order text themselves (libraqm), and a label given to them pre-shaped would come out reversed, so
they get the text as stored. Either way it is drawn with a font that has Arabic letters (the first
of ``FONTS`` installed; DejaVu Sans ships with matplotlib).
"""
from __future__ import annotations

from pathlib import Path

from .errors import AstanaError, BadInput

INSTALL_HINT = "pip install 'astana-cli[chart]'"
FORMATS = (".svg", ".png")
# Arabic-capable families, best first; DejaVu Sans (matplotlib's own) has the presentation forms.
FONTS = ["Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "DejaVu Sans"]


class MissingExtra(AstanaError):
    """matplotlib is not installed."""


def check_path(path: str | Path) -> Path:
    """``path`` if it names an .svg or .png file in an existing folder; ``BadInput`` otherwise."""
    p = Path(path).expanduser()
    if p.suffix.lower() not in FORMATS:
        raise BadInput(f"--chart writes .svg or .png, not {p.name!r}")
    if not p.parent.is_dir():
        raise BadInput(f"--chart: no folder {str(p.parent)!r}")
    return p


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise MissingExtra(f"--chart needs matplotlib: {INSTALL_HINT}") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def lays_out_text() -> bool:
    """Whether this matplotlib shapes and orders text itself (libraqm: ``FT2Font._layout``, 3.11+)."""
    from matplotlib.ft2font import FT2Font

    return hasattr(FT2Font, "_layout")


def label(text: str, shaping: bool | None = None) -> str:
    """``text`` as matplotlib must be given it: for a matplotlib that does not shape text
    (``shaping`` false), Arabic shaped and in visual order; otherwise as stored."""
    from .bidi import display, has_rtl, paragraph_dir

    if shaping is None:
        shaping = lays_out_text()
    return display(text, paragraph_dir(text)) if has_rtl(text) and not shaping else text


def write(records: list[dict], path: str | Path, *, title: str, series: list[str],
          value: str = "hits", unit: str = "matching sentences") -> Path:
    """Draw ``records`` (one bar per bucket, a second bar per bucket for ``versus_``) to ``path``;
    ``series`` names the bars (the query, or the two queries)."""
    p = check_path(path)
    plt = _pyplot()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = [f for f in FONTS if f in installed] or ["DejaVu Sans"]
    by = records[0]["by"] if records else ""
    shaping = lays_out_text()
    names = [label(r["label"], shaping) for r in records]
    columns = [value] + ([f"versus_{value}"] if len(series) > 1 else [])
    with plt.rc_context({"font.family": family, "svg.fonttype": "path"}):
        fig, ax = plt.subplots(figsize=(max(6.0, 0.42 * len(records) + 2), 4.2), layout="constrained")
        width = 0.8 / len(columns)
        for i, (col, name) in enumerate(zip(columns, series)):
            xs = [n + (i - (len(columns) - 1) / 2) * width for n in range(len(records))]
            ax.bar(xs, [r.get(col, 0) for r in records], width=width, label=label(name, shaping))
        ax.set_xticks(range(len(records)), names, rotation=0 if by == "round" else 60,
                      ha="center" if by == "round" else "right")
        ax.set_xlabel(by)
        ax.set_ylabel(unit)
        ax.set_title(label(title, shaping))
        ax.yaxis.get_major_locator().set_params(integer=True)
        if len(series) > 1:
            ax.legend()
        fig.savefig(p, format=p.suffix.lower()[1:], dpi=120)
        plt.close(fig)
    return p

