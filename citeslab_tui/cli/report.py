"""`citeslab report`: the indicators of a period, as French tables or JSON.

Thin over `core.indicators.report`: parse the options, open the data file
read-only (another process may hold it open for writing), compute, print.
The tables fit 80 columns; every text coming from the configuration or the data
goes through `rich.text.Text`, never through markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from citeslab_tui.cli.common import (
    db_option,
    db_paths,
    json_option,
    open_store,
    parse_day,
    period_options,
    print_json,
    resolve,
    today,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, RenderableType

    from citeslab_tui.core.indicators import LivrableFigures, Report
    from citeslab_tui.core.model import Config

BAR_WIDTH = 10


@click.command()
@period_options
@click.option("--as-of", "as_of", metavar="DATE", help="Date d'arrêté (défaut : aujourd'hui).")
@click.option("--territory", metavar="CODE", help="Un seul territoire.")
@json_option
@db_option
def report(
    year: int | None,
    month: str | None,
    date_from: str | None,
    date_to: str | None,
    as_of: str | None,
    territory: str | None,
    as_json: bool,
) -> None:
    """Indicateurs d'une période : ETP par territoire, piliers, livrables, part QPV.

    Par défaut l'année civile de la date d'arrêté (--as-of, sinon aujourd'hui).
    Exemple : citeslab report --year 2022 --as-of 2022-06-30
    """
    from citeslab_tui.core.indicators import report_to_json
    from citeslab_tui.services.report import report as compute

    day = parse_day(as_of) or today()
    period = resolve(year, month, date_from, date_to, default_today=day)
    if len(db_paths()) > 1:
        from citeslab_tui.cli.consolidated import report_many

        report_many(db_paths(), period, day, territory, as_json)
        return
    store = open_store(readonly=True)
    result = compute(store, period, day, territory, today=today())
    if as_json:
        print_json(report_to_json(result))
        return
    from citeslab_tui.cli.common import console

    render(result, store.config, console())


# --------------------------------------------------------------------------- formatting


def _livrable_cells(lv: LivrableFigures) -> tuple[str, str, str]:
    """(actual / target, expected to date, projection)."""
    from citeslab_tui.present import count, pct

    if lv.kind == "qpv_share":
        done = f"{pct(lv.actual)} / {pct(lv.target, 0)}"
        detail = f"{lv.numerator}/{lv.denominator}" if lv.denominator else "—"
        return done, detail, ""
    done = f"{count(lv.actual)} / {count(lv.target)}"
    return done, count(lv.expected_to_date), count(lv.projection)


def render(r: Report, config: Config, out: Console) -> None:
    """The French tables of `citeslab report` (80 columns), printed at once: one
    measure of the terminal, not one per line."""
    from rich.console import Group

    out.print(Group(*_parts(r, config)))


def _parts(r: Report, config: Config) -> Iterator[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from citeslab_tui.core.text import printable
    from citeslab_tui.present import bar, decimal_hours, num, pct, short_date, signed
    from citeslab_tui.present_report import (
        absences_line,
        accompanied_line,
        governance_line,
        livrable_gauge,
        money_lines,
        qpv_share_line,
        status_text,
        target_rules,
        territory_share_line,
    )

    title = Text(printable(config.name or "CitésLab", one_line=True), style="bold")
    title.append(f" — du {r.period.start:%d/%m/%Y} au {r.period.end:%d/%m/%Y}", style="bold")
    yield title
    yield Text(
        f"Arrêté au {r.as_of:%d/%m/%Y} : {r.elapsed_working_days} jours ouvrés "
        f"sur {r.working_days} ({pct(r.elapsed_share)})"
        + (f" · territoire {r.territory}" if r.territory else "")
    )

    t = Table(
        title="Temps par territoire (heures)",
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    t.add_column("Territoire", max_width=26, overflow="ellipsis", no_wrap=True)
    t.add_column("ETP", justify="right")
    for head in ("Réalisé", "Attendu", "Écart", "Écart j", "Période"):
        t.add_column(head, justify="right", no_wrap=True)
    for tf in r.territories:
        t.add_row(
            Text(printable(f"{tf.code} {tf.name}", one_line=True)),
            num(tf.etp, 2).rstrip("0").rstrip(","),
            decimal_hours(tf.minutes_logged),
            decimal_hours(tf.minutes_expected_to_date),
            Text(
                signed(tf.gap_minutes / 60, 2),
                style="red" if tf.gap_minutes < 0 else "green",
            ),
            signed(tf.gap_days, 1),
            decimal_hours(tf.minutes_expected),
        )
    if len(r.territories) > 1:
        gap = r.minutes_logged - r.minutes_expected_to_date
        t.add_row(
            Text("Total", style="bold"),
            "",
            decimal_hours(r.minutes_logged),
            decimal_hours(r.minutes_expected_to_date),
            signed(gap / 60, 2),
            signed(gap / r.day_minutes, 1),
            decimal_hours(r.minutes_expected),
        )
    yield Text()
    yield t
    yield Text(
        "Attendu = ETP × heures annuelles × jours ouvrés écoulés ÷ jours ouvrés de "
        "l'année, sur les seuls jours de l'allocation (convention), absences déduites ;"
        f" Écart j en journées de {decimal_hours(r.day_minutes, unit=True)}.",
        style="dim",
    )
    yield Text()
    yield Text("Part du temps de travail saisi / part allouée", style="bold")
    for tf in r.territories:
        yield Text("  " + territory_share_line(tf, r.month))
    if r.month is not None:
        yield Text(
            f"  (à ce jour depuis le {short_date(r.period.start)} ; dernier mois :"
            f" du {short_date(r.month[0])} au {short_date(r.month[1])})",
            style="dim",
        )
    absent = absences_line(r.absences_by_type, config)
    if absent:
        yield Text(absent)

    p = Table(
        title="Répartition par pilier (hors formation et absences)",
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    p.add_column("Pilier", max_width=28, overflow="ellipsis", no_wrap=True)
    p.add_column("Heures", justify="right")
    p.add_column("Part", justify="right")
    p.add_column("Indicatif", justify="right")
    p.add_column("Écart (pts)", justify="right")
    for pf in r.pillars:
        drift = "—" if pf.drift_points is None else signed(pf.drift_points, 1)
        p.add_row(
            Text(printable(pf.label, one_line=True)),
            decimal_hours(pf.minutes),
            pct(pf.share),
            pct(pf.target_share, 0),
            drift,
        )
    yield Text()
    yield p

    if r.livrables:
        lt = Table(
            title="Livrables", title_justify="left", box=None, header_style="bold", pad_edge=False
        )
        lt.add_column("Livrable", ratio=1, overflow="fold", min_width=14)
        lt.add_column("Réal./Obj.", justify="right", no_wrap=True)
        lt.add_column("À date", justify="right", no_wrap=True)
        lt.add_column("Proj.", justify="right", no_wrap=True)
        lt.add_column("Avancement", no_wrap=True, min_width=BAR_WIDTH)
        lt.add_column("Statut", no_wrap=True)
        for lv in r.livrables:
            done, expected, projection = _livrable_cells(lv)
            lt.add_row(
                Text(printable(lv.label, one_line=True)),
                done,
                expected,
                projection,
                bar(BAR_WIDTH, *livrable_gauge(lv)),
                status_text(lv.status),
            )
        yield Text()
        yield lt
        periods = sorted({(lv.period.start, lv.period.end) for lv in r.livrables})
        spans = ", ".join(f"du {a:%d/%m/%Y} au {b:%d/%m/%Y}" for a, b in periods)
        yield Text(f"Livrables calculés sur la période de convention : {spans}.", style="dim")
        rules = target_rules(r.livrables)
        if rules:
            yield Text("Objectifs hors convention pleine : " + " ; ".join(rules), style="dim")
        governance = [lv for lv in r.livrables if lv.governance]
        if governance:
            yield Text()
            yield Text("Gouvernance", style="bold")
            for lv in governance:
                yield Text("  " + printable(governance_line(lv, r.as_of), one_line=True))

    q = r.qpv_share
    yield Text()
    share = qpv_share_line(r.qpv_share_label, q.numerator, q.denominator, q.share, q.target)
    yield Text(share, style="bold")
    yield Text(accompanied_line(q.stage), style="dim")
    yield from _porteurs(r, config)
    if r.money:
        yield Text()
        yield Text("Budget des conventions", style="bold")
        for m in r.money:
            for text in money_lines(m):
                yield Text("  " + text, style="bold red" if "⚠" in text else "")
        yield Text(
            "Coût horaire = coût ÷ heures attendues de l'allocation ; valeur = heures "
            "saisies × coût horaire ; part Bpifrance au plus 30 % du budget.",
            style="dim",
        )


def _porteurs(r: Report, config: Config) -> Iterator[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from citeslab_tui.core.model import (
        CATEGORIES,
        PROFILES,
        SORTIE_REASONS,
        STAGE_LABELS,
        STEP_LABELS,
    )
    from citeslab_tui.core.text import printable
    from citeslab_tui.present import label_of

    b, pub, path = r.porteurs, r.publics, r.path
    yield Text(
        f"Porteurs suivis sur la période : {b.active} (accompagnés : {pub.counted})",
        style="bold",
    )
    if not b.active:
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(ratio=1)
    partners = {p.key: p.label for p in config.partners} | {"non_precise": "non précisé"}
    qpvs = {"hors_qpv": "hors QPV", "qpv_non_precise": "QPV non précisé"}
    unspecified = {"non_precise": "non précisé"}
    publics = dict(pub.by_category) | ({"rqth": pub.rqth} if pub.rqth is not None else {})
    for label, items, labels in (
        ("  Étapes", path.by_stage, STAGE_LABELS),
        ("  Publics", publics, CATEGORIES | {"rqth": "RQTH"}),
        ("  Triple cible", pub.by_profile, PROFILES | unspecified),
        ("  QPV", b.by_qpv, qpvs),
        (
            "  Dans la période",
            {k: n for k, n in path.reached.items() if k != "sortie"},
            STEP_LABELS,
        ),
        ("  Orientations", path.orientations, partners),
        ("  Sorties", path.sorties, SORTIE_REASONS | unspecified),
    ):
        parts = [f"{label_of(labels, k)} {v}" for k, v in items.items() if v]
        grid.add_row(label, Text(printable(", ".join(parts), one_line=True) or "—"))
    if path.creations:
        days = ", ".join(f"{d:%d/%m/%Y}" for d in path.creations)
        grid.add_row("  Créations", Text(f"{len(path.creations)} : {days}"))
    yield grid
