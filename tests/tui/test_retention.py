"""F4 → r: the RGPD retention purge from the app, through services.privacy (the
same workflow as `citeslab privacy --purge`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from citeslab_tui.core.model import PathStep, Porteur
from citeslab_tui.store import Store
from citeslab_tui.tui.app import CitesLabApp
from citeslab_tui.tui.modals.retention import RetentionPurge

from .conftest import STAMP, Said

SIZE = (100, 32)


def _old_porteur() -> Porteur:
    return Porteur(
        uuid=f"{2000:032x}",
        id="P-2019-001",
        territory="CCG",
        steps=(PathStep("accueilli", date(2019, 1, 2)),),
        name="Awa Diallo",
        created_at=STAMP,
        updated_at=STAMP,
    )


def _name(store: Store, pid: str) -> str | None:
    return next(p.name for p in store.porteurs() if p.id == pid)


async def test_retention_purge_anonymises_the_porteurs_listed(
    seeded: Store, build_app: Callable[[], CitesLabApp], said: Said
) -> None:
    seeded.add_porteur(_old_porteur())
    app = build_app()
    async with app.run_test(size=SIZE, message_hook=said) as pilot:
        await pilot.press("f4", "r")
        await pilot.pause()
        assert isinstance(app.screen, RetentionPurge)
        assert [d.id for d in app.screen.due] == ["P-2019-001"]
        await pilot.press("escape")  # cancel: nothing erased
        await pilot.pause()
        assert _name(seeded, "P-2019-001") == "Awa Diallo"
        await pilot.press("r")
        await pilot.pause()
        await pilot.click("#retention-purge")
        await pilot.pause()
        assert not isinstance(app.screen, RetentionPurge)
    assert _name(seeded, "P-2019-001") is None
    assert said.any("1 porteur(s) anonymisé(s) : P-2019-001")


async def test_nothing_due_says_so(build_app: Callable[[], CitesLabApp]) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "r")
        await pilot.pause()
        assert isinstance(app.screen, RetentionPurge)
        assert app.screen.due == []
        assert not app.screen.query("#retention-purge")
