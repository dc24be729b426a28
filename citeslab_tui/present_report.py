"""The figures of a report (`core.indicators.Report`) as the user reads them,
the same in `citeslab report` (rich) and on F3: territory shares, absences,
livrable statuses and gauges, the QPV share, publics, governance, money.

Numbers, hours, shares and dates come from `present`; livrable statuses are
keyed by the codes of `core.livrables` (a mark that reads without colour, then
the label). Apart from `present`, because these need the livrable and publics
rules, which `citeslab log`, `list` or `porteur list` do not.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from citeslab_tui.core.livrables import AHEAD, LATE, ON_TRACK, REACHED, next_due
from citeslab_tui.core.model import CATEGORIES, PROFILES, SORTIE_REASONS, STEP_LABELS, label_of
from citeslab_tui.core.publics import accompanied_rule
from citeslab_tui.present import count, decimal_hours, euros, hours, num, pct, short_date, signed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.text import Text  # lazy in status_text: the other figures are plain text

    from citeslab_tui.core.indicators import LivrableFigures, Report, TerritoryFigures
    from citeslab_tui.core.model import Config
    from citeslab_tui.core.money import MoneyYear

STATUS_MARKS = {REACHED: "✓", AHEAD: "↑", ON_TRACK: "=", LATE: "!"}
STATUS_STYLES = {REACHED: "bold green", AHEAD: "green", ON_TRACK: "", LATE: "bold red"}


def share_vs_target(share: float | None, target: float | None) -> str:
    """`55 % / 80 % (−25 pts)`: a territory's share of the logged working time
    against its allocated share, with the drift in points (issue 11)."""
    head = f"{pct(share, 0)} / {pct(target, 0)}"
    if share is None or target is None:
        return head
    return f"{head} ({signed((share - target) * 100, 0)} pts)"


def territory_share_line(f: TerritoryFigures, month: tuple[date, date] | None) -> str:
    """`AA 55 % / 80 % (−25 pts) · dernier mois 60 % / 80 % (−20 pts)`."""
    line = f"{f.code} {share_vs_target(f.share, f.target_share)}"
    if month is not None:
        line += f" · dernier mois {share_vs_target(f.month_share, f.month_target_share)}"
    return line


def absences_line(by_type: dict[str, int], config: Config) -> str | None:
    """`Absences : 21 h (congé 14 h, RTT 7 h)` — None without any."""
    total = sum(by_type.values())
    if not total:
        return None
    parts = ", ".join(f"{config.type_label(k)} {hours(m)}" for k, m in sorted(by_type.items()))
    return f"Absences : {hours(total)} ({parts}), déduites des heures attendues"


def status_text(status: str | None) -> Text:
    """A livrable status: `✓ atteint`, `! en retard`… (`—` without a target)."""
    from rich.text import Text  # here: rich only where a status is drawn

    if status is None:
        return Text("—", style="dim")
    mark = STATUS_MARKS.get(status)
    return Text(f"{mark} {status}" if mark else status, style=STATUS_STYLES.get(status, ""))


def livrable_gauge(lv: LivrableFigures) -> tuple[float, float | None]:
    """How far a livrable's gauge is filled and where its mark stands (0–1),
    the same in `citeslab report` and on F3. A share fills to itself and is
    marked at its target; a count fills to actual ÷ target and is marked at
    what is expected by now; a count with nothing asked this period (a target
    of 0, as a prorated year can give) is full, as its status says."""
    if lv.kind == "qpv_share":
        return lv.actual or 0.0, lv.target
    if lv.target is None:
        return 0.0, None
    if lv.target == 0:
        return 1.0, None
    return (lv.actual or 0.0) / lv.target, (lv.expected_to_date or 0.0) / lv.target


# --------------------------------------------------------------------------- issue 12 figures
# Publics, path, governance and money as one-line French summaries, the same in
# `citeslab report` and on F3. Anonymous counts only; RQTH only when the report
# gives it (a total of at least 5, see core.publics).


def qpv_share_line(
    label: str, numerator: int, denominator: int, share: float | None, target: float | None
) -> str:
    """`Part des porteurs accompagnés issus d'un QPV : 37,6 % (53 sur 141) · objectif 30 %`."""
    line = f"{label} : {pct(share)} ({numerator} sur {denominator})"
    return line + (f" · objectif {pct(target, 0)}" if target is not None else "")


def accompanied_line(stage: str) -> str:
    """Under the QPV share: who counts as accompanied (core.publics)."""
    return accompanied_rule(stage)


def publics_lines(r: Report, config: Config) -> list[str]:
    """Publics, triple cible, path, orientations and sorties of a report."""
    pub, path = r.publics, r.path

    def items(counts: dict[str, int], labels: dict[str, str]) -> str:
        return " · ".join(f"{label_of(labels, k).lower()} {n}" for k, n in counts.items() if n)

    head = f"Accompagnés : {pub.counted} · issus d'un QPV {pub.from_qpv}"
    if cats := items(pub.by_category, CATEGORIES):
        head += f" · {cats}"
    if pub.rqth is not None:
        head += f" · RQTH {pub.rqth}"
    lines = [head]
    profiles = items(pub.by_profile, {**PROFILES, "non_precise": "profil non précisé"})
    lines.append(f"Triple cible : {profiles or '—'}")
    reached = items({k: n for k, n in path.reached.items() if k != "sortie"}, STEP_LABELS)
    lines.append(f"Étapes dans la période : {reached or '—'}")
    if path.creations:
        days = ", ".join(f"{d:%d/%m}" for d in path.creations)
        lines.append(f"Créations : {len(path.creations)} ({days})")
    partners = {p.key: p.label for p in config.partners} | {"non_precise": "non précisé"}
    orient = " · ".join(f"{label_of(partners, k)} {n}" for k, n in path.orientations.items() if n)
    lines.append(f"Orientations : {orient or '—'}")
    sorties = items(path.sorties, {**SORTIE_REASONS, "non_precise": "motif non précisé"})
    lines.append(f"Sorties : {sorties or '—'}")
    return lines


def governance_line(lv: LivrableFigures, as_of: date) -> str:
    """`Comités techniques : 1 / 3 · tenus le 10/02 · prochain avant le 10/05/2022
    (3 mois après le dernier, dépassé)`: the gap is the one in force (core.livrables.cadence_on)."""
    held = ", ".join(f"{d:%d/%m}" for d in lv.held_on)
    line = f"{lv.label} : {count(lv.actual)} / {count(lv.target)}"
    line += f" · tenus le {held}" if held else " · aucun tenu"
    due = next_due(lv.held_on, lv.period, lv.cadence_months)
    if due is not None:
        late = due < min(as_of, lv.period.end)
        since = "le dernier" if lv.held_on else "le début de la période"
        gap = f"{lv.cadence_months} mois après {since}" + (", dépassé" if late else "")
        line += f" · prochain avant le {short_date(due)} ({gap})"
    return line


def money_lines(m: MoneyYear) -> list[str]:
    """One convention year: cost, Bpifrance, net; hourly cost and the value of the
    hours logged against the cost; the funders' warnings."""
    bpi = f" ({pct(m.bpi_share)})" if m.bpi_share is not None else ""
    value = f" ≈ {euros(m.value_logged)}" if m.value_logged is not None else ""
    if m.value_share is not None:
        value += f" ({pct(m.value_share, 0)} du coût)"
    return [
        f"{m.territory} {m.year} : coût {euros(m.cost)} · Bpifrance {euros(m.bpi_subsidy)}{bpi}"
        f" · net {euros(m.net)}",
        f"  {euros(m.hourly_cost, 2)}/h ({num(m.expected_hours, 2)} h attendues)"
        f" · {decimal_hours(m.minutes_logged, unit=True)} saisies{value}",
        *(f"  ⚠ {w}" for w in m.warnings),
    ]


def target_rules(livrables: Sequence[LivrableFigures]) -> list[str]:
    """`prorata calendaire 4/12 : Ateliers…, Comités…` for rules other than `convention`."""
    by_rule: dict[str, list[str]] = {}
    for lv in livrables:
        if lv.target_rule and lv.target_rule != "convention":
            by_rule.setdefault(lv.target_rule, []).append(lv.label)
    return [f"{rule} : {', '.join(labels)}" for rule, labels in by_rule.items()]
