"""The money of a convention, year by year, set against the hours logged.

The convention states, per calendar year, the cost of the CitésLab on its
territory, the Bpifrance subsidy received for it and the net cost for the
partner (DOMAIN.md, "The convention"). From them, so a manager can explain each
figure to a funder:

- **expected hours** of the allocation that year = the territory's dated ETP
  allocations × annual hours × working days of the year inside the convention ÷
  working days of the year (`core.allocation`; 2022 on the CCG:
  0.2 × 1607 = 321.4 h; 2021: 0.2 × 1607 × 86/254 = 108.82 h), before absences;
- **hourly cost** = cost ÷ expected hours (2022: 15 280 ÷ 321.4 ≈ 47.54 €/h);
- **hours logged** on the territory that year inside the convention (and the
  report's period, up to its as-of day), absences left out; **value logged** = hours logged ×
  hourly cost, which `value_share` sets against the cost;
- **Bpifrance share** = subsidy ÷ cost, with a warning above 30 % of the budget
  and when the subsidy exceeds the local authorities' net share (cahier des
  charges: "≤ 30 % du budget et ≤ la part des collectivités").
"""

from datetime import date
from fractions import Fraction
from typing import Any, NamedTuple

from citeslab_tui.core.allocation import expected_minutes
from citeslab_tui.core.calendar import WorkingCalendar
from citeslab_tui.core.model import KIND_ABSENCE, Config, Convention, Entry, entry_kind
from citeslab_tui.core.numbers import percent
from citeslab_tui.core.period import Period

BPI_MAX_SHARE = 0.30


class MoneyYear(NamedTuple):
    convention: str
    territory: str
    year: int
    start: date  # the year's part inside the convention
    end: date
    cost: float | None
    bpi_subsidy: float | None
    net: float | None
    expected_hours: float  # exact, not rounded to the minute
    hourly_cost: float | None  # € per hour; None without cost or expected hours
    minutes_logged: int
    value_logged: float | None
    value_share: float | None  # value logged ÷ cost
    bpi_share: float | None  # subsidy ÷ cost
    warnings: tuple[str, ...]


class MoneyCounter:
    """Minutes logged on one territory between two days (fed by the report's pass)."""

    __slots__ = ("convention", "start", "stop", "territory", "value", "year")

    def __init__(self, convention: Convention, year: int, start: date, stop: date) -> None:
        self.convention, self.year = convention, year
        self.territory = convention.territory or ""
        self.start, self.stop = start, stop
        self.value = 0

    def add(self, e: Entry) -> None:
        if self.start <= e.date <= self.stop and entry_kind(e.pillar) != KIND_ABSENCE:
            self.value += e.minutes


def money_counters(config: Config, period: Period, as_of: date) -> list[MoneyCounter]:
    """One counter per convention (with a territory) and year of `period` with money."""
    out = []
    for conv in config.conventions:
        if not conv.territory or not conv.money:
            continue
        for year in sorted(conv.money):
            part = Period.year(year).clamp(Period(conv.start, conv.end))
            window = part.clamp(period) if part else None
            if part is None or window is None:
                continue
            out.append(MoneyCounter(conv, year, window.start, min(window.end, as_of)))
    return out


def money_year(counter: MoneyCounter, config: Config, cal: WorkingCalendar) -> MoneyYear:
    conv, year = counter.convention, counter.year
    part = Period.year(year).clamp(Period(conv.start, conv.end))
    assert part is not None
    terr = next((t for t in config.territories if t.code == counter.territory), None)
    exact = (
        expected_minutes(terr, config.annual_hours, cal, part.start, part.end)
        if terr is not None
        else Fraction(0)
    )
    m = conv.money[year]
    cost, subsidy = m.cost, m.subsidy
    hourly = float(Fraction(repr(cost)) * 60 / exact) if cost is not None and exact else None
    value = counter.value / 60 * hourly if hourly is not None else None
    bpi = subsidy / cost if cost and subsidy is not None else None
    warnings = []
    if bpi is not None and bpi > BPI_MAX_SHARE + 1e-9:
        warnings.append(f"part Bpifrance {percent(bpi)} : plus de 30 % du budget")
    if subsidy is not None and m.net is not None and subsidy > m.net:
        warnings.append("subvention Bpifrance supérieure à la part des collectivités")
    return MoneyYear(
        conv.key,
        counter.territory,
        year,
        part.start,
        part.end,
        cost,
        subsidy,
        m.net,
        float(exact / 60),
        hourly,
        counter.value,
        value,
        value / cost if value is not None and cost else None,
        bpi,
        tuple(warnings),
    )


def money_json(m: MoneyYear) -> dict[str, Any]:
    def r(x: float | None, digits: int) -> float | None:
        return None if x is None else round(x, digits)

    return {
        "convention": m.convention,
        "territory": m.territory,
        "year": m.year,
        "from": m.start.isoformat(),
        "to": m.end.isoformat(),
        "cost": m.cost,
        "bpi_subsidy": m.bpi_subsidy,
        "net": m.net,
        "expected_hours": round(m.expected_hours, 2),
        "hourly_cost": r(m.hourly_cost, 2),
        "hours_logged": round(m.minutes_logged / 60, 2),
        "value_logged": r(m.value_logged, 2),
        "value_share": r(m.value_share, 4),
        "bpi_share": r(m.bpi_share, 3),
        "warnings": list(m.warnings),
    }
