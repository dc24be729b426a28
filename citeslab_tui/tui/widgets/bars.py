"""Horizontal gauges of the dashboard, drawn with characters that stay readable
without colour (`NO_COLOR`): `█` done, `░` still to do, `┃` where one should be
by now. Every figure is also written out next to its bar."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from citeslab_tui.core.indicators import LivrableFigures, PillarFigures, TerritoryFigures
from citeslab_tui.present import bar, count, hours, num, pct, share_vs_target, signed, status_text
from citeslab_tui.tui.format import literal


class Gauge(Widget):
    """Base: a label line and a bar line, redrawn at the widget's width."""

    DEFAULT_CSS = """
    Gauge { height: 2; width: 1fr; }
    """

    def bar_width(self) -> int:
        return max(10, min(40, (self.size.width or 80) // 3))

    def two_lines(self, head: Text, right: Text, body: Text) -> Text:
        width = self.size.width or 80
        head.truncate(max(1, width - right.cell_len - 1), overflow="ellipsis")
        gap = max(1, width - head.cell_len - right.cell_len)
        line = Text.assemble(head, " " * gap, right)
        body.truncate(width, overflow="ellipsis")
        return Text("\n").join([line, body])


class TerritoryGauge(Gauge):
    """Hours logged on a territory against its ETP allocation."""

    def __init__(self, figures: TerritoryFigures, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures = figures

    def update(self, figures: TerritoryFigures) -> None:
        self.figures = figures
        self.refresh()

    def render(self) -> Text:
        f = self.figures
        year = f.minutes_expected or 1
        head = Text(f"{f.code} · ", style="bold")
        head.append_text(literal(f.name))
        head.append(f" ({num(f.etp, 2)} ETP)")
        gap = (
            f"part {share_vs_target(f.share, f.target_share)}"
            f" · mois {share_vs_target(f.month_share, f.month_target_share)}"
            f" · écart {signed(num(f.gap_days, 1))} j"
        )
        right = Text(gap, style="bold" if f.gap_minutes < 0 else "")
        body = bar(self.bar_width(), f.minutes_logged / year, f.minutes_expected_to_date / year)
        body.append(
            f" {hours(f.minutes_logged)} · attendu à ce jour"
            f" {hours(f.minutes_expected_to_date)} · année {hours(f.minutes_expected)}"
        )
        return self.two_lines(head, right, body)


class PillarGauge(Gauge):
    """A pillar's share of the time against its indicative share."""

    DEFAULT_CSS = """
    PillarGauge { height: 1; }
    """

    def __init__(self, figures: PillarFigures, *, short: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures = figures
        self.short = short  # shown when the label does not fit

    def update(self, figures: PillarFigures) -> None:
        self.figures = figures
        self.refresh()

    def render(self) -> Text:
        f = self.figures
        width = self.size.width or 80
        label_width = max(8, min(26, width // 4))
        scale = max(0.5, f.share or 0.0)
        label = f.label if len(f.label) <= label_width or not self.short else self.short
        line = literal(label, label_width)
        line.pad_right(label_width - line.cell_len + 1)
        bar_width = max(10, min(24, width // 5))
        line.append_text(bar(bar_width, (f.share or 0.0) / scale, f.target_share / scale))
        drift = "" if f.drift_points is None else f" · {signed(num(f.drift_points, 1))} pts"
        line.append(
            f" {pct(f.share)} · indicatif {pct(f.target_share, 0)}{drift} · {hours(f.minutes)}"
        )
        line.truncate(width, overflow="ellipsis")
        return line


class LivrableBar(Gauge):
    """A livrable of a convention: actual against target, with the expectation to
    date marked, the projection at the current pace and the status."""

    def __init__(self, figures: LivrableFigures, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures = figures

    @property
    def actual(self) -> float | None:
        return self.figures.actual

    @property
    def target(self) -> float | None:
        return self.figures.target

    def update(self, figures: LivrableFigures) -> None:
        self.figures = figures
        self.refresh()

    def render(self) -> Text:
        f = self.figures
        head = literal(f.label)
        if f.territory:
            head.append(f" · {f.territory}")
        width = self.bar_width()
        if f.kind == "qpv_share":
            body = bar(width, f.actual or 0.0, f.target)
            detail = f" ({f.numerator} sur {f.denominator})" if f.denominator else ""
            body.append(f" {pct(f.actual)}{detail} · cible {pct(f.target, 0)}")
        else:
            target = f.target or 0.0
            ratio = (f.actual or 0.0) / target if target else 0.0
            mark = (f.expected_to_date or 0.0) / target if target else None
            body = bar(width, ratio, mark)
            body.append(
                f" {count(f.actual)} / {count(f.target)} · attendu {count(f.expected_to_date)}"
                f" · projection {count(f.projection)}"
            )
        return self.two_lines(head, status_text(f.status), body)
