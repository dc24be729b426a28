"""A running timer, for those who log as they go: `citeslab start "atelier @CCG
12p"` now, `citeslab stop` when the atelier ends, and the entry is recorded with
its real start and end times.

Pure: the clock is passed in. The timer is the quick-entry line *without* its
duration (the timer measures it) and the moment it started. A timer forgotten
overnight is never turned into a 30-hour entry: stopping it on a later day needs
an end time on the day it started (or abandoning it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from citeslab_tui.core.errors import CitesLabError, QuickEntryError
from citeslab_tui.core.model import Config, format_hhmm
from citeslab_tui.core.quickentry import EntryDraft, parse, split_note
from citeslab_tui.core.text import hours

RECORD_VERSION = 1


class TimerError(CitesLabError):
    """A timer that cannot be started or stopped as asked (French message)."""


class TimerOverMidnight(TimerError):
    """A timer started on an earlier day: the user must say when it ended."""


@dataclass(frozen=True, slots=True)
class RunningTimer:
    line: str  # a quick-entry line without duration: `atelier @CCG 12p -- note`
    started: datetime  # local time, to the second

    def to_record(self) -> dict[str, Any]:
        return {
            "version": RECORD_VERSION,
            "line": self.line,
            "started": self.started.replace(microsecond=0).isoformat(),
        }

    @classmethod
    def from_record(cls, data: Any) -> RunningTimer:
        """Raises TimerError when the record is not a timer this code wrote."""
        try:
            if data["version"] != RECORD_VERSION or not isinstance(data["line"], str):
                raise ValueError
            return cls(data["line"], datetime.fromisoformat(data["started"]))
        except (KeyError, TypeError, ValueError):
            raise TimerError(
                "fichier du chronomètre illisible : abandonnez-le (stop --cancel)"
            ) from None

    def elapsed(self, now: datetime) -> timedelta:
        return max(now - self.started, timedelta(0))

    def crossed_midnight(self, now: datetime) -> bool:
        return now.date() != self.started.date()

    def describe(self, now: datetime) -> str:
        """`atelier @CCG 12p — depuis 14:05 (1 h 20)`, or the day when not today."""
        since = format_hhmm(self.started.time())
        if self.crossed_midnight(now):
            since = f"le {self.started:%d/%m/%Y} à {since}"
        else:
            since = f"depuis {since}"
        minutes = int(self.elapsed(now).total_seconds() // 60)
        return f"{self.line} — {since} ({hours(minutes)})"


def elapsed_label(timer: RunningTimer, now: datetime) -> str:
    """`0:42:07`: what the header shows while a timer runs."""
    seconds = int(timer.elapsed(now).total_seconds())
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def check_line(line: str, config: Config) -> str:
    """The line a timer may start with: everything an entry needs but its duration.
    Returns it stripped; raises QuickEntryError (French) otherwise."""
    text = line.strip()
    head, _ = split_note(text)
    try:
        parse(text, config)
    except QuickEntryError:
        pass
    else:
        if head.strip():
            raise QuickEntryError(
                "le chronomètre mesure la durée : retirez-la de la ligne (ex. « atelier @CCG 12p »)"
            )
    _draft_for(text, 1, config)
    return text


def _draft_for(line: str, minutes: int, config: Config) -> EntryDraft:
    return parse(f"{minutes}min {line}", config)


@dataclass(frozen=True, slots=True)
class TimerStop:
    """What stopping records: the draft (with its measured duration and range)
    and the day it belongs to."""

    day: date
    draft: EntryDraft


def end_moment(timer: RunningTimer, now: datetime, end: time | None = None) -> datetime:
    """When the timer's activity ended: `end` on the day it started, else now.

    Refuses an end before the start or in the future, and — without `end` — a
    timer started on an earlier day (TimerOverMidnight): it asks when it really
    ended instead of recording 30 hours."""
    if end is not None:
        finish = datetime.combine(timer.started.date(), end)
        if finish <= timer.started:
            raise TimerError(
                f"l'heure de fin doit suivre le début ({format_hhmm(timer.started.time())})"
            )
        if finish > now:
            raise TimerError("l'heure de fin est dans le futur")
        return finish
    if timer.crossed_midnight(now):
        raise TimerOverMidnight(
            f"le chronomètre tourne depuis le {timer.started:%d/%m/%Y} à "
            f"{format_hhmm(timer.started.time())} : donnez l'heure de fin de ce jour-là "
            "ou abandonnez-le"
        )
    return now


def stop(
    timer: RunningTimer,
    now: datetime,
    config: Config,
    *,
    note: str = "",
    end: time | None = None,
) -> TimerStop:
    """The entry a timer gives when stopped at `now` (or at `end` on its own day).

    On a later day without `end`, refuses: a timer left running over midnight
    asks when it really ended instead of recording 30 hours. Less than a minute
    records nothing (a key pressed twice)."""
    started = timer.started.replace(second=0, microsecond=0)
    finish = end_moment(timer, now, end)
    real = finish - timer.started
    finish = finish.replace(second=0, microsecond=0)
    minutes = int((finish - started).total_seconds() // 60)  # the range shown, HH:MM
    if minutes < 1 or real.total_seconds() < 60:
        raise TimerError("moins d'une minute écoulée : rien n'est enregistré")
    line = timer.line
    extra = " ".join(note.split())
    if extra:
        line = f"{line} {extra}" if split_note(line)[1] is not None else f"{line} -- {extra}"
    range_text = f"{started:%H:%M}-{finish:%H:%M}"
    draft = parse(f"{range_text} {line}", config)
    return TimerStop(timer.started.date(), draft)
