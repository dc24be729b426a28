"""Erasure reaches every copy the program keeps, is recorded without a name,
and survives a restore of an older backup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from citeslab_tui.core.model import Config
from citeslab_tui.store import Store, backups, erasure
from citeslab_tui.store.privacy import forget_porteurs
from tests.fixture_types import Run

from .helpers import make_entry, make_porteur

NAME = "Zoé Martin-Lefèvre"
CONTACT = "zoe.martin@example.org"
NOTES = "suivi psychologique en cours"
SECRETS = [NAME, CONTACT, NOTES]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _found(folder: Path, texts: list[str]) -> list[tuple[str, str]]:
    hits = []
    for path in _files(folder):
        data = path.read_bytes()
        for text in texts:
            for form in {text.encode(), orjson.dumps(text)[1:-1]}:
                if form in data:
                    hits.append((path.name, text))
    return hits


def _days_of_use(run: Run, monkeypatch: pytest.MonkeyPatch, days: list[str]) -> None:
    for i, day in enumerate(days):
        monkeypatch.setenv("CITESLAB_TODAY", day)
        run("log", f"{i + 1}h atelier @CCG", "--date", day)


def test_forget_leaves_no_byte_of_the_person_in_the_data_folder(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-03-01")
    run("porteur", "add", "--territory", "CCG", "--name", NAME, "--contact", CONTACT)
    run(
        "porteur",
        "edit",
        "P-2022-001",
        "--rqth",
        "oui",
        "--consent",
        "2022-03-01",
        "--notes",
        NOTES,
    )
    _days_of_use(run, monkeypatch, ["2022-03-02", "2022-03-03", "2022-03-04"])
    # a restore keeps the replaced file aside (a full copy); a killed write left a temporary
    run("restore", "--yes")
    _days_of_use(run, monkeypatch, ["2022-03-07"])
    shutil.copy(db_path, db_path.with_name(f".{db_path.name}.999999999.tmp"))
    folder = db_path.parent
    assert _found(folder, SECRETS), "the setup should have spread copies"
    assert len(backups.list_backups(db_path)) >= 3
    assert list(folder.glob("*.broken-*"))

    out = run("porteur", "forget", "P-2022-001", "--yes").output
    assert "effacées" in out
    assert _found(folder, SECRETS) == []
    for path in _files(folder):
        assert b'"rqth":true' not in path.read_bytes(), path.name
    assert not list(folder.glob(".*.tmp"))
    # recorded: date and pseudonymous id, no name
    register = erasure.register_path(db_path).read_bytes()
    assert b"P-2022-001" in register and b"2022-03-07" in register


def test_restoring_a_backup_older_than_the_erasure_does_not_bring_the_person_back(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2022-03-01")
    run("porteur", "add", "--territory", "CCG", "--name", NAME, "--contact", CONTACT)
    _days_of_use(run, monkeypatch, ["2022-03-02", "2022-03-03"])
    old_copy = db_path.parent / "copie-personnelle.json"  # a copy kept by hand, elsewhere
    shutil.copy(db_path, old_copy)
    run("porteur", "forget", "P-2022-001", "--yes")
    for args in (["restore", "--yes"], ["restore", "--yes", "--backup", str(old_copy)]):
        run(*args)
        shown = run("porteur", "show", "P-2022-001").output
        assert NAME not in shown and CONTACT not in shown
        assert NAME.encode() not in db_path.read_bytes()
    assert "P-2022-001" in run("porteur", "list").output  # the pseudonymous record stays


def test_purge_is_one_write_and_reports_what_was_erased(
    store: Store, db_path: Path, config: Config
) -> None:
    from datetime import date

    from citeslab_tui.core.model import PathStep

    old = PathStep("accueilli", date(2019, 1, 2))
    people = [
        make_porteur(f"P-2019-{i:03d}", name=f"Personne {i}", steps=(old,)) for i in range(1, 6)
    ]
    for p in people:
        store.add_porteur(p)
    inode = os.stat(db_path).st_ino
    writes = []
    original = store.storage._commit

    def count(raw: Any) -> Any:
        writes.append(1)
        return original(raw)

    store.storage._commit = count  # type: ignore[method-assign]
    done = forget_porteurs(store, [p.id for p in people])
    assert done.ids == [p.id for p in people]
    assert len(writes) == 1
    assert os.stat(db_path).st_ino != inode
    assert all(p.name is None for p in Store.open(db_path, config).porteurs())


def test_purge_command_lists_the_erased_ids(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITESLAB_TODAY", "2019-01-02")
    run("porteur", "add", "--territory", "CCG", "--name", NAME, "--accueilli", "2019-01-02")
    monkeypatch.setenv("CITESLAB_TODAY", "2024-06-01")
    out = run("privacy", "--purge", "--yes").output
    assert "1 porteur(s) anonymisé(s) : P-2019-001 ;" in out


def test_broken_copy_that_does_not_parse_is_scrubbed_byte_for_byte(
    store: Store, db_path: Path
) -> None:
    p = store.add_porteur(make_porteur(name=NAME, contact=CONTACT))
    store.add_entry(make_entry())
    damaged = db_path.with_name(db_path.name + ".broken-20220101-000000")
    damaged.write_bytes(db_path.read_bytes()[:-40])  # truncated: not JSON any more
    forget_porteurs(store, [p.id])
    assert NAME.encode() not in damaged.read_bytes()
    assert CONTACT.encode() not in damaged.read_bytes()


def test_configuration_backups_are_scrubbed_too(store: Store, tmp_path: Path) -> None:
    from citeslab_tui.config import config_backup_dir, user_config_path

    folder = config_backup_dir(user_config_path())
    assert str(folder).startswith(str(tmp_path))
    folder.mkdir(parents=True)
    copy = folder / "config_2022.json"
    copy.write_text('{"person": "x", "note": "' + CONTACT + '"}')
    p = store.add_porteur(make_porteur(name=NAME, contact=CONTACT))
    forget_porteurs(store, [p.id])
    assert CONTACT not in copy.read_text()
    assert orjson.loads(copy.read_bytes())  # still JSON


def test_journal_images_and_entry_notes_in_backups_lose_the_name(
    db_path: Path, config: Config
) -> None:
    from datetime import datetime

    day = [datetime(2022, 3, 1, 9)]
    store = Store.open(db_path, config, now=lambda: day[0])
    p = store.add_porteur(make_porteur(name=NAME, contact=CONTACT))
    store.add_entry(make_entry(note=f"RDV avec {NAME}", porteurs=(p.id,)))
    day[0] = datetime(2022, 3, 2, 9)
    store.update_porteur(p.id, notes=NOTES)  # the backup of 1 March holds everything
    backup = backups.list_backups(db_path)[0]
    assert NAME.encode() in backup.read_bytes()
    mentions = forget_porteurs(store, [p.id]).mentions
    assert len(mentions) == 1  # the live note is left to the user, and said
    data = backup.read_bytes()
    assert NAME.encode() not in data and CONTACT.encode() not in data
    assert "[nom effacé]".encode() in data
    assert Store.open(backup, config, readonly=True).porteurs()[0].name is None


def test_temporaries_of_dead_writers_are_removed_at_the_next_write(
    store: Store, db_path: Path
) -> None:
    import subprocess

    store.add_entry(make_entry())
    dead = db_path.with_name(f".{db_path.name}.999999999.tmp")
    dead.write_bytes(b"partial copy")
    live = subprocess.Popen(["sleep", "30"])
    try:
        busy = db_path.with_name(f".{db_path.name}.{live.pid}.tmp")
        busy.write_bytes(b"a write in progress")
        store.add_entry(make_entry())
        assert not dead.exists()
        assert busy.exists(), "a live process's temporary is left alone"
    finally:
        live.kill()
        live.wait()


def test_check_reports_and_removes_leftover_temporaries(run: Run, db_path: Path) -> None:
    run("log", "1h atelier @CCG")
    folder = backups.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    for leftover in (
        db_path.with_name(f".{db_path.name}.999999998.tmp"),
        folder / f".{db_path.stem}_2022-01-01.json.999999997.tmp",
    ):
        leftover.write_bytes(b"{")
    out = run("check").output
    assert "2 fichier(s) temporaire(s)" in out
    assert not list(db_path.parent.rglob("*.tmp"))


def test_the_typed_lines_history_loses_the_name_too(store: Store, db_path: Path) -> None:
    history = db_path.with_name(db_path.stem + ".history.json")
    history.write_text(
        '{"lines": ["1h entretien -- RDV avec ' + NAME + '", "2h atelier"]}', encoding="utf-8"
    )
    p = store.add_porteur(make_porteur(name=NAME, contact=CONTACT))
    forget_porteurs(store, [p.id])
    assert NAME not in history.read_text(encoding="utf-8")
    assert "2h atelier" in history.read_text(encoding="utf-8")
