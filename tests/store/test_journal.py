"""The undo journal: each change owned by where it came from, refused undos
named, a per-write cost independent of past imports, a schema."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from citeslab_tui.core.errors import DataFileError, StorageError, ValidationFailed
from citeslab_tui.core.model import Config
from citeslab_tui.store import Store
from citeslab_tui.store.check import check_file
from citeslab_tui.store.journal import INLINE_MAX
from tests.fixture_types import Run

from .helpers import make_entry


def _window(db_path: Path, config: Config) -> Store:
    s = Store.open(db_path, config)
    s.new_window_origin()
    return s


def test_window_undo_reverts_only_that_windows_changes(db_path: Path, config: Config) -> None:
    window = _window(db_path, config)
    cli = Store.open(db_path, config)
    mine = window.add_entry(make_entry(note="fenêtre"))
    theirs = cli.add_entry(make_entry(note="ligne de commande"))
    label = window.undo()
    assert label is not None and label.startswith("ajout")
    ids = {e.id for e in Store.open(db_path, config).entries()}
    assert ids == {theirs.id}, "the command line's entry must survive the window's undo"
    assert mine.id not in ids
    assert window.undo() is None  # nothing of this window's left


def test_cli_undo_reverts_the_latest_command_line_change(db_path: Path, config: Config) -> None:
    cli = Store.open(db_path, config)
    first = cli.add_entry(make_entry(note="un"))
    window = _window(db_path, config)
    window.add_entry(make_entry(note="fenêtre"))
    cli.update_entry(first.id, minutes=15)
    assert str(cli.undo()).startswith("modification")
    assert str(cli.undo()).startswith("ajout")
    assert cli.undo() is None
    notes = [e.note for e in Store.open(db_path, config).entries()]
    assert notes == ["fenêtre"]


def test_cli_undo_command_says_which_change(run: Run) -> None:
    run("log", "2h atelier @CCG", "--date", "2022-03-01")
    out = run("undo").output
    assert "Annulé : ajout de l'entrée du 01/03/2022 (atelier)" in out
    assert "ligne de commande" in out


def test_undo_refused_when_the_record_was_changed_since_names_the_change(
    db_path: Path, config: Config
) -> None:
    window = _window(db_path, config)
    cli = Store.open(db_path, config)
    added = window.add_entry(make_entry(note="fenêtre"))
    cli.update_entry(added.id, minutes=15)
    with pytest.raises(ValidationFailed) as refused:
        window.undo()
    message = str(refused.value)
    assert "annulation refusée" in message and "ajout de l'entrée du 01/03/2022" in message
    assert "modification de l'entrée" in message and "ligne de commande" in message
    (kept,) = Store.open(db_path, config).entries()
    assert kept.minutes == 15, "a refused undo changes nothing"


def test_undo_refused_after_a_hand_edit_of_the_record(db_path: Path, config: Config) -> None:
    store = Store.open(db_path, config)
    store.add_entry(make_entry(note="avant"))
    data = db_path.read_bytes().replace(b'"note":"avant"', b'"note":"apres"')
    db_path.write_bytes(data)
    with pytest.raises(ValidationFailed, match="annulation refusée"):
        Store.open(db_path, config).undo()


def test_undo_refused_while_another_deleted_the_record_then_allowed_again(
    db_path: Path, config: Config
) -> None:
    window = _window(db_path, config)
    cli = Store.open(db_path, config)
    e = cli.add_entry(make_entry())
    window.delete_entry(e.id)
    with pytest.raises(ValidationFailed, match=r"suppression de l'entrée.*une fenêtre"):
        cli.undo()
    assert str(window.undo()).startswith("suppression")  # the window puts it back
    assert str(cli.undo()).startswith("ajout")  # now the record is as the CLI left it
    assert Store.open(db_path, config).entries() == []


def test_a_big_import_does_not_slow_later_writes(
    db_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_path, config)
    # ~9 entries a day of 30 min: days under 24 h (longer days are refused)
    store.add_entries(
        [make_entry(date(2022, 1 + i % 12, 1 + i % 28), minutes=30) for i in range(3000)]
    )
    journal_bytes = store.storage.raw_table("journal")
    assert journal_bytes is not None and len(journal_bytes) < 2000
    later = Store.open(db_path, config)
    parsed: list[str] = []
    original = later.storage._parse

    def spy(name: str, value: Any) -> Any:
        parsed.append(name)
        return original(name, value)

    monkeypatch.setattr(later.storage, "_parse", spy)
    for i in range(3):
        later.add_entry(make_entry(date(2023, 5, 2 + i)))
    assert not [n for n in parsed if n.startswith("journal/")], parsed
    assert len(later.journal()) == 4
    # and the import is still one undo, its changes read only then
    for _ in range(3):
        later.undo()
    assert later.undo() == "ajout de 3000 entrées"
    assert later.entries() == []
    assert not [n for n in later.storage.table_names() if n.startswith("journal/")]


def test_records_kept_apart_are_dropped_with_their_record(db_path: Path, config: Config) -> None:
    from citeslab_tui.store import journal

    monkey_keep = journal.JOURNAL_KEEP
    store = Store.open(db_path, config)
    store.add_entries([make_entry(minutes=30) for _ in range(INLINE_MAX + 1)])
    try:
        journal.JOURNAL_KEEP = 3
        for _ in range(3):
            store.add_entry(make_entry(minutes=30))
    finally:
        journal.JOURNAL_KEEP = monkey_keep
    assert len(store.journal()) == 3
    assert not [n for n in store.storage.table_names() if n.startswith("journal/")]


@pytest.mark.parametrize(
    "edit",
    [
        lambda rec: {**rec, "seq": str(rec["seq"])},
        lambda rec: {**rec, "changes": "x"},
        lambda rec: {**rec, "changes": [{"kind": "entry", "before": None, "after": {"id": 3}}]},
        lambda rec: {**rec, "label": None},
        lambda rec: {**rec, "changes": [{"kind": "autre", "before": None, "after": None}]},
    ],
    ids=["seq-string", "changes-string", "after-id-int", "label-null", "kind-unknown"],
)
def test_journal_record_of_the_wrong_shape_is_refused_and_check_names_it(
    db_path: Path, config: Config, edit: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    store = Store.open(db_path, config)
    store.add_entry(make_entry())
    whole = orjson.loads(db_path.read_bytes())
    del whole["_index"]
    (key,) = whole["journal"]
    whole["journal"][key] = edit(whole["journal"][key])
    db_path.write_bytes(orjson.dumps(whole))
    problems, _ = check_file(db_path, config)
    assert problems and "journal" in problems[0]
    with pytest.raises(StorageError):  # a French refusal, never a TypeError
        Store.open(db_path, config).add_entry(make_entry())
    with pytest.raises(DataFileError):
        Store.open(db_path, config).undo()


UNDO_WORKER = r"""
import sys
from datetime import date, timedelta
from pathlib import Path
from citeslab_tui.config import load_config
from citeslab_tui.core.model import Entry, new_uuid
from citeslab_tui.store import Store

store = Store.open(Path(sys.argv[1]), load_config(), lock_timeout=30)
tag = sys.argv[2]
if tag == "w":
    store.new_window_origin()
sys.stdin.readline()
mine = {}    # id -> minutes, this process's own model
done = []    # undo stack of this process: ("add", id) or ("edit", id, old)
for i in range(40):
    if i % 5 == 4 and done:
        label = store.undo()
        kind = done.pop()
        want = "ajout" if kind[0] == "add" else "modif"
        assert label is not None and label.startswith(want), label
        if kind[0] == "add":
            del mine[kind[1]]
        else:
            mine[kind[1]] = kind[2]
        continue
    if i % 3 == 2 and mine:
        eid = sorted(mine)[0]
        store.update_entry(eid, minutes=mine[eid] + 1)
        done.append(("edit", eid, mine[eid]))
        mine[eid] += 1
        continue
    e = Entry(id=new_uuid(), date=date(2022, 1, 3) + timedelta(days=i), minutes=30,
              type="atelier", pillar="animation", territory="CCG", note=tag,
              created_at="2022-01-01T00:00:00", updated_at="2022-01-01T00:00:00")
    store.add_entry(e)
    mine[e.id] = 30
    done.append(("add", e.id))
print(";".join(f"{k}={v}" for k, v in sorted(mine.items())), flush=True)
"""


def test_two_processes_mixing_changes_and_undos_each_undo_their_own(
    db_path: Path, config: Config
) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = {
        tag: subprocess.Popen(
            [sys.executable, "-c", UNDO_WORKER, str(db_path), tag],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in ("w", "c")
    }
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    expected: dict[str, int] = {}
    for p in procs.values():
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
        for item in filter(None, out.strip().split(";")):
            key, minutes = item.split("=")
            expected[key] = int(minutes)
    found = {e.id: e.minutes for e in Store.open(db_path, config).entries()}
    assert found == expected


def test_a_day_over_24_hours_is_refused_on_every_path(db_path: Path, config: Config) -> None:
    """Add, import and edit alike: nothing is written when a day would pass 24 h."""
    from citeslab_tui.core.errors import ValidationFailed

    store = Store.open(db_path, config)
    day = date(2022, 3, 1)
    kept = store.add_entry(make_entry(day, minutes=20 * 60))
    with pytest.raises(ValidationFailed, match="ferait 25 h ; une journée ne peut pas dépasser"):
        store.add_entry(make_entry(day, minutes=5 * 60))
    with pytest.raises(ValidationFailed, match="mardi 01/03/2022"):
        store.add_entries([make_entry(day, minutes=120), make_entry(day, minutes=180)])
    other = store.add_entry(make_entry(date(2022, 3, 2), minutes=300))
    with pytest.raises(ValidationFailed, match="24 h"):
        store.update_entry(other.id, date=day)
    store.update_entry(kept.id, minutes=24 * 60)  # the edited entry replaces itself
    assert sorted(e.minutes for e in store.entries()) == [300, 1440]
