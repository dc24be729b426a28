"""Importing an `entries` export (either dialect) back into the log: to move an
existing spreadsheet log into the app, or to merge two data files.

All or nothing: every row is read and checked first — dates, times, hours
that make a whole number of minutes, people as integers, porteur ids well
formed, then what the store itself would refuse (core.checks: types, pillars,
territories, QPVs and — when the caller says which exist — porteurs known to
the configuration) — and if any row is wrong the import is refused with every
bad row listed by its line number, and nothing is written. Rows whose id is
already in the data file are skipped and counted, so
an import run twice adds nothing. This module only reads and validates; the
caller adds `ImportResult.entries` in one atomic write (`Store.add_entries`).

Detection: a BOM or a `;` in the header line means `excel-fr`, else `rfc4180`;
headers are recognised in French or snake_case, in any order; dates in
JJ/MM/AAAA or ISO (read by core.dates, as anywhere a date is typed); hours with
a comma or a point. Cells a spreadsheet would have taken for a formula come back
without their protective `'`.

Occurrence (`Occurrence` / `occurrence`): `oui` / `non` as exported (also
`true`/`false`, `vrai`/`faux` as a spreadsheet may rewrite them, `1`/`0`), any
case; `non` is time around an atelier, comité… (preparation, minutes), never
counted as held (core/occurrences.py). An empty cell or no such column gives the
rule of the quick entry without a `prépa` marker: the entry is the occurrence.

Hours → minutes: an export prints `round(m / 60, 2)`; `round(hours × 60)` gives
`m` back exactly for every m (the printed value is off by at most 0.2 minute).
A value farther than that from a whole number of minutes (`0,01` h = 0.6 min)
is refused rather than guessed.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from citeslab_tui.core.checks import entry_problems
from citeslab_tui.core.dates import DateError, read_date
from citeslab_tui.core.errors import CitesLabError
from citeslab_tui.core.model import (
    MAX_MINUTES,
    MAX_NOTE,
    MAX_PARTNER,
    MAX_PERSONS,
    PORTEUR_ID,
    Config,
    Entry,
    timestamp,
)
from citeslab_tui.core.text import printable
from citeslab_tui.export.csvfmt import BOM, unneutralise
from citeslab_tui.export.tables import ENTRY_FIELDS, ENTRY_HEADERS_FR
from citeslab_tui.fsutil import describe_os_error

MAX_LISTED = 50
END_OF_DAY = time(23, 59, 59, 999999)
_TIME = re.compile(r"^(\d{1,2})[:hH](\d{2})(?::00)?$")
_HOURS = re.compile(r"^(\d{1,4})(?:[.,](\d+))?$")
_HOURS_HMM = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_ID = re.compile(r"^[0-9a-f]{32}$")
_SPLIT_PORTEURS = re.compile(r"[\s,;]+")
_TOLERANCE = Decimal("0.2")  # minutes: the largest error of a 2-decimal print
_REQUIRED = ("date", "hours", "type")
_FLAGS = {
    "oui": True,
    "non": False,
    "true": True,
    "false": False,
    "vrai": True,
    "faux": False,
    "1": True,
    "0": False,
}
_TEXT_FIELDS = frozenset(
    {"id", "type", "type_label", "pillar", "territory", "qpv", "porteurs", "partner", "note"}
)


class ImportRejected(CitesLabError):
    """The file cannot be imported; `problems` lists (line number, reason)."""

    def __init__(
        self,
        source: str,
        problems: list[tuple[int, str]],
        *,
        unknown_porteurs: Collection[str] = (),
        hint: str | None = None,
    ) -> None:
        self.source = source
        self.problems = problems
        self.unknown_porteurs = tuple(sorted(unknown_porteurs))
        bad_lines = len({line for line, _ in problems})
        lines = [
            f"Import refusé ({source}) : {bad_lines} ligne(s) en erreur, rien n'a été importé."
        ]
        lines += [f"  ligne {line} : {reason}" for line, reason in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(f"  … et {len(problems) - MAX_LISTED} autre(s)")
        if hint:
            lines.append(hint)
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class ImportResult:
    entries: tuple[Entry, ...]  # the new entries, in file order
    skipped: int  # rows whose id is already in the data file
    rows: int  # data rows read (blank lines aside)
    dialect: str  # "excel-fr" or "rfc4180", as detected


def import_entries(
    path: Path | str,
    config: Config,
    existing_ids: Collection[str],
    *,
    known_porteurs: Collection[str] | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> ImportResult:
    """Read and validate an entries export. Raises ImportRejected (nothing to
    write) or CitesLabError when the file cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CitesLabError(f"fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise CitesLabError(f"{path} est un dossier, pas un fichier") from None
    except OSError as exc:
        raise CitesLabError(f"impossible de lire {path} : {describe_os_error(exc)}") from None
    return parse_entries(
        data, config, existing_ids, known_porteurs=known_porteurs, now=now, source=str(path)
    )


def _decode(data: bytes) -> str:
    if data.startswith(BOM.encode("utf-8")):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # A French spreadsheet saving "CSV (point-virgule)" writes Windows-1252.
        return data.decode("cp1252", errors="replace")


def _header_aliases() -> dict[str, str]:
    aliases = {}
    for field in ENTRY_FIELDS:
        aliases[field] = field
        aliases[ENTRY_HEADERS_FR[field].lower()] = field
    return aliases


def parse_entries(
    data: bytes,
    config: Config,
    existing_ids: Collection[str],
    *,
    known_porteurs: Collection[str] | None = None,
    now: Callable[[], datetime] = datetime.now,
    source: str = "fichier",
) -> ImportResult:
    """`import_entries` on bytes already read."""
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise ImportRejected(source, [(1, "le fichier n'est pas en UTF-8")]) from None
    bom = data.startswith(BOM.encode("utf-8"))
    first_line = text.split("\n", 1)[0]
    semicolon = first_line.count(";") >= max(1, first_line.count(","))
    delimiter = ";" if (semicolon or (bom and "," not in first_line)) else ","
    dialect = "excel-fr" if delimiter == ";" else "rfc4180"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)

    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportRejected(source, [(1, f"en-tête illisible ({exc})")]) from None
    if header is None or not any(h.strip() for h in header):
        raise ImportRejected(source, [(1, "fichier vide : aucune ligne d'en-tête")])
    aliases = _header_aliases()
    columns: list[str] = []
    problems: list[tuple[int, str]] = []
    for name in header:
        key = aliases.get(name.strip().lower())
        if key is None:
            problems.append((1, f"colonne « {name.strip()} » inconnue"))
        elif key in columns:
            problems.append((1, f"colonne « {name.strip()} » en double"))
        columns.append(key or "")
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        names = ", ".join(ENTRY_HEADERS_FR[f] if dialect == "excel-fr" else f for f in missing)
        problems.append((1, f"colonne(s) obligatoire(s) absente(s) : {names}"))
    if problems:
        raise ImportRejected(source, problems)

    moment = now()
    stamp = timestamp(moment)
    checker = _RowChecker(config, known_porteurs, moment.date())
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    skipped = rows = 0
    line_end = reader.line_num
    while True:
        line = line_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append((line, f"ligne CSV illisible ({exc})"))
            break
        line_end = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank line (spreadsheets add some at the end)
        rows += 1
        if len(cells) != len(columns):
            problems.append((line, f"{len(cells)} colonne(s) au lieu de {len(columns)}"))
            continue
        values = {
            col: (unneutralise(cell) if col in _TEXT_FIELDS else cell)
            for col, cell in zip(columns, cells, strict=True)
        }
        entry, reasons = checker.check(values, stamp)
        if reasons or entry is None:
            problems.append((line, " ; ".join(reasons)))
            continue
        if entry.id in seen:
            problems.append((line, f"identifiant {entry.id} déjà présent ligne {seen[entry.id]}"))
            continue
        seen[entry.id] = line
        if entry.id in existing_ids:
            skipped += 1
            continue
        entries.append(entry)
    if problems:
        unknown = checker.unknown_porteurs
        hint = (
            f"{len(unknown)} porteur(s) inconnu(s) du fichier de données : créez-les d'abord "
            "(citeslab porteur add) ou importez avec --create-porteurs."
            if unknown
            else None
        )
        raise ImportRejected(source, problems, unknown_porteurs=unknown, hint=hint)
    return ImportResult(tuple(entries), skipped, rows, dialect)


class _RowChecker:
    """Turns one row's cells into an Entry, or says everything wrong with it."""

    def __init__(self, config: Config, known_porteurs: Collection[str] | None, today: date) -> None:
        self.config = config
        self.today = today
        self.types = {t.key: t for t in config.action_types}
        self.known_porteurs = set(known_porteurs) if known_porteurs is not None else None
        self.unknown_porteurs: set[str] = set()
        self._dates: dict[str, date] = {}  # the same days come back row after row

    def check(self, v: dict[str, str], stamp: str) -> tuple[Entry | None, list[str]]:
        bad: list[str] = []
        cfg = self.config

        raw_id = v.get("id", "").strip().lower()
        entry_id = raw_id
        if not raw_id:
            entry_id = uuid.uuid4().hex  # a hand-made log: new entries get new ids
        elif not _ID.match(raw_id):
            try:
                entry_id = uuid.UUID(raw_id).hex
            except ValueError:
                bad.append(f"identifiant « {_short(raw_id)} » invalide (32 chiffres hexadécimaux)")

        day = None
        raw_date = v.get("date", "").strip()
        if not raw_date:
            bad.append("date manquante")
        else:
            day = self._dates.get(raw_date)
            if day is None:
                try:
                    day = self._dates[raw_date] = read_date(raw_date, self.today)
                except DateError as error:
                    bad.append(f"date « {_short(raw_date)} » invalide ({error.reason})")

        start = self._time(v.get("start", ""), "début", bad, end=False)
        end = self._time(v.get("end", ""), "fin", bad, end=True)

        minutes = self._minutes(v.get("hours", "").strip(), start, end, bad)

        type_key = v.get("type", "").strip()
        action = self.types.get(type_key)
        if not type_key:
            bad.append("type d'action manquant")

        pillar = v.get("pillar", "").strip()
        if not pillar and action is not None:
            pillar = action.pillar

        territory = v.get("territory", "").strip().lstrip("@").upper()
        if not territory:
            territory = cfg.implicit_territory() or ""
            if not territory:
                bad.append("territoire manquant")

        qpv = v.get("qpv", "").strip().upper() or None

        occurrence = True  # as the quick entry without `prépa`
        raw_flag = v.get("occurrence", "").strip()
        if raw_flag:
            flag = _FLAGS.get(raw_flag.lower())
            if flag is None:
                bad.append(f"occurrence « {_short(raw_flag)} » : oui ou non attendu")
            else:
                occurrence = flag

        persons = 0
        raw_persons = v.get("persons", "").strip()
        if raw_persons:
            if (
                raw_persons.isdigit()
                and raw_persons.isascii()
                and len(raw_persons) <= 6  # bounded before int(): no 5 000-digit conversion
                and int(raw_persons) <= MAX_PERSONS
            ):
                persons = int(raw_persons)
            else:
                shown = _short(raw_persons)
                bad.append(f"personnes « {shown} » : un nombre entier entre 0 et {MAX_PERSONS}")

        porteurs: list[str] = []
        for pid in _SPLIT_PORTEURS.split(v.get("porteurs", "").strip().upper()):
            if not pid or pid in porteurs:
                continue
            if not PORTEUR_ID.fullmatch(pid):
                bad.append(f"porteur « {_short(pid)} » mal formé (attendu P-AAAA-NNN)")
            porteurs.append(pid)

        partner = v.get("partner", "") or None
        if partner is not None and len(partner) > MAX_PARTNER:
            bad.append(f"partenaire trop long ({MAX_PARTNER} caractères au plus)")
        note = v.get("note", "")
        if len(note) > MAX_NOTE:
            bad.append(f"note trop longue ({MAX_NOTE:,} caractères au plus)".replace(",", " "))

        if day is None or minutes is None or not type_key or not territory:
            return None, bad
        entry = Entry(
            id=entry_id,
            date=day,
            minutes=minutes,
            type=type_key,
            pillar=pillar,
            territory=territory,
            start=start,
            end=end,
            qpv=qpv,
            persons=persons,
            porteurs=tuple(porteurs),
            partner=partner,
            note=note,
            occurrence=occurrence,
            created_at=stamp,
            updated_at=stamp,
        )
        # what the store would refuse, checked by the store's own rules
        refused = entry_problems(entry, cfg, self.known_porteurs)
        if self.known_porteurs is not None:
            self.unknown_porteurs.update(p for p in porteurs if p not in self.known_porteurs)
        bad += refused
        return (None, bad) if bad else (entry, [])

    @staticmethod
    def _time(raw: str, what: str, bad: list[str], *, end: bool) -> time | None:
        raw = raw.strip()
        if not raw:
            return None
        m = _TIME.match(raw)
        if m:
            hh, mm = int(m.group(1)), int(m.group(2))
            if end and (hh, mm) == (24, 0):
                return END_OF_DAY
            if hh < 24 and mm < 60:
                return time(hh, mm)
        bad.append(f"heure de {what} « {_short(raw)} » invalide (HH:MM)")
        return None

    @staticmethod
    def _minutes(raw: str, start: time | None, end: time | None, bad: list[str]) -> int | None:
        if not raw:
            if start is not None and end is not None:
                return _span(start, end)
            bad.append("heures manquantes")
            return None
        hmm = _HOURS_HMM.match(raw)
        m = _HOURS.match(raw)
        if hmm:
            minutes = int(hmm.group(1)) * 60 + int(hmm.group(2))
        elif m:
            try:
                value = Decimal(raw.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern excludes it
                bad.append(f"heures « {_short(raw)} » illisibles")
                return None
            exact = value * 60
            minutes = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            if abs(exact - minutes) > _TOLERANCE:
                bad.append(
                    f"heures « {raw} » : {_french_decimal(exact)} min, pas un nombre entier "
                    "de minutes"
                )
                return None
        else:
            bad.append(f"heures « {_short(raw)} » illisibles (nombre décimal, ex. 7,50)")
            return None
        if not 1 <= minutes <= MAX_MINUTES:
            bad.append(f"heures « {raw} » : une entrée dure de 1 minute à 24 h")
            return None
        return minutes


def _span(start: time, end: time) -> int | None:
    if end == END_OF_DAY:
        return 24 * 60 - (start.hour * 60 + start.minute)
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _french_decimal(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _short(text: str, width: int = 40) -> str:
    """An offending value in a message: one line, cut, control characters shown."""
    text = printable(text, one_line=True)
    return text if len(text) <= width else text[: width - 1] + "…"
