"""Extension points: how a lower app lets higher apps add to it without importing them.

Apps import only downwards (accounts < core < mandates, treaties < assistance < funds < …). When a
lower app must show or react to what higher apps hold — the requests, projects and money under a
mandate; what is known about a country; a request that changed status — it owns an extension point
(declared in its `extensions.py`) and calls it; each higher app fills it from its `AppConfig.ready()`
(by convention in a `contributions.py` module with a `register()` function).

Two kinds: `Hook` (something happened: every contribution is called with the event, inside the
owner's transaction, as an explicit step of the service, never a Django signal) and `Panels`
(`tcdesk.core.panels`: what higher apps show on a lower app's page and API).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


class ExtensionPoint[T]:
    """A named, ordered list of contributions, filled by higher apps in `AppConfig.ready()`."""

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._contributions: list[tuple[int, T]] = []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {len(self._contributions)} contribution(s)>"

    def register(self, contribution: T, *, order: int = 100) -> T:
        """Add a contribution (lower `order` first; equal orders keep registration order). Registering the
        same contribution again does nothing, so a repeated `ready()` is harmless. Returns it, so that
        it can serve as a decorator."""
        if all(existing is not contribution for _order, existing in self._contributions):
            self._contributions.append((order, contribution))
            self._contributions.sort(key=lambda pair: pair[0])
        return contribution

    def unregister(self, contribution: T) -> None:
        self._contributions = [(o, c) for o, c in self._contributions if c is not contribution]

    def __iter__(self) -> Iterator[T]:
        return iter([contribution for _order, contribution in self._contributions])

    def __len__(self) -> int:
        return len(self._contributions)

    @contextlib.contextmanager
    def only(self, *contributions: T) -> Iterator[None]:
        """For tests: the point holds exactly these contributions inside the block."""
        saved = self._contributions
        self._contributions = [(100, c) for c in contributions]
        try:
            yield
        finally:
            self._contributions = saved


class Hook[E](ExtensionPoint[Callable[[E], None]]):
    """Something happened in the owner app: each contribution is called with the event (a dataclass
    the owner defines), in order, inside the owner's transaction. An exception rolls the whole
    operation back, so a reaction is all-or-nothing with the change it reacts to."""

    def fire(self, event: E) -> None:
        for reaction in self:
            reaction(event)
