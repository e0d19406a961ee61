import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from apps.reports.charts import PALETTE, bar_chart, nice_step


@pytest.mark.parametrize(
    ("largest", "step"), [(0, 1), (4, 1), (7, 2), (10, 2), (23, 5), (48, 10), (1234, 500)]
)
def test_nice_step_gives_at_most_five_steps_of_one_two_or_five(largest, step):
    assert nice_step(largest) == step


def test_bars_are_grouped_by_category_and_as_tall_as_their_values():
    chart = bar_chart(
        title="Trained",
        description="People trained.",
        points=[("2025", "Azerbaijan", 4), ("2026", "Azerbaijan", 8), ("2026", "Georgia", 2)],
    )

    assert [category.label for category in chart.categories] == ["2025", "2026"]
    assert [series.name for series in chart.series] == ["Azerbaijan", "Georgia"]
    assert [bar.value for bar in chart.bars] == [4, 8, 2]
    heights = {bar.value: bar.height for bar in chart.bars}
    assert heights[8] == pytest.approx(2 * heights[4]) == pytest.approx(4 * heights[2])
    assert all(bar.y + bar.height == pytest.approx(chart.plot_bottom) for bar in chart.bars)
    assert [bar.colour for bar in chart.bars] == [PALETTE[0], PALETTE[0], PALETTE[1]]
    assert chart.table == (("2025", (4, 0)), ("2026", (8, 2)))
    assert chart.ticks[-1].value >= 8


def test_the_svg_has_a_title_a_description_and_the_table_of_its_numbers():
    chart = bar_chart(title="Certificates", description="Per issuer.", points=[("2026", "MTT", 3)])

    html = render_to_string(
        "reports/bar_chart.html", {"chart": chart, "chart_id": "c", "category_heading": "Year"}
    )

    assert 'aria-labelledby="c-title c-desc"' in html
    assert '<title id="c-title">Certificates</title>' in html
    assert '<desc id="c-desc">Per issuer.</desc>' in html
    assert "<title>2026, MTT: 3</title>" in html
    assert '<th scope="row">2026</th><td class="number">3</td>' in html
    assert "style=" not in html


def test_an_empty_chart_says_so_and_draws_nothing():
    chart = bar_chart(title="Nothing", description="", points=[])

    html = render_to_string(
        "reports/bar_chart.html", {"chart": chart, "chart_id": "c", "category_heading": "Year"}
    )

    assert chart.is_empty
    assert "<svg" not in html


def test_coordinates_keep_a_decimal_point_in_french():
    chart = bar_chart(
        title="T", description="D", points=[("2026", name, 7) for name in ("A", "B", "C")]
    )

    with translation.override("fr"):
        html = render_to_string(
            "reports/bar_chart.html", {"chart": chart, "chart_id": "c", "category_heading": "Année"}
        )

    assert any("." in bar.x.__str__() for bar in chart.bars)
    assert not re.search(r'\b(x|y|width|height|x1|x2|y1|y2)="[^"]*,', html)
