"""A full check of a data file: every table parsed and validated against the
schemas, and every reference checked against the configuration."""

from __future__ import annotations

from pathlib import Path

from citeslab_tui.core.checks import step_problems
from citeslab_tui.core.dates import out_of_range
from citeslab_tui.core.errors import CitesLabError, DataFileError
from citeslab_tui.core.model import NON_PILLAR_KINDS, Config
from citeslab_tui.store import leftovers
from citeslab_tui.store.layout import INDEX, read_index
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
    removed = leftovers.remove_stale_temporaries(path)
    cleaned = (
        f"\n{len(removed)} fichier(s) temporaire(s) laissé(s) par une écriture interrompue, "
        "supprimé(s) : " + ", ".join(p.name for p in removed)
        if removed
        else ""
    )
    if not path.exists():
        return [], "Le fichier n'existe pas encore (il sera créé au premier enregistrement)."
    try:
        store = Store.open(path, config, readonly=True, trust_checksums=False)
        names = store.storage.table_names()
        for name in names:
            store.storage.table(name)
    except DataFileError as exc:
        return [str(exc)], "Fichier refusé."
    except CitesLabError as exc:
        return [str(exc)], "Fichier illisible."
    problems: list[str] = [
        f"table « {name} » modifiée hors de citeslab depuis sa dernière écriture "
        "(somme de contrôle différente ; son contenu a été revérifié)"
        for name in store.storage.checksum_mismatches()
    ]
    if _index_broken(path):
        problems.append(
            "index du fichier incohérent : le fichier a été modifié hors de citeslab depuis "
            "sa dernière écriture (son contenu a été revérifié)"
        )
    entries = store.entries()
    porteurs = store.porteurs()
    known = {p.id for p in porteurs}
    seen_ids: set[str] = set()
    for e in entries:
        where = f"entrée {e.id[:8]} du {e.date:%d/%m/%Y}"
        if out_of_range(e.date) is not None:
            problems.append(
                f"entrée {e.id[:8]} : {out_of_range(e.date)}, qu'aucun rapport ne montre : "
                f"corrigez sa date (citeslab edit {e.id[:8]} --date AAAA-MM-JJ) "
                f"ou supprimez-la (citeslab delete {e.id[:8]})"
            )
        if e.id in seen_ids:
            problems.append(f"{where} : identifiant en double")
        seen_ids.add(e.id)
        if e.type not in config.type_keys:
            problems.append(f"{where} : type « {e.type} » absent de la configuration")
        if e.pillar not in config.pillar_keys and e.pillar not in NON_PILLAR_KINDS:
            problems.append(f"{where} : pilier « {e.pillar} » absent de la configuration")
        if e.territory not in config.territory_codes:
            problems.append(f"{where} : territoire « {e.territory} » absent de la configuration")
        for pid in e.porteurs:
            if pid not in known:
                problems.append(f"{where} : porteur {pid} inconnu")
    ids = [p.id for p in porteurs]
    for pid in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"porteur {pid} : identifiant en double")
    for p in porteurs:
        problems += [
            f"porteur {p.id} : {problem} : aucun rapport ne compte cette étape"
            for problem in step_problems(p)
        ]
        if p.territory not in config.territory_codes:
            problems.append(
                f"porteur {p.id} : territoire « {p.territory} » absent de la configuration"
            )
    months = len(store.storage.entry_table_names())
    summary = (
        f"{len(entries)} entrée(s) sur {months} mois, {len(porteurs)} porteur(s), "
        f"{len(store.journal())} modification(s) annulable(s)."
    ) + cleaned
    return problems, summary
