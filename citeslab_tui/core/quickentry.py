"""One line → one entry: the quick-entry grammar of day-end logging.

`9h30-12h permanence @CCG 4p -- 2 RDV pris` is faster to type than any form.
Tokens come in any order, the note last:

- a duration (`2h`, `1h30`, `1h30m`, `90min`, `45m`, `1,5h`, `1j` = the
  configured day, 7 h by default) or a range (`9h30-12h`, `09:30-12:00`;
  `24h` closes the day) — exactly one;
- the type of action (required): its key, or an unambiguous prefix of its key or
  French label, accents and case ignored, over several words (`comité tech`);
- `@CCG` the territory (else the QPV's territory, else the configured default);
- `12p`, `12 pers`, `12 personnes` people reached; `+P-2022-014` porteurs;
  `>ADIE` a partner; `#QN07405M` or `#saint-georges` a QPV; `/referent` the
  pillar, when it is not the type's own;
- `prépa`, `préparation` or `compte-rendu`: time *around* an occurrence
  (preparing an atelier, writing a comité's minutes): the time keeps its type,
  pillar and territory, but the entry does not count as an atelier, comité or
  évènement held (core/occurrences.py);
- `-- anything` the note, kept as typed.

`parse` is pure and cheap (the TUI calls it on every keypress): the matching
tables are built once per configuration object. A line that does not parse gives
one `QuickEntryError` naming the token and what was expected, in French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from fractions import Fraction
from typing import NoReturn

from citeslab_tui.core.errors import QuickEntryError
from citeslab_tui.core.model import (
    KIND_ABSENCE,
    KIND_LABELS,
    MAX_MINUTES,
    MAX_NOTE,
    MAX_PARTNER,
    MAX_PERSONS,
    NON_PILLAR_KINDS,
    PORTEUR_ID_PATTERN,
    Config,
    Entry,
    format_hhmm,
    timestamp,
)
from citeslab_tui.core.occurrences import is_counted
from citeslab_tui.core.text import hours as format_minutes
from citeslab_tui.core.textmatch import (
    Choice,
    ConfigIndex,
    Words,
    config_index,
    did_you_mean,
    is_prefix,
    match,
    norm_words,
    pillar_types,
    suggest,
)

END_OF_DAY = time(23, 59, 59, 999999)  # how the model spells an end at 24:00
_PERSONS_MAX_TEXT = f"{MAX_PERSONS:,}".replace(",", " ")
KINDS = (
    "duree",
    "plage",
    "type",
    "territoire",
    "personnes",
    "porteur",
    "partenaire",
    "qpv",
    "pilier",
    "autour",
    "note",
)
# Words that mark time around an occurrence, compared accent- and case-blind,
# whole words only (`prép` is not one): checked before the type words.
AROUND_WORDS: frozenset[tuple[str, ...]] = frozenset(
    {("prepa",), ("preparation",), ("compte", "rendu")}
)
AROUND_LABEL = "temps de préparation"

_WORD = re.compile(r"\S+")
_NOTE = re.compile(r"(?:^|(?<=\s))--")
_HOURS = re.compile(r"([0-9]+)h(?:([0-9]{2})(?:m|mn|min)?)?")
_MINUTES = re.compile(r"([0-9]+)(?:m|mn|min|mins|minutes?)")
_DECIMAL = re.compile(r"([0-9]+)[.,]([0-9]+)h")
_CLOCK = r"([0-9]{1,2})(?:h([0-9]{2})?|:([0-9]{2}))?"
_RANGE = re.compile(_CLOCK + r"[-–]" + _CLOCK)
_PERSONS = re.compile(r"([0-9]+)(?:p|pers\.?|personnes?)")
_DAYS = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?(?:j|jours?)")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_UNITS = frozenset(  # a unit typed apart from its number: `2 h`, `12 pers`
    {"h", "m", "mn", "min", "mins", "minute", "minutes"}
    | {"p", "pers", "pers.", "personne", "personnes"}
    | {"j", "jour", "jours"}
)
_PORTEUR = re.compile(PORTEUR_ID_PATTERN, re.IGNORECASE)
_SIGILS = "@+>#/"
_HINT_DURATION = "ex. 1h30, 45min, 9h-10h30, 12p"


@dataclass(frozen=True, slots=True)
class Token:
    """A recognised piece of the line, for highlighting and the TUI preview."""

    text: str  # as typed: text == line[start : start + len(text)]
    kind: str  # one of KINDS
    start: int
    description: str  # French, e.g. "Durée : 2 h 30"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """What a line says, before it gets an id and a date (`to_entry`)."""

    start: time | None
    end: time | None
    minutes: int
    type: str
    pillar: str
    pillar_overridden: bool
    territory: str
    qpv: str | None
    persons: int
    porteurs: tuple[str, ...]
    partner: str | None
    note: str
    tokens: tuple[Token, ...] = ()
    type_label: str = field(default="", compare=False)
    pillar_label: str = field(default="", compare=False)
    hints: tuple[str, ...] = field(default=(), compare=False)  # `vouliez-vous dire …`
    occurrence: bool = True  # False: time around an occurrence (`prépa`)
    counted: bool = field(default=False, compare=False)  # a livrable counts the type

    def to_entry(self, *, id: str, day: date, now: datetime) -> Entry:
        stamp = timestamp(now)
        return Entry(
            id=id,
            date=day,
            minutes=self.minutes,
            type=self.type,
            pillar=self.pillar,
            territory=self.territory,
            start=self.start,
            end=self.end,
            qpv=self.qpv,
            persons=self.persons,
            porteurs=self.porteurs,
            partner=self.partner,
            note=self.note,
            created_at=stamp,
            updated_at=stamp,
            occurrence=self.occurrence,
        )

    def counts_as(self) -> str:
        """What the entry does to the livrables, for the preview: `compte comme
        1 atelier de sensibilisation`, `temps de préparation`, or nothing."""
        if not self.occurrence:
            return AROUND_LABEL
        if self.counted:
            label = self.type_label or self.type
            return f"compte comme 1 {label[:1].lower()}{label[1:]}"
        return ""

    def describe(self) -> str:
        """One line for previews: `2 h 30 · Permanence en QPV · Prospection · CCG · …`."""
        duration = format_minutes(self.minutes)
        if self.start is not None:
            duration += f" ({format_hhmm(self.start)}–{format_hhmm(self.end)})"
        pillar = self.pillar_label or self.pillar
        where = self.territory
        if self.pillar == KIND_ABSENCE:  # core.allocation splits it by the day's ETP
            where = "réparti selon l'ETP du jour"
        parts = [duration, self.type_label or self.type, pillar, where]
        if self.pillar_overridden:
            parts[2] = f"{pillar} (forcé)"
        if self.qpv:
            parts.append(f"QPV {self.qpv}")
        if self.persons:
            parts.append(f"{self.persons} pers.")
        if self.porteurs:
            parts.append(", ".join(self.porteurs))
        if self.partner:
            parts.append(f"partenaire : {_one_line(self.partner, 40)}")
        if counts := self.counts_as():
            parts.append(counts)
        if self.note:
            parts.append(f"note : {_one_line(self.note, 60)}")
        return " · ".join(parts + [f"⚠ {hint}" for hint in self.hints])


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _fail(message: str, token: str | None = None, position: int | None = None) -> NoReturn:
    raise QuickEntryError(message, token=token, position=position)


def _enumerate_fr(items: Sequence[str]) -> str:
    """`a`, `a ou b`, `a, b ou c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " ou " + items[-1]


# --------------------------------------------------------------------------- parsing


def parse(text: str, config: Config) -> EntryDraft:
    """Read one quick-entry line. Raises `QuickEntryError` (French) if it does not parse."""
    draft = _Parser(text, config_index(config), config.implicit_territory(), config).run()
    return replace(draft, counted=is_counted(config, draft.type, draft.territory))


def try_parse(text: str, config: Config) -> EntryDraft | QuickEntryError:
    """`parse` for callers that prefer a value to an exception; never raises."""
    try:
        return parse(text, config)
    except QuickEntryError as error:
        return error


def with_porteur_territory(draft: EntryDraft, territory_of: Mapping[str, str]) -> EntryDraft:
    """An entry that names porteurs of one territory, with neither `@` nor a QPV
    typed, goes to that territory (the CCG pays for its porteurs' interviews);
    `territory_of` maps porteur ids to their territory."""
    typed = any(t.kind == "territoire" for t in draft.tokens)
    if not draft.porteurs or typed or draft.qpv is not None:
        return draft
    found = {territory_of.get(p) for p in draft.porteurs}
    if len(found) != 1 or None in found:
        return draft
    (code,) = found
    if code is None or code == draft.territory:
        return draft
    return replace(draft, territory=code)


def qpv_mismatch(qpv: str | None, territory: str, config: Config) -> str | None:
    """A warning when the QPV belongs to another territory than the entry's."""
    if qpv is None:
        return None
    for t in config.territories:
        if any(q.code == qpv for q in t.qpvs) and t.code != territory:
            return f"QPV {qpv} ({t.code}) sur une entrée de {territory} : vérifiez le territoire"
    return None


def split_note(text: str) -> tuple[str, int | None]:
    """The part before the note and the offset of the note's `--` (None: no note)."""
    found = _NOTE.search(text)
    if found is None:
        return text, None
    return text[: found.start()], found.start()


class _Parser:
    def __init__(
        self, text: str, index: ConfigIndex, implicit_territory: str | None, config: Config
    ) -> None:
        self.text = text
        self.index = index
        self.config = config
        self.implicit_territory = implicit_territory
        self.tokens: list[Token] = []
        self.timing: str | None = None
        self.minutes = 0
        self.start: time | None = None
        self.end: time | None = None
        self.type: str | None = None
        self.type_text = ""
        self.territory: str | None = None
        self.qpv: str | None = None
        self.persons: int | None = None
        self.porteurs: list[str] = []
        self.partner: str | None = None
        self.pillar: str | None = None
        self.hints: list[str] = []
        self.occurrence = True
        self.around: tuple[str, int] | None = None  # the word that marked it

    def add(self, text: str, kind: str, start: int, description: str) -> None:
        self.tokens.append(Token(text, kind, start, description))

    def run(self) -> EntryDraft:
        head, note_at = split_note(self.text)
        note = ""
        if note_at is not None:
            note = self.text[note_at + 2 :].strip()
            if len(note) > MAX_NOTE:
                _fail("note trop longue : 10 000 caractères au plus", None, note_at)
        words = [(m.group(), m.start()) for m in _WORD.finditer(head)]
        if not words and note_at is None:
            example = self.index.type_examples[0] if self.index.type_examples else "atelier"
            _fail(f"ligne vide : tapez par exemple « 2h {example} 12p -- note »")
        run: list[tuple[str, int]] = []
        i = 0
        while i < len(words):
            word, pos = words[i]
            if word[0] in _SIGILS and word != "/":
                self.free_words(run)
                used = self.qpv_words(words, i) if word[0] == "#" else 1
                last, last_at = words[i + used - 1]
                self.sigil(self.text[pos : last_at + len(last)], pos)
                i += used
            elif word[0].isascii() and word[0].isdigit():
                self.free_words(run)
                i += self.numeric(words, i)
            else:
                run.append((word, pos))
                i += 1
        self.free_words(run)
        if note_at is not None:
            shown = _one_line(note, 60) if note else "(vide)"
            self.add(self.text[note_at:].rstrip(), "note", note_at, f"Note : {shown}")
        return self.finish(note)

    def finish(self, note: str) -> EntryDraft:
        index = self.index
        if self.timing is None:
            _fail("durée manquante : ajoutez par exemple 1h30 ou 9h-10h30")
        if self.type is None:
            if self.around is not None:  # `2h préparation`: the pillar, or a type forgotten?
                word, pos = self.around
                _fail(
                    f"« {word} » marque du temps de préparation : ajoutez le type d'action"
                    f" (ex. 2h prépa atelier) ; {self.type_hint(word)}",
                    word,
                    pos,
                )
            _fail(
                "type d'action manquant : ajoutez par exemple " + _enumerate_fr(index.type_examples)
            )
        territory = self.territory
        if territory is None and self.qpv is not None:
            territory = index.qpv_territory[self.qpv]
        territory = territory or self.implicit_territory
        if territory is None:
            codes = ["@" + code for code in index.territory_names]
            _fail(f"territoire manquant : ajoutez {_enumerate_fr(codes)}")
        pillar = index.type_pillars[self.type]
        if pillar in NON_PILLAR_KINDS:
            if self.pillar is not None:
                _fail(
                    f"« {index.type_labels[self.type]} » n'est pas du temps de pilier :"
                    f" retirez /{self.pillar}"
                )
        else:
            pillar = self.pillar or pillar
        self.tokens.sort(key=lambda t: t.start)
        return EntryDraft(
            start=self.start,
            end=self.end,
            minutes=self.minutes,
            type=self.type,
            pillar=pillar,
            pillar_overridden=self.pillar is not None,
            territory=territory,
            qpv=self.qpv,
            persons=self.persons or 0,
            porteurs=tuple(self.porteurs),
            partner=self.partner,
            note=note,
            tokens=tuple(self.tokens),
            type_label=index.type_labels[self.type],
            pillar_label=index.pillar_labels.get(pillar, KIND_LABELS.get(pillar, pillar)),
            hints=tuple(self.hints),
            occurrence=self.occurrence,
        )

    # ----------------------------------------------------------------- type words

    def free_words(self, run: list[tuple[str, int]]) -> None:
        """Words with no sigil or digit name the type: the longest run of them that
        begins a key or label wins (`comité tech`), then the rest is read again."""
        i = 0
        while i < len(run):
            if norm_words(run[i][0]) in AROUND_WORDS:
                word, pos = run[i]
                self.occurrence, self.around = False, (word, pos)
                self.add(word, "autour", pos, "Temps de préparation : ne compte pas")
                i += 1
                continue
            found: list[str] = []
            j = min(len(run), i + 2 * self.index.max_type_words)
            while j > i:
                words: Words = tuple(w for raw, _ in run[i:j] for w in norm_words(raw))
                found = match(words, self.index.types)
                if found:
                    break
                j -= 1
            if not found:
                self.unknown_word(*run[i])
            start = run[i][1]
            last, last_at = run[j - 1]
            span = self.text[start : last_at + len(last)]
            if len(found) > 1:
                self.ambiguous_type(run, i, j, found)
            if self.type is not None:
                _fail(
                    f"« {span} » : un seul type d'action par entrée (déjà « {self.type_text} ») ;"
                    " une note se place après « -- »",
                    span,
                    start,
                )
            self.type, self.type_text = found[0], span
            self.add(span, "type", start, f"Type : {self.index.type_labels[found[0]]}")
            i = j
        run.clear()

    def ambiguous_type(
        self, run: list[tuple[str, int]], i: int, j: int, found: list[str]
    ) -> NoReturn:
        """`comite` alone is ambiguous; `comite tecnique` is a typo of one type."""
        start = run[i][1]
        last, last_at = run[j - 1]
        span = self.text[start : last_at + len(last)]
        if j < len(run):
            longer = self.text[start : run[j][1] + len(run[j][0])]
            close = suggest(longer, self.index.types)
            if len(close) == 1:
                _fail(
                    f"« {longer} » : type d'action inconnu ({did_you_mean(close)})", longer, start
                )
        _fail(f"« {span} » est ambigu : {', '.join(found)}", span, start)

    def unknown_word(self, word: str, pos: int) -> NoReturn:
        if self.type is not None:
            _fail(
                f"« {word} » : mot non reconnu (le type est déjà « {self.type_text} ») ;"
                " une note se place après « -- »",
                word,
                pos,
            )
        _fail(f"« {word} » : type d'action inconnu ({self.type_hint(word)})", word, pos)

    def type_hint(self, word: str) -> str:
        """The nearest types, the types of a pillar named instead of a type, or examples."""
        close = suggest(word, self.index.types)
        if close:
            return did_you_mean(close)
        pillar = pillar_types(word, self.config)
        if pillar is not None and pillar[1]:
            label, keys = pillar
            return f"« {label} » est un pilier ; ses types : {', '.join(keys)}"
        examples = ", ".join(self.index.type_examples)
        return f"attendu : un type comme {examples}… ; une note se place après « -- »"

    # ----------------------------------------------------------------- numbers

    def numeric(self, words: list[tuple[str, int]], i: int) -> int:
        """A token that begins with a digit; `12 pers` and `2 h` take two words.
        Returns how many words were used."""
        word, pos = words[i]
        folded = word.casefold()
        used = 1
        if _NUMBER.fullmatch(folded) and i + 1 < len(words):
            unit, unit_at = words[i + 1]
            if unit.casefold() in _UNITS:
                folded += unit.casefold()
                word = self.text[pos : unit_at + len(unit)]
                used = 2
        if m := _RANGE.fullmatch(folded):
            begin = _clock(word, pos, m.group(1), m.group(2) or m.group(3), end=False)
            finish = _clock(word, pos, m.group(4), m.group(5) or m.group(6), end=True)
            if finish <= begin:
                _fail(f"« {word} » : la fin doit être après le début", word, pos)
            self.set_timing(word, pos, finish - begin)
            self.start = _time_of(begin)
            self.end = _time_of(finish)
            shown = f"{format_hhmm(self.start)}–{format_hhmm(self.end)}"
            self.add(word, "plage", pos, f"Plage : {shown} ({format_minutes(self.minutes)})")
        elif m := _HOURS.fullmatch(folded):
            if m.group(2) and int(m.group(2)) > 59:
                _fail(f"« {word} » : les minutes vont de 00 à 59", word, pos)
            self.set_duration(word, pos, _int(m.group(1)) * 60 + int(m.group(2) or 0))
        elif m := _MINUTES.fullmatch(folded):
            self.set_duration(word, pos, _int(m.group(1)))
        elif m := _DECIMAL.fullmatch(folded):
            digits = m.group(2)[:6]
            scale = 10 ** len(digits)
            quotient, rest = divmod(int(digits) * 60, scale)
            minutes = _int(m.group(1)) * 60 + quotient + (2 * rest >= scale)
            self.set_duration(word, pos, minutes)
        elif m := _DAYS.fullmatch(folded):
            # `1j`, `0,5j`: a day is the configured day (7 h by default).
            days = Fraction(f"{m.group(1)}.{(m.group(2) or '0')[:6]}")
            if days > 1:
                _fail(
                    f"« {word} » : une entrée couvre un jour au plus ;"
                    " saisissez chaque jour à sa date",
                    word,
                    pos,
                )
            minutes = days * Fraction(repr(self.config.day_hours)) * 60
            self.set_duration(word, pos, int(minutes + Fraction(1, 2)))
        elif m := _PERSONS.fullmatch(folded):
            count = _int(m.group(1))
            if self.persons is not None:
                _fail(f"« {word} » : un seul nombre de personnes par entrée", word, pos)
            if count > MAX_PERSONS:
                _fail(f"« {word} » : {_PERSONS_MAX_TEXT} personnes au plus", word, pos)
            self.persons = count
            self.add(word, "personnes", pos, f"Personnes : {count}")
        elif _NUMBER.fullmatch(folded):
            _fail(
                f"« {word} » : nombre sans unité (ajoutez h pour une durée, p pour des"
                " personnes : 2h, 12p)",
                word,
                pos,
            )
        else:
            _fail(
                f"« {word} » : durée, plage horaire ou nombre de personnes attendu"
                f" ({_HINT_DURATION})",
                word,
                pos,
            )
        return used

    def set_timing(self, word: str, pos: int, minutes: int) -> None:
        if self.timing is not None:
            _fail(
                f"« {word} » : une seule durée ou plage horaire par entrée"
                f" (déjà « {self.timing} »)",
                word,
                pos,
            )
        if minutes > MAX_MINUTES:
            _fail(f"« {word} » : une entrée ne peut pas dépasser 24 h", word, pos)
        if minutes < 1:
            _fail(f"« {word} » : une durée doit faire au moins 1 minute", word, pos)
        self.timing, self.minutes = word, minutes

    def set_duration(self, word: str, pos: int, minutes: int) -> None:
        self.set_timing(word, pos, minutes)
        self.add(word, "duree", pos, f"Durée : {format_minutes(minutes)}")

    # ----------------------------------------------------------------- sigils

    def sigil(self, word: str, pos: int) -> None:
        kind, rest = word[0], word[1:]
        if kind == "@":
            self.territory_token(word, pos, rest)
        elif kind == "+":
            self.porteur_token(word, pos, rest)
        elif kind == ">":
            self.partner_token(word, pos, rest)
        elif kind == "#":
            self.qpv_token(word, pos, rest)
        else:
            self.pillar_token(word, pos, rest)

    def territory_token(self, word: str, pos: int, rest: str) -> None:
        code = self.index.territories.get(rest.casefold())
        if code is None:
            known = ", ".join("@" + c for c in self.index.territory_names)
            close = did_you_mean(["@" + c for c in suggest(rest, self.index.territory_choices)])
            hint = f"{close} " if close else ""
            _fail(f"« {word} » : territoire inconnu ({hint}attendu : {known})", word, pos)
        if self.territory is not None:
            _fail(f"« {word} » : un seul territoire par entrée (déjà @{self.territory})", word, pos)
        self.territory = code
        name = self.index.territory_names[code]
        self.add(word, "territoire", pos, f"Territoire : {code} ({name})")

    def porteur_token(self, word: str, pos: int, rest: str) -> None:
        if not _PORTEUR.fullmatch(rest):
            _fail(
                f"« {word} » : identifiant de porteur attendu au format P-AAAA-NNN"
                " (ex. +P-2022-014)",
                word,
                pos,
            )
        pid = rest.upper()
        if pid not in self.porteurs:
            self.porteurs.append(pid)
        self.add(word, "porteur", pos, f"Porteur : {pid}")

    def partner_token(self, word: str, pos: int, rest: str) -> None:
        if not rest:
            _fail(f"« {word} » : nom de partenaire attendu après « > » (ex. >ADIE)", word, pos)
        if self.partner is not None:
            _fail(
                f"« {word} » : un seul partenaire par entrée (déjà « {self.partner} »)", word, pos
            )
        found = match(norm_words(rest), self.index.partners)
        labels = [self.index.partner_labels[key] for key in found]
        if len(labels) > 1:
            _fail(f"« {word} » est ambigu : {', '.join(labels)}", word, pos)
        if labels:
            self.partner = labels[0]
            self.add(word, "partenaire", pos, f"Partenaire : {labels[0]}")
            return
        if len(rest) > MAX_PARTNER:
            _fail(f"« {word[:20]}… » : nom de partenaire trop long", word, pos)
        self.partner = rest  # a partner outside the list is kept as typed
        close = [self.index.partner_labels[k] for k in suggest(rest, self.index.partners)]
        if close:
            self.hints.append(f"partenaire « {rest} » hors liste : {did_you_mean(close)}")
        self.add(word, "partenaire", pos, f"Partenaire : {rest} (hors liste)")

    def qpv_words(self, words: list[tuple[str, int]], i: int) -> int:
        """How many words name the QPV: `#saint georges` reads as `#saint-georges`
        while the following plain words go on matching a QPV's name."""
        rest = words[i][0][1:]
        used = 1
        for word, _ in words[i + 1 :]:
            if word[0] in _SIGILS or word[0].isdigit():
                break
            longer = f"{rest} {word}"
            if not match(norm_words(longer), self.index.qpvs):
                break
            rest, used = longer, used + 1
        return used

    def qpv_token(self, word: str, pos: int, rest: str) -> None:
        found = match(norm_words(rest), self.index.qpvs)
        if len(found) != 1:
            names = self.index.qpv_names
            if len(found) > 1:
                _fail(f"« {word} » est ambigu : {', '.join(found)}", word, pos)
            close = suggest(rest, self.index.qpvs)
            if close:
                shown = [f"#{code} ({names[code]})" for code in close]
                _fail(f"« {word} » : QPV inconnu ({did_you_mean(shown)})", word, pos)
            known = ", ".join(f"#{code} ({name})" for code, name in names.items())
            _fail(f"« {word} » : QPV inconnu (QPV connus : {known or 'aucun'})", word, pos)
        if self.qpv is not None:
            _fail(f"« {word} » : un seul QPV par entrée (déjà {self.qpv})", word, pos)
        self.qpv = found[0]
        self.add(word, "qpv", pos, f"QPV : {found[0]} {self.index.qpv_names[found[0]]}")

    def pillar_token(self, word: str, pos: int, rest: str) -> None:
        found = match(norm_words(rest), self.index.pillars)
        if len(found) > 1:
            _fail(f"« {word} » est ambigu : {', '.join(found)}", word, pos)
        if not found:
            known = ", ".join("/" + key for key in self.index.pillar_labels)
            _fail(f"« {word} » : pilier inconnu (attendu : {known})", word, pos)
        if self.pillar is not None:
            _fail(f"« {word} » : un seul pilier par entrée (déjà /{self.pillar})", word, pos)
        self.pillar = found[0]
        self.add(word, "pilier", pos, f"Pilier : {self.index.pillar_labels[found[0]]}")


def _int(digits: str) -> int:
    """An ASCII digit string; absurdly long ones become a number too big for any
    check instead of tripping Python's limit on int() of long strings."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else 10**9


def _clock(word: str, pos: int, hours: str, minutes: str | None, *, end: bool) -> int:
    """Minutes since midnight of one end of a range; 24:00 only closes a range."""
    h, m = int(hours), int(minutes or 0)
    limit = 24 * 60 if end else 24 * 60 - 1
    if m > 59 or h * 60 + m > limit:
        which = "de fin" if end else "de début"
        hint = "de 0h à 24h" if end else "de 0h à 23h59"
        _fail(f"« {word} » : heure {which} impossible ({hint})", word, pos)
    return h * 60 + m


def _time_of(minutes: int) -> time:
    return END_OF_DAY if minutes == 24 * 60 else time(minutes // 60, minutes % 60)


# --------------------------------------------------------------------------- completion


def completions(
    text: str,
    config: Config,
    porteur_ids: Sequence[str] = (),
    partners: Sequence[str] = (),
) -> list[str]:
    """Candidates to replace the last, unfinished word of `text` (autocomplete).

    `@` territory codes, `+` porteur ids, `>` partners (configured ones by key,
    then the free `partners` already used), `#` QPV codes, `/` pillar keys, and
    for a plain word the type keys it begins — or, when it continues the words
    before it (`comité te`), the next word of the label (`technique`).
    """
    if not text or text[-1].isspace() or split_note(text)[1] is not None:
        return []
    index = config_index(config)
    words = _WORD.findall(text)
    last = words[-1]
    sigil, rest = last[0], last[1:]
    typed = norm_words(rest)
    if sigil == "@":
        folded = rest.casefold()
        return ["@" + code for key, code in index.territories.items() if key.startswith(folded)]
    if sigil == "+":
        folded = rest.casefold()
        return ["+" + p for p in dict.fromkeys(porteur_ids) if p.casefold().startswith(folded)]
    if sigil == ">":
        return _partner_completions(index, rest, typed, partners)
    if sigil == "#":
        return ["#" + c.value for c in index.qpvs if not rest or _begins(typed, c)]
    if sigil == "/":
        return ["/" + c.value for c in index.pillars if not rest or _begins(typed, c)]
    if last[0].isdigit():
        return []
    previous: list[str] = []
    for word in reversed(words[:-1]):
        if word[0] in _SIGILS or word[0].isdigit() or word.casefold() in _UNITS:
            break
        previous.insert(0, word)
    for k in range(min(len(previous), index.max_type_words), 0, -1):
        before = tuple(w for raw in previous[-k:] for w in norm_words(raw))
        found = _next_words(index.types, before, norm_words(last))
        if found:
            return found
    if not norm_words(last):
        return []
    exact = match(norm_words(last), index.types)
    prefixed = [c.value for c in index.types if _begins(norm_words(last), c)]
    return list(dict.fromkeys(exact + prefixed))


def _begins(words: Words, choice: Choice) -> bool:
    return any(is_prefix(words, s) for s in choice.spellings)


def _next_words(choices: Sequence[Choice], before: Words, typed: Words) -> list[str]:
    """Complete the last typed word in the middle of a multiword label."""
    if not before or len(typed) != 1:
        return []
    found: list[str] = []
    for choice in choices:
        for spelling in choice.spellings:
            at = len(before)
            if at < len(spelling) and is_prefix((*before, typed[0]), spelling):
                found.append(spelling[at])
    return list(dict.fromkeys(found))


def _partner_completions(
    index: ConfigIndex, rest: str, typed: Words, used: Sequence[str]
) -> list[str]:
    out = [">" + c.value for c in index.partners if not rest or _begins(typed, c)]
    known = {w for c in index.partners for w in c.spellings}
    for partner in used:
        words = norm_words(partner)
        if not partner or any(ch.isspace() for ch in partner) or words in known:
            continue
        if not rest or is_prefix(typed, words):
            out.append(">" + partner)
    return list(dict.fromkeys(out))
