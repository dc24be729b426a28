"""F3 Tableau de bord: is the year on track? Hours per territory against the
ETP allocation, the pillar split against the indicative one, every livrable of
the conventions, the QPV share, and the last twelve weeks.

Every figure comes from `core.indicators.report`; this screen only reads the
store (the year and the twelve weeks before the day shown) on the UI thread and
runs the computation — which may load the holidays library the first time — in a
worker thread, so a keypress never waits for it. The worker posts its report as
a `Computed` message. The year and the territory shown are reactive: changing
either draws the screen again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Sparkline, Static
from textual.worker import Worker, WorkerState

from citeslab_tui.core.indicators import Report
from citeslab_tui.core.model import STAGE_LABELS
from citeslab_tui.core.period import Period
from citeslab_tui.present import hours, label_of, short_date
from citeslab_tui.present_report import (
    accompanied_line,
    governance_line,
    money_lines,
    publics_lines,
    qpv_share_line,
)
from citeslab_tui.services import report as service
from citeslab_tui.store import Store
from citeslab_tui.tui.format import failure, literal
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.widgets.bars import LivrableBar, PillarGauge, TerritoryGauge
from citeslab_tui.tui.widgets.footer import AppFooter

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

WEEKS = service.WEEKS


class DashboardScreen(StoreScreen):
    """The year at a glance, for one territory or all."""

    CSS_PATH = HERE / "dashboard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("[", "year(-1)", "Année précédente", id="previous-year", show=False),
        Binding("]", "year(1)", "Année suivante", id="next-year", show=False),
        Binding(
            "r", "cycle_territory", "Territoire suivant (ou tous)", id="cycle-territory", show=False
        ),
    ]

    year: var[int] = var(0, init=False)
    """The convention year shown (`[` and `]`)."""
    territory: var[str | None] = var(None, init=False)
    """The territory shown, or None for all (`r`)."""

    class Computed(Message, bubble=False):  # for this screen only
        """The worker's report for request number `request` (a newer request
        may have been made since: only the newest is final)."""

        def __init__(self, request: int, report: Report) -> None:
            super().__init__()
            self.request = request
            self.report = report

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        super().__init__(store, today)
        self.set_reactive(DashboardScreen.year, today().year)
        self.report: Report | None = None
        self._request = 0
        self._shown_request = 0

    def compose(self) -> ComposeResult:
        yield Static(id="dash-title")
        with VerticalScroll(id="dash-body"):
            with Vertical(id="dash-left"):
                yield Static("Heures par territoire", classes="section")
                yield Vertical(id="dash-territories", classes="group")
                yield Static("Piliers (répartition indicative)", classes="section")
                yield Vertical(id="dash-pillars", classes="group")
                yield Static("Porteurs", classes="section")
                yield Static(id="dash-qpv", classes="group")
                yield Static(f"Heures par semaine ({WEEKS} dernières)", classes="section")
                yield Sparkline([], id="dash-weeks", summary_function=max)
                yield Static(id="dash-weeks-legend")
            with Vertical(id="dash-right"):
                yield Static("Livrables des conventions", classes="section")
                yield Vertical(id="dash-livrables", classes="group")
                yield Static("Publics et parcours", classes="section")
                yield Static(id="dash-publics", classes="group")
                yield Static("Gouvernance et budget", classes="section")
                yield Static(id="dash-money", classes="group")
        yield AppFooter()

    # ------------------------------------------------------------------ period

    def period(self) -> Period:
        return Period.year(self.year)

    def as_of(self) -> date:
        """The situation today, or at the end of a past year."""
        return min(self.today(), self.period().end)

    def title_text(self, computing: bool) -> Text:
        title = Text(f"Tableau de bord {self.year}", style="bold")
        where = self.territory or "tous territoires"
        title.append(f" · {where} · au {short_date(self.as_of())}")
        if computing:
            title.append(" · calcul…")
        hint = "   [ ] année · r territoire"
        if title.cell_len + len(hint) < (self.size.width or 80):
            title.append(hint, style="dim")
        return title

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        data = service.read(self.store, self.period(), self.as_of())
        self._request += 1
        self.query_one("#dash-title", Static).update(self.title_text(computing=True))
        self.compute(self._request, data, self.territory)

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def compute(self, request: int, data: service.ReportData, territory: str | None) -> None:
        self.post_message(
            self.Computed(request, service.compute(data, self.store.config, territory))
        )

    async def on_dashboard_screen_computed(self, message: Computed) -> None:
        if message.request >= self._shown_request:
            self._shown_request = message.request
            await self.show_report(message.report, final=message.request == self._request)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker: Worker[Any] = event.worker
        if worker.group == "dashboard" and event.state == WorkerState.ERROR:
            self.notify(
                f"Tableau de bord : calcul impossible. {failure(worker.error)}",
                severity="error",
                markup=False,
            )

    # ------------------------------------------------------------------ drawing

    async def _sync(self, box_id: str, items: list[tuple[str, Any]], make: Any) -> None:
        """Update the gauges in place, or rebuild them when the list changed."""
        box = self.query_one(box_id, Vertical)
        if items and [w.id for w in box.children] == [key for key, _ in items]:
            for widget, (_, figures) in zip(box.children, items, strict=True):
                widget.update(figures)  # type: ignore[attr-defined]
            return
        await box.remove_children()
        if items:
            await box.mount_all(make(figures, id=key) for key, figures in items)
        else:
            await box.mount(Static("Aucune convention ne couvre cette année.", classes="muted"))

    async def show_report(self, r: Report, *, final: bool = True) -> None:
        self.report = r
        self.query_one("#dash-title", Static).update(self.title_text(computing=not final))
        await self._sync(
            "#dash-territories",
            [(f"territory-{t.code}", t) for t in r.territories],
            TerritoryGauge,
        )
        shorts = {p.key: p.short for p in self.store.config.pillars}
        await self._sync(
            "#dash-pillars",
            [(f"pillar-{p.key}", p) for p in r.pillars],
            lambda p, id: PillarGauge(p, short=shorts.get(p.key, ""), id=id),
        )
        seen: set[str] = set()
        livrables = []
        for lv in r.livrables:
            key = lv.key if lv.key not in seen else f"{lv.convention}-{lv.key}"
            seen.add(lv.key)
            livrables.append((f"livrable-{key}", lv))
        await self._sync("#dash-livrables", livrables, LivrableBar)
        q = r.qpv_share
        line = Text(
            qpv_share_line(r.qpv_share_label, q.numerator, q.denominator, q.share, q.target)
        )
        stages = " · ".join(
            f"{label_of(STAGE_LABELS, k)} {n}" for k, n in r.porteurs.by_stage.items() if n
        )
        line.append(f"\nPorteurs actifs : {r.porteurs.active}" + (f" ({stages})" if stages else ""))
        line.append("\n" + accompanied_line(q.stage), style="dim")
        self.query_one("#dash-qpv", Static).update(line)
        config = self.store.config
        self.query_one("#dash-publics", Static).update(Text("\n".join(publics_lines(r, config))))
        money = [governance_line(lv, r.as_of) for lv in r.livrables if lv.governance]
        money += [text for m in r.money for text in money_lines(m)]
        self.query_one("#dash-money", Static).update(Text("\n".join(money) or "—"))
        weeks = [w.minutes / 60 for w in r.weekly]
        self.query_one("#dash-weeks", Sparkline).data = weeks
        if r.weekly:
            first, last = r.weekly[0], r.weekly[-1]
            mean = sum(w.minutes for w in r.weekly) / len(r.weekly)
            legend = literal(
                f"S{first.week:02d} → S{last.week:02d} · moyenne {hours(mean)}"
                f" · max {hours(max(w.minutes for w in r.weekly))}"
                f" · semaine en cours {hours(last.minutes)}"
            )
        else:
            legend = Text("")
        self.query_one("#dash-weeks-legend", Static).update(legend)

    # ------------------------------------------------------------------ actions

    def watch_year(self) -> None:
        self.redraw()

    def watch_territory(self) -> None:
        self.redraw()

    def action_year(self, step: int) -> None:
        self.year += step

    def action_cycle_territory(self) -> None:
        codes: list[str | None] = [None, *self.store.config.territory_codes]
        # a territory removed from the configuration since it was chosen: back to all
        at = codes.index(self.territory) if self.territory in codes else -1
        self.territory = codes[(at + 1) % len(codes)]
