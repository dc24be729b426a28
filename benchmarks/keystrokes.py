"""How many keys it takes to log a week, notes excluded: retyping every line,
against the quick-entry history (↑ / ctrl+r) and « copier la veille » (ctrl+y).

Run: .venv/bin/python benchmarks/keystrokes.py

The fixture is a cheffe's ordinary week: 5 days, 6 to 8 entries a day, the
weekly permanence at Saint-Georges, the same entretien slots on Tuesday and
Thursday, the daily reporting. The week before it (same pattern) is already in
the history, as it would be after a week of use. Notes are typed in both cases
and not counted: the history is kept without notes (`citeslab history
--no-notes`), so a recalled line comes back without its note either way.

Model of the keys (what the app does, counted by the real core.history code):
- retyping: every character of the line before `--`, then Enter;
- ↑: as many ↑ as the line is deep in the history, then Enter;
- ctrl+r: the search prompt, the shortest piece of the line whose newest
  match is this line, Enter to take it, Enter to record it;
- ctrl+y: 1 key copies the previous day's entries; the lines the day has that
  the previous one had not are then entered (retyped or recalled, the cheaper);
  each copied line the day does not want costs Escape, the ↓ to reach it
  (counted as its row), x, and n to come back to the bar.
For each line the cheapest way is taken; for each day the cheaper of copying
or not. A user who knows the keys does no better than this, and no worse.
"""

from __future__ import annotations

from citeslab_tui.core.history import Cursor, History
from citeslab_tui.core.quickentry import split_note

MONDAY = [
    "9h-12h permanence #saint-georges 4p -- 2 RDV pris",
    "14h-15h entretien @CCG +P-2026-003 -- business plan",
    "15h-16h entretien @CCG +P-2026-005",
    "16h-16h30 reporting",
    "1h30 terrain @AA -- marché du Perrier",
    "30min communication -- post LinkedIn",
]
TUESDAY = [
    "9h-10h entretien @AA +P-2026-001",
    "10h-11h entretien @AA +P-2026-002 -- étude de marché",
    "11h-12h suivi @AA +P-2026-004",
    "14h-16h atelier @AA 12p -- oser créer",
    "16h-17h reporting",
    "30min communication",
    "45min prescripteur @AA >france_travail",
]
WEDNESDAY = [
    "9h-10h entretien @AA +P-2026-006",
    "10h-12h comite tech @CCG -- COTECH trimestriel",
    "14h-15h30 orientation @AA >adie +P-2026-002",
    "16h-17h reporting",
    "30min communication",
    "1h reseau @AA -- petit-déjeuner des partenaires",
]
THURSDAY = [
    "9h-10h entretien @AA +P-2026-001",
    "10h-11h entretien @AA +P-2026-002",
    "11h-12h suivi @AA +P-2026-004",
    "14h-16h atelier @AA 12p -- atelier financement",
    "16h-17h reporting",
    "30min communication",
    "45min prescripteur @AA >france_travail",
    "1h suivi @CCG +P-2026-003",
]
FRIDAY = [
    "9h-11h terrain @AA -- porte-à-porte Château Rouge",
    "11h-12h entretien @AA +P-2026-007",
    "14h-15h entretien @CCG +P-2026-005",
    "15h-16h suivi @AA +P-2026-004",
    "16h-17h reporting",
    "30min communication",
]
WEEK = [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]


def typed(line: str) -> str:
    """The part of a line that is not the note (the note is not counted)."""
    return " ".join(split_note(line)[0].split())


def retype_keys(line: str) -> int:
    return len(typed(line)) + 1  # the characters, then Enter


def up_keys(history: History, line: str) -> int | None:
    cursor = Cursor(history.lines, "")
    for presses in range(1, len(history.lines) + 1):
        if cursor.older() == typed(line):
            return presses + 1  # ↑ × n, then Enter
    return None


def search_keys(history: History, line: str) -> int | None:
    text = typed(line)
    if text not in history.lines:
        return None
    for size in range(1, len(text) + 1):
        for start in range(len(text) - size + 1):
            piece = text[start : start + size]
            if piece.strip() != piece:
                continue
            found = history.search(piece)
            if found and found[0] == text:
                return size + 3  # ctrl+r, the piece, Enter (take), Enter (record)
    return None


def line_keys(history: History, line: str) -> int:
    costs = [retype_keys(line), up_keys(history, line), search_keys(history, line)]
    return min(c for c in costs if c is not None)


def day_keys(history: History, day: list[str], previous: list[str]) -> tuple[int, History, str]:
    """The cheaper of entering every line, or copying the previous day first."""
    plain, h1 = 0, history
    for line in day:
        plain += line_keys(h1, line)
        h1 = h1.remember(line)
    if not previous:
        return plain, h1, "lignes"
    wanted = [typed(x) for x in day]
    copied = [typed(x) for x in previous]
    extra_rows = [n for n, line in enumerate(copied) if line not in wanted]
    copy, h2 = 1, history  # ctrl+y
    if extra_rows:
        copy += sum(1 + (row + 1) + 1 for row in extra_rows) + 1  # Escape, ↓…, x; then n
    for line in day:
        if typed(line) not in copied:
            copy += line_keys(h2, line)
            h2 = h2.remember(line)
    if copy < plain:
        return copy, h1, "ctrl+y"
    return plain, h1, "lignes"


def main() -> None:
    history = History(keep_notes=False)
    for day in WEEK:  # the week before, same pattern: already in the history
        for line in day:
            history = history.remember(line)
    retyped = sum(retype_keys(line) for day in WEEK for line in day)
    print("jour       entrées  retaper  historique+veille  façon")
    total, previous = 0, []
    names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
    for name, day in zip(names, WEEK, strict=True):
        keys, history, how = day_keys(history, day, previous)
        total += keys
        again = sum(retype_keys(line) for line in day)
        print(f"{name:<10} {len(day):>7}  {again:>7}  {keys:>17}  {how}")
        previous = day
    count = sum(len(d) for d in WEEK)
    print(f"{'semaine':<10} {count:>7}  {retyped:>7}  {total:>17}")
    print(f"gain : {retyped / total:.1f} fois moins de touches ({retyped - total} de moins)")


if __name__ == "__main__":
    main()
