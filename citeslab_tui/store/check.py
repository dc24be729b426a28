"""A full check of a data file: every table parsed and validated against the
schemas, and every reference checked against the configuration."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from citeslab_tui.core.checks import step_problems
from citeslab_tui.core.dates import out_of_range
from citeslab_tui.core.errors import CitesLabError, DataFileError
from citeslab_tui.core.model import NON_PILLAR_KINDS, Config, Entry
from citeslab_tui.store import leftovers
from citeslab_tui.store.layout import (
    ENTRIES_PREFIX,
    IDS_PREFIX,
    INDEX,
    PORTEURS_PREFIX,
    ids_table,
    read_index,
)
from citeslab_tui.store.storage import AtomicJSONStorage
from citeslab_tui.store.store import Store
from citeslab_tui.store.validation import validate_table


def _storage(path: Path) -> AtomicJSONStorage:
    return AtomicJSONStorage(
        path, readonly=True, validate_table=validate_table, trust_checksums=False
    )


def bytes_are_good(data: bytes) -> bool:
    """True when `data` is a complete, valid data file."""
    return _storage(Path("/nonexistent/citeslab.json"))._check_bytes(data)


def _index_broken(path: Path) -> bool:
    """True when the file carries an `_index` that no longer fits its bytes."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return (b',\n"' + INDEX.encode() + b'":') in data[-200_000:] and read_index(data) is None


def check_file(path: Path, config: Config) -> tuple[list[str], str]:
    """(problems, one-line summary). Problems are French, without personal data."""
    problems, summary, _ = check_and_read(path, config)
    return problems, summary


def check_and_read(path: Path, config: Config) -> tuple[list[str], str, Store | None]:
    """`check_file`, and the store it read (None when the file could not be
    read): its entries and porteurs are built already, for what comes next."""
    removed = leftovers.remove_stale_temporaries(path)
    cleaned = (
        f"\n{len(removed)} fichier(s) temporaire(s) laissé(s) par une écriture interrompue, "
        "supprimé(s) : " + ", ".join(p.name for p in removed)
        if removed
        else ""
    )
    if not path.exists():
        return [], "Le fichier n'existe pas encore (il sera créé au premier enregistrement).", None
    try:
        store = Store.open(path, config, readonly=True, trust_checksums=False)
        # Reading the entries and porteurs parses and validates their tables
        # (no checksum trusted); the other tables are parsed and validated here.
        entries = store.entries()
        porteurs = store.porteurs()
        for name in store.storage.table_names():
            if not name.startswith((ENTRIES_PREFIX, PORTEURS_PREFIX)):
                store.storage.table(name)
    except DataFileError as exc:
        return [str(exc)], "Fichier refusé.", None
    except CitesLabError as exc:
        return [str(exc)], "Fichier illisible.", None
    edited = store.storage.checksum_mismatches()
    problems: list[str] = [
        f"table « {name} » modifiée hors de citeslab depuis sa dernière écriture "
        "(somme de contrôle différente ; son contenu a été revérifié)"
        for name in edited
    ]
    if _index_broken(path):
        problems.append(
            "index du fichier incohérent : le fichier a été modifié hors de citeslab depuis "
            "sa dernière écriture (son contenu a été revérifié)"
        )
    problems += _ids_problems(store, set(edited))
    known = {p.id for p in porteurs}
    types, territories = set(config.type_keys), set(config.territory_codes)
    pillars = {*config.pillar_keys, *NON_PILLAR_KINDS}
    seen_ids: set[str] = set()
    for e in entries:
        outside = out_of_range(e.date)
        if outside is not None:
            problems.append(
                f"entrée {e.id[:8]} : {outside}, qu'aucun rapport ne montre : "
                f"corrigez sa date (citeslab edit {e.id[:8]} --date AAAA-MM-JJ) "
                f"ou supprimez-la (citeslab delete {e.id[:8]})"
            )
        if e.id in seen_ids:
            problems.append(f"{_where(e)} : identifiant en double")
        seen_ids.add(e.id)
        if e.type not in types:
            problems.append(f"{_where(e)} : type « {e.type} » absent de la configuration")
        if e.pillar not in pillars:
            problems.append(f"{_where(e)} : pilier « {e.pillar} » absent de la configuration")
        if e.territory not in territories:
            problems.append(
                f"{_where(e)} : territoire « {e.territory} » absent de la configuration"
            )
        for pid in e.porteurs:
            if pid not in known:
                problems.append(f"{_where(e)} : porteur {pid} inconnu")
    counts = Counter(p.id for p in porteurs)
    for pid in sorted(i for i, n in counts.items() if n > 1):
        problems.append(f"porteur {pid} : identifiant en double")
    for p in porteurs:
        problems += [
            f"porteur {p.id} : {problem} : aucun rapport ne compte cette étape"
            for problem in step_problems(p)
        ]
        if p.territory not in territories:
            problems.append(
                f"porteur {p.id} : territoire « {p.territory} » absent de la configuration"
            )
    months = len(store.storage.entry_table_names())
    summary = (
        f"{len(entries)} entrée(s) sur {months} mois, {len(porteurs)} porteur(s), "
        f"{len(store.journal())} modification(s) annulable(s)."
    ) + cleaned
    return problems, summary, store


def _ids_problems(store: Store, edited: set[str]) -> list[str]:
    """The `_ids/<year>` lines (the ids of each month, for short ids and
    `edit`/`delete` by prefix) compared with the months' entries. Months edited
    by hand are left out: their CRC no longer matches, so their line is not
    used for them (reported above)."""
    storage = store.storage
    stored = storage.stored_ids()
    if stored is None or storage.disk_version < 2:
        return []  # index not ours (reported above), or a file of before the lines
    years: dict[str, list[str]] = {}
    for name in storage.entry_table_names():
        years.setdefault(ids_table(name), []).append(name)
    problems = []
    for line in sorted(years.keys() | stored.keys()):
        year = line[len(IDS_PREFIX) :]
        rebuilt = f"il est reconstruit à la prochaine modification d'une entrée de {year}"
        if line not in stored:
            problems.append(
                f"index des identifiants de {year} absent : citeslab lit les mois à la place ; "
                "il est reconstruit à la prochaine écriture"
            )
            continue
        months = stored[line]
        if months is None:
            problems.append(
                f"index des identifiants de {year} modifié hors de citeslab depuis sa dernière "
                f"écriture (somme de contrôle différente) : citeslab ne s'en sert pas ; {rebuilt}"
            )
            continue
        for name in sorted(set(years.get(line, [])) | months.keys()):
            if name in edited:
                continue
            ids, text = store.table_entry_ids(name), months.get(name, "")
            if " ".join(ids) == text:  # written in the order of the table's keys
                continue
            actual, listed = set(ids), set(text.split())
            missing, extra = actual - listed, listed - actual
            if missing or extra:
                problems.append(
                    f"index des identifiants faux pour {name[-2:]}/{name[-7:-3]} "
                    f"({len(missing)} identifiant(s) manquant(s), "
                    f"{len(extra)} en trop) : les identifiants courts et "
                    f"« citeslab edit/delete » par préfixe peuvent se tromper pour ce mois ; "
                    f"{rebuilt}"
                )
    return problems


def _where(e: Entry) -> str:
    return f"entrée {e.id[:8]} du {e.date:%d/%m/%Y}"
