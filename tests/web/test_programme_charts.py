"""The programme's charts: SVG drawn on the server, with a title, a description and
the same figures as a table; every text escaped; nothing fetched from elsewhere."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tribe.web.programme_charts import Series, bar_chart, funnel_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_bar_chart_has_its_text_alternative_and_figures() -> None:
    chart = bar_chart(
        title="Match scores",
        description="3 offers by score",
        bars=[("0.0–0.5", 1), ("0.5–1.0", 2)],
        label_header="Score",
        value_header="Offers",
    )
    root = parsed(chart.svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Match scores"
    assert desc is not None and desc.text == "3 offers by score"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert len(root.findall(f"{SVG}rect")) == 2
    assert chart.headers == ("Score", "Offers")
    assert chart.rows == (("0.0–0.5", "1"), ("0.5–1.0", "2"))


def test_a_missing_value_is_no_bar_and_says_why() -> None:
    chart = bar_chart(
        title="Survey",
        description="averages",
        bars=[("Useful?", 3.6), ("Clear?", None)],
        label_header="Question",
        value_header="Average",
        high=5,
        empty="too few responses",
    )
    assert len(parsed(chart.svg).findall(f"{SVG}rect")) == 1
    assert chart.rows[1] == ("Clear?", "too few responses")


def test_every_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>&'
    charts = [
        bar_chart(title=evil, description=evil, bars=[(evil, 1)], label_header="a", value_header="b"),
        funnel_chart(title=evil, description=evil, steps=[(evil, 3)], label_header="a", value_header="b"),
        line_chart(title=evil, description=evil, labels=[evil, "b"], series=[Series(evil, (1, 2))], label_header="m"),
    ]  # fmt: skip
    for chart in charts:
        assert "<script" not in chart.svg
        root = parsed(chart.svg)  # still well-formed XML
        title = root.find(f"{SVG}title")
        assert title is not None and title.text == evil


def test_a_funnel_is_as_wide_as_its_counts() -> None:
    chart = funnel_chart(
        title="Funnel",
        description="d",
        steps=[("Enrolled", 10), ("Matched", 5), ("Met", 0)],
        label_header="Step",
        value_header="People",
    )
    widths = [float(r.get("width", "0")) for r in parsed(chart.svg).findall(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.rows == (("Enrolled", "10"), ("Matched", "5"), ("Met", "0"))


def test_lines_over_months_with_a_legend_and_a_table() -> None:
    chart = line_chart(
        title="Health",
        description="d",
        labels=["Jan", "Feb", "Mar"],
        series=[Series("healthy", (1, 2, 3)), Series("at risk", (0, 1, 0))],
        label_header="Month",
    )
    root = parsed(chart.svg)
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert chart.headers == ("Month", "healthy", "at risk")
    assert chart.rows[1] == ("Feb", "2", "1")
    assert [t.text for t in root.iter(f"{SVG}text") if t.text in ("healthy", "at risk")]


def test_nothing_is_loaded_from_elsewhere() -> None:
    chart = line_chart(
        title="t", description="d", labels=["a"], series=[Series("s", (1,))], label_header="m"
    )
    assert re.findall(r"https?://[^\"]+", chart.svg) == ["http://www.w3.org/2000/svg"]
    assert "href" not in chart.svg and "<script" not in chart.svg
