"""Grouped bar charts drawn on the server as SVG: no JavaScript, no chart library.

``bar_chart`` lays the bars out; ``reports/bar_chart.html`` draws them with SVG presentation
attributes only (the Content-Security-Policy refuses inline styles) and puts the same numbers
in a table beside the picture for screen readers and for anyone who would rather read.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Okabe and Ito's palette: told apart with the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")

WIDTH = 720
HEIGHT = 300
MARGIN_LEFT = 56
MARGIN_RIGHT = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 36
TICKS = 5
BAR_GAP = 2
MAX_BAR_WIDTH = 56


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: int
    label: str  # "2026, Ministry of Defence: 12", the bar's tooltip (SVG <title>)


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Category:
    x: float  # the centre of its group of bars
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


@dataclass(frozen=True)
class BarChart:
    """A chart ready to draw, and the table of its numbers (rows: categories; columns: series)."""

    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    categories: tuple[Category, ...]
    series: tuple[Series, ...]
    table: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def is_empty(self) -> bool:
        return not self.bars


def nice_step(largest: int, ticks: int = TICKS) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most ``ticks`` steps to ``largest``."""
    if largest <= ticks:
        return 1
    rough = largest / ticks
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return factor * magnitude
    return 10 * magnitude  # not reached: factor 10 always suffices


def bar_chart(
    *,
    title: str,
    description: str,
    points: Iterable[tuple[str, str, int]],
) -> BarChart:
    """Lay out ``points`` (category, series, value) as groups of bars, one group per category.

    Categories and series keep the order in which they first appear.
    """
    values: dict[tuple[str, str], int] = {}
    categories: list[str] = []
    series: list[str] = []
    for category, name, value in points:
        if category not in categories:
            categories.append(category)
        if name not in series:
            series.append(name)
        values[(category, name)] = values.get((category, name), 0) + value
    colours = {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(series)}

    plot_right = WIDTH - MARGIN_RIGHT
    plot_bottom = HEIGHT - MARGIN_BOTTOM
    plot_height = plot_bottom - MARGIN_TOP
    step = nice_step(max(values.values(), default=0))
    top = step * max(1, math.ceil(max(values.values(), default=0) / step))
    group_width = (plot_right - MARGIN_LEFT) / max(1, len(categories))
    bar_width = min(group_width * 0.8 / max(1, len(series)), MAX_BAR_WIDTH)

    bars = []
    for group, category in enumerate(categories):
        # The group's bars centred in its share of the width.
        left = MARGIN_LEFT + group * group_width + (group_width - bar_width * len(series)) / 2
        for position, name in enumerate(series):
            value = values.get((category, name))
            if value is None:
                continue
            height = plot_height * value / top
            bars.append(
                Bar(
                    x=round(left + position * bar_width, 2),
                    y=round(plot_bottom - height, 2),
                    # A hairline gap between neighbouring bars, unless they are very thin.
                    width=round(bar_width - BAR_GAP if bar_width > 4 * BAR_GAP else bar_width, 2),
                    height=round(height, 2),
                    colour=colours[name],
                    value=value,
                    label=f"{category}, {name}: {value}",
                )
            )
    return BarChart(
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=MARGIN_LEFT,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        bars=tuple(bars),
        ticks=tuple(
            Tick(y=round(plot_bottom - plot_height * value / top, 2), value=value)
            for value in range(0, top + 1, step)
        ),
        categories=tuple(
            Category(x=round(MARGIN_LEFT + (index + 0.5) * group_width, 2), label=category)
            for index, category in enumerate(categories)
        ),
        series=tuple(Series(name=name, colour=colours[name]) for name in series),
        table=tuple(
            (category, tuple(values.get((category, name), 0) for name in series))
            for category in categories
        ),
    )
