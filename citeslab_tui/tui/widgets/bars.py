"""Horizontal gauges of the dashboard, drawn with characters that stay readable
without colour (`NO_COLOR`): `█` done, `░` still to do, `┃` where one should be
by now. Every figure is also written out next to its bar."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from citeslab_tui.core.indicators import LivrableFigures, PillarFigures, TerritoryFigures
from citeslab_tui.present import bar, count, hours, num, pct, signed
from citeslab_tui.present_report import livrable_gauge, share_vs_target, status_text
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


def _share_short(share: float | None, target: float | None) -> str:
    """`76 %/80 % −4 pts`: the share against the allocation, in fewer columns."""
    head = f"{pct(share, 0)}/{pct(target, 0)}"
    if share is None or target is None:
        return head
    return f"{head} {signed((share - target) * 100, 0)} pts"


class TerritoryGauge(Gauge):
    """Hours logged on a territory against its ETP allocation.

    What a manager reads first ("is AA getting its 80 %?") is kept whole at any
    width from 80 columns: the code, the share of the working time against the
    allocated share, the last month's, the gap in days. When the line is too
    narrow the ETP gives way, then the name is cut (while 12 characters of it
    are left), then the name goes (`AA    part 100 % / 100 % (0 pts) · …` in
    the dashboard's 80-column left half), and only then the wording gets
    shorter: never the figures."""

    def __init__(self, figures: TerritoryFigures, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures = figures

    def update(self, figures: TerritoryFigures) -> None:
        self.figures = figures
        self.refresh()

    def head_line(self, width: int) -> Text:
        f = self.figures
        rights = (
            f"part {share_vs_target(f.share, f.target_share)}"
            f" · mois {share_vs_target(f.month_share, f.month_target_share)}"
            f" · écart {signed(f.gap_days, 1)} j",
            f"part {_share_short(f.share, f.target_share)}"
            f" · mois {_share_short(f.month_share, f.month_target_share)}"
            f" · écart {signed(f.gap_days, 1)} j",
        )
        etp = f" ({num(f.etp, 2)} ETP)"
        style = "bold" if f.gap_minutes < 0 else ""
        code = Text(f.code, style="bold")
        for right in rights:
            room = width - len(right) - 1  # the head's room on the line
            named = Text.assemble(code, " · ", literal(f.name))
            heads = [Text.assemble(named, etp), named]
            if room - code.cell_len - 3 >= 12:  # a cut name still says something
                heads.append(Text.assemble(code, " · ", literal(f.name, room - code.cell_len - 3)))
            heads += [Text.assemble(code, etp), code]
            for head in heads:
                if head.cell_len <= room:
                    gap = " " * (width - head.cell_len - len(right))
                    return Text.assemble(head, gap, Text(right, style=style))
        line = Text.assemble(code, " ", Text(rights[-1], style=style))
        line.truncate(width, overflow="ellipsis")
        return line

    def body_line(self, width: int) -> Text:
        f = self.figures
        year = f.minutes_expected or 1
        texts = (
            f" {hours(f.minutes_logged)} · attendu à ce jour"
            f" {hours(f.minutes_expected_to_date)} · année {hours(f.minutes_expected)}",
            f" {hours(f.minutes_logged)} · à date {hours(f.minutes_expected_to_date)}"
            f" · année {hours(f.minutes_expected)}",
        )
        for text in texts:
            bar_width = min(self.bar_width(), width - len(text))
            if bar_width >= 10:
                break
        body = bar(max(10, bar_width), f.minutes_logged / year, f.minutes_expected_to_date / year)
        body.append(text)
        body.truncate(width, overflow="ellipsis")
        return body

    def render(self) -> Text:
        width = self.size.width or 80
        return Text("\n").join([self.head_line(width), self.body_line(width)])


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
        drift = "" if f.drift_points is None else f" · {signed(f.drift_points, 1)} pts"
        full = f" {pct(f.share)} · indicatif {pct(f.target_share, 0)}{drift} · {hours(f.minutes)}"
        short = f" {pct(f.share)} / {pct(f.target_share, 0)}{drift} · {hours(f.minutes)}"
        # One wording for every pillar of the list: the longest fits at 90 columns.
        line.append(full if width >= 90 else short)
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
        body = bar(width, *livrable_gauge(f))
        if f.kind == "qpv_share":
            detail = f" ({f.numerator} sur {f.denominator})" if f.denominator else ""
            body.append(f" {pct(f.actual)}{detail} · cible {pct(f.target, 0)}")
        else:
            body.append(
                f" {count(f.actual)} / {count(f.target)} · attendu {count(f.expected_to_date)}"
                f" · projection {count(f.projection)}"
            )
        return self.two_lines(head, status_text(f.status), body)
