"""F5 Export: the files for the funders and the managers — what, which
period, which territory, which format — made by `citeslab_tui.export` in a
worker thread (on its own read-only copy of the store), then where they went."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from citeslab_tui.core.dates import read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.period import Period
from citeslab_tui.present import short_date
from citeslab_tui.services.common import reader
from citeslab_tui.store import Store
from citeslab_tui.tui.format import failure, literal
from citeslab_tui.tui.screens.base import StoreScreen
from citeslab_tui.tui.widgets.footer import AppFooter
from citeslab_tui.tui.widgets.inputs import SteadyInput
from citeslab_tui.tui.widgets.tickbox import TickBox

if TYPE_CHECKING:
    from citeslab_tui.tui.modals.close_month import MonthChoice

HERE = Path(__file__).parent  # CSS next to the screen, whoever subclasses it

KIND_LABELS = {
    "timesheet": "Feuille de temps",
    "entries": "Journal détaillé (entrées)",
    "indicators": "Indicateurs et livrables",
    "porteurs": "Registre des porteurs (pseudonymisé)",
    "bilan": "Bilan HTML (graphiques, comité, financeurs)",
}
# The fields a kind does not use (the bilan is one HTML file over every territory).
UNUSED = {"bilan": ("x-territory", "x-format", "x-dialect", "x-split")}
# What to use for what: shown under the form.
ADVICE = (
    "À signer : la feuille de temps XLSX. À lire, imprimer : le XLSX (tous les "
    "exports). Le CSV : scripts et financeurs qui le demandent. "
    "Le bilan HTML s'ouvre hors ligne et s'imprime en A4."
)
DIALECT_LABELS = {
    "excel-fr": "Tableur français (;  virgule décimale)",
    "rfc4180": "Scripts (RFC 4180, virgule)",
}
PRESETS = {
    "year": "Année en cours",
    "previous-year": "Année précédente",
    "month": "Mois en cours",
    "previous-month": "Mois précédent",
    "custom": "Dates ci-dessous",
}

REPLACE = "remplacer s'il existe"
"""The tick box that lets an export replace existing files."""


def preset_period(preset: str, today: date) -> Period:
    if preset == "previous-year":
        return Period.year(today.year - 1)
    if preset == "month":
        return Period.month(today.year, today.month)
    if preset == "previous-month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period.month(last.year, last.month)
    return Period.year(today.year)


@dataclass(frozen=True, slots=True)
class ExportJob:
    kind: str
    period: Period
    territory: str | None
    dialect: str
    format: str
    split: str | None
    force: bool
    folder: Path


class ExportScreen(StoreScreen):
    CSS_PATH = HERE / "export.tcss"
    AUTO_FOCUS = "#x-kind"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "run_export", "Exporter", id="run-export", show=False),
        Binding("ctrl+k", "close_month", "Clôturer un mois", id="close-month", show=False),
    ]

    def __init__(self, store: Store, today: Callable[[], date], folder: Path | None = None) -> None:
        super().__init__(store, today)
        self.folder = folder
        self.signed: Period | None = None  # the period of the last timesheet exported
        self.running: ExportJob | None = None

    def compose(self) -> ComposeResult:
        cfg = self.store.config
        period = preset_period("year", self.today())
        folder = self.folder or Path.cwd() / "exports"
        yield Static(Text("Export · fichiers pour les financeurs", style="bold"), id="export-title")
        with VerticalScroll(id="export-body"), Grid(id="export-form"):
            yield Label("Quoi")
            yield Select(
                [(Text(v), k) for k, v in KIND_LABELS.items()],
                value="timesheet",
                allow_blank=False,
                id="x-kind",
                compact=True,
            )
            yield Label("Période")
            yield Select(
                [(Text(v), k) for k, v in PRESETS.items()],
                value="year",
                allow_blank=False,
                id="x-preset",
                compact=True,
            )
            yield Label("Du")
            yield SteadyInput(short_date(period.start), id="x-from", compact=True)
            yield Label("Au")
            yield SteadyInput(short_date(period.end), id="x-to", compact=True)
            yield Label("Territoire")
            yield Select(
                [(Text(f"{t.code} — {t.name}"), t.code) for t in cfg.territories],
                prompt="tous",
                id="x-territory",
                compact=True,
            )
            yield Label("Format")
            yield Select(
                [(Text("CSV"), "csv"), (Text("XLSX (à ouvrir, imprimer)"), "xlsx")],
                value="csv",
                allow_blank=False,
                id="x-format",
                compact=True,
            )
            yield Label("Dialecte CSV")
            yield Select(
                [(Text(v), k) for k, v in DIALECT_LABELS.items()],
                value="excel-fr",
                allow_blank=False,
                id="x-dialect",
                compact=True,
            )
            yield Label("Options")
            with Horizontal(id="x-options"):
                yield TickBox("un fichier par mois", id="x-split", compact=True)
                yield TickBox(REPLACE, id="x-force", compact=True)
            yield Label("Dossier")
            yield SteadyInput(str(folder), id="x-folder", compact=True)
            yield Label("")
            yield Button("Exporter (ctrl+s)", variant="primary", id="x-run", compact=True)
        yield Static(Text(ADVICE, style="dim"), id="export-advice")
        yield Static(id="export-result")
        with Horizontal(id="export-after"):
            yield Button("Clôturer le mois… (ctrl+k)", id="x-close", compact=True)
        yield AppFooter()

    def reload(self) -> None:
        """Nothing drawn from the data: the files are made on demand."""

    # ------------------------------------------------------------------ form

    @on(Select.Changed, "#x-kind")
    def kind_changed(self, event: Select.Changed) -> None:
        """Grey out what the chosen export does not use."""
        unused = UNUSED.get(str(event.value), ())
        for widget_id in ("x-territory", "x-format", "x-dialect", "x-split"):
            self.query_one(f"#{widget_id}").disabled = widget_id in unused

    @on(Select.Changed, "#x-preset")
    def preset_changed(self, event: Select.Changed) -> None:
        if event.value == "custom" or event.value is Select.NULL:
            return
        period = preset_period(str(event.value), self.today())
        self.query_one("#x-from", Input).value = short_date(period.start)
        self.query_one("#x-to", Input).value = short_date(period.end)

    def read_job(self) -> ExportJob:
        def value(widget_id: str) -> Any:
            return self.query_one(f"#{widget_id}", Select).value

        today = self.today()
        try:
            start = read_date(self.query_one("#x-from", Input).value, today, today)
            end = read_date(self.query_one("#x-to", Input).value, today, start)
            period = Period(start, end)
        except CitesLabError as error:
            raise CitesLabError(f"période : {error}") from None
        territory = value("x-territory")
        folder = self.query_one("#x-folder", Input).value.strip()
        if not folder:
            raise CitesLabError("dossier de sortie manquant")
        return ExportJob(
            kind=str(value("x-kind")),
            period=period,
            territory=None if territory is Select.NULL else str(territory),
            dialect=str(value("x-dialect")),
            format=str(value("x-format")),
            split="monthly" if self.query_one("#x-split", Checkbox).value else None,
            force=self.query_one("#x-force", Checkbox).value,
            folder=Path(folder).expanduser(),
        )

    @on(Button.Pressed, "#x-run")
    def action_run_export(self) -> None:
        try:
            job = self.read_job()
        except CitesLabError as error:
            self.say_failure(str(error))
            return
        warnings = self.warnings(job)
        if not warnings:
            self.start(job)
            return
        from citeslab_tui.tui.modals.export_warning import ExportWarning

        def chosen(answer: str | None) -> None:
            if answer == "export":
                self.start(job)
            elif answer == "settings":
                self.call_later(self.app.run_action, "show('settings')")

        self.app.push_screen(ExportWarning(warnings), chosen)

    def warnings(self, job: ExportJob) -> list[str]:
        """What makes a timesheet unfit to sign (services.export.export_warnings)."""
        from citeslab_tui.export import ExportRequest
        from citeslab_tui.services.export import export_warnings

        request = ExportRequest(
            kind=job.kind, period=job.period, today=self.today(), territory=job.territory
        )
        return export_warnings(self.store.config, request)

    def start(self, job: ExportJob) -> None:
        result = self.query_one("#export-result", Static)
        result.remove_class("-error")
        result.update(Text("Export en cours…"))
        self.query_one("#export-after").display = False
        self.running = job
        self.run_job(job)

    def say_failure(self, message: str) -> None:
        """In the screen, where the files written are listed: a notification
        would sit over that very place. The message says itself whether
        anything was written: the heading does not repeat it."""
        result = self.query_one("#export-result", Static)
        result.update(Text(f"Export impossible\n{message}"))
        result.add_class("-error")
        self.app.bell()

    # ------------------------------------------------------------------ closing

    @on(Button.Pressed, "#x-close")
    def action_close_month(self) -> None:
        """Close (or reopen) a month: those of the timesheet just exported,
        else the last twelve (services.closing does it, the dialog asks)."""
        from citeslab_tui.core.closing import default_month, months_to_close
        from citeslab_tui.tui.modals.close_month import CloseMonth

        today = self.today()
        period = self.signed or Period(date(today.year - 1, today.month, 1), today)
        months = months_to_close(period.start, period.end, today)
        if not months:
            self.notify("Aucun mois commencé dans cette période : rien à clôturer.")
            return
        closed = self.store.closed_months()

        def chosen(choice: MonthChoice | None) -> None:
            if choice is not None:
                self.apply_closing(choice)

        self.app.push_screen(
            CloseMonth(months, closed, default_month(months, closed, today)), chosen
        )

    def apply_closing(self, choice: MonthChoice) -> None:
        from citeslab_tui.core.closing import of_month
        from citeslab_tui.services.closing import close_month, reopen_month

        label = of_month(choice.month)
        if choice.close:
            if self.attempt(close_month, self.store, choice.month) is not None:
                self.notify(f"Mois {label} clos : ses entrées ne changent plus.")
        elif self.attempt(reopen_month, self.store, choice.month, choice.reason) is not None:
            self.notify(f"Mois {label} rouvert (raison gardée et datée).")

    # ------------------------------------------------------------------ worker

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_job(self, job: ExportJob) -> list[tuple[Path, int]]:
        from citeslab_tui.export import ExportRequest
        from citeslab_tui.services.export import export

        if job.kind == "bilan":
            from citeslab_tui.services.bilan import write_bilan

            path, result = write_bilan(
                [self.store.path],
                job.period,
                self.today(),
                generated=self.today(),
                output=job.folder / f"bilan_{job.period.label}.html",
                force=job.force,
            )
            return [(path.resolve(), len(result.people))]
        request = ExportRequest(
            kind=job.kind,
            period=job.period,
            today=self.today(),
            territory=job.territory,
            dialect=job.dialect,
            format=job.format,
            split=job.split,
        )
        # its own read-only store: the UI's stays on the UI thread
        written = export(reader(self.store), request, folder=job.folder, force=job.force)
        return [(path.resolve(), f.rows) for path, f in written]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker: Worker[Any] = event.worker
        if worker.group != "export":
            return
        result = self.query_one("#export-result", Static)
        if event.state == WorkerState.ERROR:
            error = worker.error
            from citeslab_tui.export import FilesExist

            if isinstance(error, FilesExist):  # this screen's way to replace them
                message = error.worded(f"cochez « {REPLACE} » pour remplacer")
            else:
                message = failure(error)
            self.say_failure(message)
        elif event.state == WorkerState.SUCCESS:
            lines = Text()
            for path, rows in worker.result or []:
                what = {".html": "fichier(s) lu(s)"}.get(path.suffix, "ligne(s)")
                if path.suffix == ".xlsx" and path.name.startswith("feuille-de-temps"):
                    what = "jour(s)"
                if path.suffix == ".xlsx" and path.name.startswith("indicateurs"):
                    what = "livrable(s)"
                lines.append("Écrit : ")
                lines.append_text(literal(str(path)))
                lines.append(f" ({rows} {what})\n")
            result.update(lines)  # in the screen: no notification over the paths
            self.offer_closing(self.running)

    def offer_closing(self, job: ExportJob | None) -> None:
        """After a timesheet export, the next step is to sign it, then close
        its month: the button appears, focused."""
        if job is None or job.kind != "timesheet":
            return
        self.signed = job.period
        after = self.query_one("#export-after")
        after.display = True
        self.query_one("#x-close", Button).focus()
