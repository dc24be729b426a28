"""The four exports as tables (a header and rows of formatted, neutralised
strings) in a given dialect: `timesheet`, `entries`, `indicators`, `porteurs`.

Personal data (DOMAIN.md, "Personal data"): the `porteurs` table is
pseudonymous — id, territory, QPV, categories, stage and step dates — and
carries names and contact details only when `with_names` is asked. RQTH and the
free-text notes about a person never leave the data file.

**Timesheet hours** are printed so that the columns add up: the cells are
rounded to hundredths of an hour *cumulatively*, in reading order (row by row,
pillar by pillar): each cell prints `R(C) − R(C_before)`, where `C` is the
running total of minutes and `R` rounds minutes to hundredths of an hour. Every
cell is therefore within 0,01 h (0.6 minute) of its exact value — identical to
it whenever the minutes are a multiple of 3, as with quarter-hours — each row's
total is exactly the sum of its pillar cells, and the sum of the `Total (h)`
column is exactly the period's hours as `citeslab report` prints them.
Training columns come before `Total (h)` (working time); absence columns after
it, rounded the same way on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from citeslab_tui.core.livrables import next_due
from citeslab_tui.core.model import (
    CATEGORIES,
    PROFILES,
    SORTIE_REASONS,
    STAGE_LABELS,
    STEP_LABELS,
    Config,
    Entry,
    Porteur,
    label_of,
)
from citeslab_tui.core.model import format_hhmm as _hhmm
from citeslab_tui.export.csvfmt import (
    Dialect,
    format_hundredths,
    hundredths,
    neutralise,
)

if TYPE_CHECKING:
    from citeslab_tui.core.indicators import Report
    from citeslab_tui.core.timesheet import Timesheet

Table = tuple[list[str], list[list[str]]]

# The French headers the issue fixes for the default pillars; other pillars use
# their configured label (`Préparation / Orientation` → `Préparation/Orientation`).
_FR_PILLAR_HEADERS = {
    "prospection": "Prospection (h)",
    "preparation_orientation": "Préparation/Orientation (h)",
    "animation": "Animation (h)",
    "referent": "Référent de parcours (h)",
}

ENTRY_FIELDS: tuple[str, ...] = (
    "id",
    "date",
    "start",
    "end",
    "hours",
    "type",
    "type_label",
    "occurrence",
    "pillar",
    "territory",
    "qpv",
    "persons",
    "porteurs",
    "partner",
    "note",
)
ENTRY_HEADERS_FR: dict[str, str] = {
    "id": "Identifiant",
    "date": "Date",
    "start": "Début",
    "end": "Fin",
    "hours": "Heures",
    "type": "Type",
    "type_label": "Libellé du type",
    "occurrence": "Occurrence",
    "pillar": "Pilier",
    "territory": "Territoire",
    "qpv": "QPV",
    "persons": "Personnes",
    "porteurs": "Porteurs",
    "partner": "Partenaire",
    "note": "Note",
}
PORTEUR_SEPARATOR = " "  # porteur ids inside one cell


def pillar_header(config: Config, key: str, dialect: Dialect) -> str:
    if not dialect.french:
        return f"{key}_h"
    if key in _FR_PILLAR_HEADERS:
        return _FR_PILLAR_HEADERS[key]
    try:
        label = config.pillar(key).label
    except KeyError:
        label = key
    return f"{label.replace(' / ', '/')} (h)"


# --------------------------------------------------------------------------- timesheet


def type_header(config: Config, key: str, dialect: Dialect) -> str:
    """The column of a type outside the pillars (training, an absence)."""
    return f"{config.type_label(key)} (h)" if dialect.french else f"{key}_h"


def timesheet_table(ts: Timesheet, config: Config, dialect: Dialect) -> Table:
    """One row per shown day and territory (see `core.timesheet`): the pillars,
    the training types, `Total (h)` (the working time), then the absence types,
    apart (on the day's first row; in no total)."""
    header = ["Date", "Territoire"] if dialect.french else ["date", "territory"]
    header += [pillar_header(config, key, dialect) for key in ts.pillars]
    header += [type_header(config, key, dialect) for key in ts.formation]
    header.append("Total (h)" if dialect.french else "total_h")
    header += [type_header(config, key, dialect) for key in ts.absences]
    rows: list[list[str]] = []
    decimal = dialect.decimal
    # Two running roundings: the working time, and the absences (each column
    # family adds up to its exact total).
    running = [0, 0]
    printed = [0, 0]

    def cell(m: int, family: int) -> int:
        if not m:
            return 0
        running[family] += m
        now = hundredths(running[family])
        out, printed[family] = now - printed[family], now
        return out

    for row in ts.rows:
        cells = [dialect.date(row.day), neutralise(row.territory)]
        row_total = 0
        for m in row.work:
            value = cell(m, 0)
            row_total += value
            cells.append(format_hundredths(value, decimal))
        cells.append(format_hundredths(row_total, decimal))
        cells += [format_hundredths(cell(m, 1), decimal) for m in row.absences]
        rows.append(cells)
    return header, rows


# --------------------------------------------------------------------------- entries


def entries_header(dialect: Dialect) -> list[str]:
    if dialect.french:
        return [ENTRY_HEADERS_FR[f] for f in ENTRY_FIELDS]
    return list(ENTRY_FIELDS)


def entries_table(entries: Iterable[Entry], config: Config, dialect: Dialect) -> Table:
    """The detailed log, one row per entry. Hours per entry are rounded on their
    own (2 decimals), which the import turns back into the exact minutes.
    `Occurrence` says whether the entry is the atelier, comité… held (`oui`) or
    time around it (`non`: preparation, minutes), so that an import counts the
    same livrables (core/occurrences.py)."""
    flags = {True: dialect.boolean(True), False: dialect.boolean(False)}
    labels = {t.key: neutralise(t.label) for t in config.action_types}
    # Dates, times, durations and keys repeat from row to row: each distinct
    # value is formatted once.
    dates: dict[object, str] = {}
    times: dict[object, str] = {None: ""}
    durations: dict[int, str] = {}
    codes: dict[str | None, str] = {None: ""}  # type, pillar, territory, qpv
    texts: dict[str, str] = {"": ""}  # porteurs, partners, notes (they repeat too)
    rows: list[list[str]] = []
    append = rows.append
    for e in entries:
        day = dates.get(e.date)
        if day is None:
            day = dates[e.date] = dialect.date(e.date)
        start = times.get(e.start)
        if start is None:
            start = times[e.start] = _hhmm(e.start)
        end = times.get(e.end)
        if end is None:
            end = times[e.end] = _hhmm(e.end)
        hours = durations.get(e.minutes)
        if hours is None:
            hours = durations[e.minutes] = dialect.hours(e.minutes)
        cells = []
        for code in (e.type, e.pillar, e.territory, e.qpv):
            text = codes.get(code)
            if text is None:
                text = codes[code] = neutralise(code or "")
            cells.append(text)
        texts_out = []
        for text in (PORTEUR_SEPARATOR.join(e.porteurs), e.partner or "", e.note):
            done = texts.get(text)
            if done is None:
                done = texts[text] = neutralise(text)
            texts_out.append(done)
        append(
            [
                neutralise(e.id),
                day,
                start,
                end,
                hours,
                cells[0],
                labels.get(e.type, ""),
                flags[e.occurrence],
                cells[1],
                cells[2],
                cells[3],
                str(e.persons),
                texts_out[0],
                texts_out[1],
                texts_out[2],
            ]
        )
    return entries_header(dialect), rows


# --------------------------------------------------------------------------- indicators

_SECTIONS = {
    "livrable": "Livrable",
    "territory": "Territoire",
    "pillar": "Pilier",
    "publics": "Public",
    "path": "Parcours",
    "orientation": "Orientation",
    "sortie": "Sortie",
    "governance": "Gouvernance",
    "money": "Budget",
}
_UNITS = {
    "count": "nombre",
    "share": "part",
    "hours": "heures",
    "etp": "ETP",
    "people": "personnes",
    "euro": "euros",
    "euro_hour": "euros/heure",
}


def indicators_table(
    report: Report, config: Config, dialect: Dialect, full_time_minutes: float
) -> Table:
    """The indicators report as a long table: one row per livrable, then per
    territory its hours (logged against expected) and ETP (spent against
    allocated), then the hours per territory and pillar, then the pillar split
    over the territories in scope (share against the indicative share).

    `full_time_minutes` is what 1 ETP works in the report's period (see
    `core.timesheet.full_time_minutes`): the base of the ETP actually spent."""
    fr = dialect.french
    header = (
        [
            "Rubrique",
            "Clé",
            "Libellé",
            "Territoire",
            "Unité",
            "Objectif",
            "Réalisé",
            "Attendu à date",
            "Statut",
            "Règle",
        ]
        if fr
        else [
            "section",
            "key",
            "label",
            "territory",
            "unit",
            "target",
            "actual",
            "expected_to_date",
            "status",
            "rule",
        ]
    )
    num = dialect.number

    def hours(minutes: int | None) -> str:
        return "" if minutes is None else format_hundredths(hundredths(minutes), dialect.decimal)

    def line(
        section: str,
        key: str,
        label: str,
        territory: str | None,
        unit: str,
        target: str,
        actual: str,
        expected: str,
        status: str | None,
        rule: str = "",
    ) -> list[str]:
        return [
            _SECTIONS[section] if fr else section,
            neutralise(key),
            neutralise(label),
            neutralise(territory or ""),
            _UNITS[unit] if fr else unit,
            target,
            actual,
            expected,
            neutralise(status or ""),
            neutralise(rule),
        ]

    rows: list[list[str]] = []
    for lv in report.livrables:
        if lv.kind == "qpv_share":
            rule = f"{lv.numerator} sur {lv.denominator} porteurs accompagnés ; {lv.target_rule}"
            rows.append(
                line(
                    "livrable",
                    lv.key,
                    lv.label,
                    lv.territory,
                    "share",
                    num(lv.target, 4),
                    num(lv.actual, 4),
                    num(lv.expected_to_date, 4),
                    lv.status,
                    rule,
                )
            )
        else:
            actual = "" if lv.actual is None else _count(lv.actual, dialect)
            target = "" if lv.target is None else _count(lv.target, dialect)
            rows.append(
                line(
                    "livrable",
                    lv.key,
                    lv.label,
                    lv.territory,
                    "count",
                    target,
                    actual,
                    num(lv.expected_to_date),
                    lv.status,
                    lv.target_rule,
                )
            )
    for t in report.territories:
        rows.append(
            line(
                "territory",
                "heures",
                f"Heures – {t.name}",
                t.code,
                "hours",
                hours(t.minutes_expected),
                hours(t.minutes_logged),
                hours(t.minutes_expected_to_date),
                None,
            )
        )
        spent = t.minutes_logged / full_time_minutes if full_time_minutes else None
        rows.append(
            line(
                "territory",
                "etp",
                f"ETP – {t.name}",
                t.code,
                "etp",
                num(t.etp, 2),
                num(spent, 2),
                "",
                None,
            )
        )
    for t in report.territories:
        for p in t.pillars:
            rows.append(
                line("pillar", p.key, p.label, t.code, "hours", "", hours(p.minutes), "", None)
            )
    for p in report.pillars:
        rows.append(
            line(
                "pillar",
                p.key,
                p.label,
                report.territory,
                "share",
                num(p.target_share, 4),
                num(p.share, 4),
                "",
                None,
            )
        )
    for lv in (lv for lv in report.livrables if lv.governance):
        due = next_due(lv.held_on, lv.period, lv.cadence_months)
        held = ", ".join(dialect.date(d) for d in lv.held_on)
        rule = f"tenus : {held or 'aucun'}" + (
            f" ; prochain au plus tard {dialect.date(due)}" if due else ""
        )
        rows.append(
            line(
                "governance",
                lv.key,
                lv.label,
                lv.territory,
                "count",
                "" if lv.target is None else _count(lv.target, dialect),
                "" if lv.actual is None else _count(lv.actual, dialect),
                "",
                lv.status,
                f"{rule} ; {lv.cadence}" if lv.cadence else rule,
            )
        )
    for section, key, label, unit, actual, rule in _porteur_rows(report, config):
        rows.append(line(section, key, label, report.territory, unit, "", actual, "", None, rule))
    for m in report.money:
        euros = (
            ("cost", "Coût total", m.cost),
            ("bpi_subsidy", "Subvention Bpifrance", m.bpi_subsidy),
            ("net", "Coût net pour le territoire", m.net),
        )
        where = f"{m.convention} {m.year}"
        for key, label, value in euros:
            rows.append(
                line(
                    "money",
                    key,
                    f"{label} {m.year}",
                    m.territory,
                    "euro",
                    "",
                    num(value, 2),
                    "",
                    None,
                    where,
                )
            )
        rows.append(
            line(
                "money",
                "hourly_cost",
                f"Coût horaire {m.year}",
                m.territory,
                "euro_hour",
                "",
                num(m.hourly_cost, 2),
                "",
                None,
                f"coût ÷ {num(m.expected_hours, 2)} h attendues",
            )
        )
        rows.append(
            line(
                "money",
                "hours_logged",
                f"Heures saisies {m.year}",
                m.territory,
                "hours",
                num(m.expected_hours, 2),
                hours(m.minutes_logged),
                "",
                None,
                where,
            )
        )
        rows.append(
            line(
                "money",
                "value_logged",
                f"Valeur des heures saisies {m.year}",
                m.territory,
                "euro",
                num(m.cost, 2),
                num(m.value_logged, 2),
                "",
                None,
                "heures × coût horaire",
            )
        )
        rows.append(
            line(
                "money",
                "bpi_share",
                f"Part Bpifrance {m.year}",
                m.territory,
                "share",
                num(0.30, 4),
                num(m.bpi_share, 4),
                "",
                "; ".join(m.warnings),
                "au plus 30 % du budget",
            )
        )
    return header, rows


def _porteur_rows(report: Report, config: Config) -> list[tuple[str, str, str, str, str, str]]:
    """Publics, path, orientations, sorties: anonymous counts (section, key,
    label, unit, actual, rule). RQTH only as a total of 5 or more."""
    pub, path = report.publics, report.path
    rows = [
        (
            "publics",
            "accompagnes",
            "Porteurs accompagnés",
            "people",
            str(pub.counted),
            f"à partir de l'étape « {report.qpv_share.stage} »",
        )
    ]
    rows += [
        ("publics", k, CATEGORIES.get(k, k), "people", str(n), "")
        for k, n in pub.by_category.items()
    ]
    rows += [
        ("publics", k, PROFILES.get(k, "Profil non précisé"), "people", str(n), "triple cible")
        for k, n in pub.by_profile.items()
    ]
    rows.append(
        (
            "publics",
            "issus_qpv",
            "Issus d'un QPV (résidents ou projet)",
            "people",
            str(pub.from_qpv),
            "",
        )
    )
    if pub.rqth is not None:
        rows.append(("publics", "rqth", "RQTH", "people", str(pub.rqth), "total seulement"))
    rows += [
        (
            "path",
            f"etape_{k}",
            f"Étape atteinte : {STEP_LABELS.get(k, k)}",
            "people",
            str(n),
            "dans la période",
        )
        for k, n in path.reached.items()
    ]
    rows += [
        (
            "path",
            f"stade_{k}",
            f"Stade au dernier jour : {STAGE_LABELS.get(k, k)}",
            "people",
            str(n),
            "",
        )
        for k, n in path.by_stage.items()
    ]
    dates = ", ".join(d.isoformat() for d in path.creations)
    rows.append(
        ("path", "creations", "Créations d'entreprise", "count", str(len(path.creations)), dates)
    )
    rows += [
        ("orientation", k, config.partner_label(k), "count", str(n), "")
        for k, n in path.orientations.items()
    ]
    rows += [
        ("sortie", k, SORTIE_REASONS.get(k, "Motif non précisé"), "count", str(n), "")
        for k, n in path.sorties.items()
    ]
    return rows


def _count(value: float, dialect: Dialect) -> str:
    if float(value).is_integer():
        return str(int(value))
    return dialect.number(value)


# --------------------------------------------------------------------------- porteurs

_PORTEUR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "Identifiant"),
    ("territory", "Territoire"),
    ("qpv_resident", "Résident QPV"),
    ("qpv", "QPV"),
    ("project_qpv", "Projet en QPV"),
    ("categories", "Catégories"),
    ("stage", "Étape"),
    ("accueilli", "Accueilli le"),
    ("amorcage", "Amorçage le"),
    ("oriente", "Orienté le"),
    ("oriente_partner", "Orienté vers"),
    ("creation", "Création le"),
    ("sortie", "Sortie le"),
    ("sortie_reason", "Motif de sortie"),
)
_NAME_COLUMNS: tuple[tuple[str, str], ...] = (("name", "Nom"), ("contact", "Contact"))


def porteurs_header(*, french: bool, with_names: bool = False) -> list[str]:
    columns = _PORTEUR_COLUMNS + (_NAME_COLUMNS if with_names else ())
    return [fr if french else key for key, fr in columns]


PorteurValue = str | date | bool | None


def porteur_values(
    p: Porteur, config: Config, *, french: bool, with_names: bool = False
) -> list[PorteurValue]:
    """One porteur's cells, typed (text, date, yes/no, None for none), in the
    order of `porteurs_header`: shared by the CSV and the XLSX register."""
    oriente = sorted((s for s in p.steps if s.step == "oriente"), key=lambda s: s.date)
    sortie = sorted((s for s in p.steps if s.step == "sortie"), key=lambda s: s.date)
    partner = oriente[0].partner if oriente else None
    reason = sortie[0].reason if sortie else None
    if french:
        categories = ", ".join(label_of(CATEGORIES, c) for c in p.categories)
        stage = label_of(STAGE_LABELS, p.stage)
        partner_text = config.partner_label(partner) if partner else ""
        reason_text = label_of(SORTIE_REASONS, reason) if reason else ""
    else:
        categories = " ".join(p.categories)
        stage = p.stage
        partner_text = partner or ""
        reason_text = reason or ""
    row: list[PorteurValue] = [
        p.id,
        p.territory,
        p.qpv_resident,
        p.qpv or "",
        p.project_qpv,
        categories,
        stage,
        p.step_date("accueilli"),
        p.step_date("amorcage"),
        oriente[0].date if oriente else None,
        partner_text,
        p.step_date("creation"),
        sortie[0].date if sortie else None,
        reason_text,
    ]
    if with_names:
        row += [p.name or "", p.contact or ""]
    return row


def porteurs_table(
    porteurs: Sequence[Porteur], config: Config, dialect: Dialect, *, with_names: bool = False
) -> Table:
    """The register, pseudonymised. Never RQTH, never the notes; names and
    contact details only `with_names`."""
    fr = dialect.french
    rows = []
    for p in porteurs:
        cells = []
        for value in porteur_values(p, config, french=fr, with_names=with_names):
            if isinstance(value, bool):
                cells.append(dialect.boolean(value))
            elif isinstance(value, date) or value is None:
                cells.append(dialect.date(value))
            else:
                cells.append(neutralise(value))
        rows.append(cells)
    return porteurs_header(french=fr, with_names=with_names), rows
