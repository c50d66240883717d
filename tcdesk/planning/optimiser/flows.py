"""Exact money flows in integer cents from pools to classes of requests, with rerouting.

``ClassFlow`` holds how many cents each class draws from each pool. ``push`` adds money to a class:
first from the free amounts of its own pools, then along augmenting paths that move another class's
draw to a different pool of that class to free money (the classic max-flow step), so the answer to
"can this class get x more?" is exact. ``available`` asks without changing anything.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence


class ClassFlow:
    """Draws (cents) of each class on each pool; no pool gives more than its cap."""

    def __init__(self, caps: Sequence[int], class_pools: Sequence[Sequence[int]]):
        self.cap = list(caps)
        self.used = [0] * len(self.cap)
        self.class_pools = class_pools
        self.flow: list[dict[int, int]] = [{} for _ in class_pools]
        self.users: list[dict[int, int]] = [{} for _ in self.cap]
        self.free_total = sum(self.cap)
        self._log: list[tuple[int, int, int]] | None = None
        # A class that found no path stays without one until some draw changes.
        self._version = 0
        self._stuck: dict[int, int] = {}

    # -- changes ----------------------------------------------------------------------------------

    def change(self, class_number: int, pool: int, delta: int) -> None:
        """Add ``delta`` cents (may be negative) to a class's draw on a pool."""
        if not delta:
            return
        amount = self.flow[class_number].get(pool, 0) + delta
        if amount < 0 or self.used[pool] + delta > self.cap[pool]:
            raise ValueError("a draw would be negative or exceed the pool")
        if amount:
            self.flow[class_number][pool] = amount
            self.users[pool][class_number] = amount
        else:
            self.flow[class_number].pop(pool, None)
            self.users[pool].pop(class_number, None)
        self.used[pool] += delta
        self.free_total -= delta
        self._version += 1
        if self._log is not None:
            self._log.append((class_number, pool, delta))

    def begin(self) -> None:
        """Start recording changes so that ``rollback`` can undo them."""
        self._log = []

    def commit(self) -> None:
        self._log = None

    def rollback(self) -> None:
        log, self._log = self._log or [], None
        for class_number, pool, delta in reversed(log):
            self.change(class_number, pool, -delta)

    def drawn(self, class_number: int) -> int:
        return sum(self.flow[class_number].values())

    # -- adding money to a class ------------------------------------------------------------------

    def push(self, class_number: int, amount: int) -> int:
        """Give ``class_number`` up to ``amount`` more cents, rerouting other draws if needed; return how many."""
        moved = 0
        for pool in self.class_pools[class_number]:
            if moved == amount:
                return moved
            take = min(self.cap[pool] - self.used[pool], amount - moved)
            if take > 0:
                self.change(class_number, pool, take)
                moved += take
        while moved < amount and self.free_total > 0:
            if self._stuck.get(class_number) == self._version:
                break
            step = self._augment(class_number, amount - moved)
            if not step:
                self._stuck[class_number] = self._version
                break
            moved += step
        return moved

    def available(self, class_number: int, limit: int) -> int:
        """How many more cents (up to ``limit``) the class could draw; nothing changes."""
        outer, self._log = self._log, []
        try:
            return self.push(class_number, limit)
        finally:
            log, self._log = self._log, None
            for class_number_, pool, delta in reversed(log):
                self.change(class_number_, pool, -delta)
            self._log = outer

    def _augment(self, start: int, amount: int) -> int:
        """One shortest augmenting path from ``start`` to a pool with free money; return cents moved."""
        pool_parent: dict[int, int] = {}  # pool -> class whose draw on it grows
        class_parent: dict[int, int | None] = {start: None}  # class -> pool whose draw by it shrinks
        queue = deque([start])
        end = None
        while queue and end is None:
            current = queue.popleft()
            for pool in self.class_pools[current]:
                if pool in pool_parent:
                    continue
                pool_parent[pool] = current
                if self.cap[pool] > self.used[pool]:
                    end = pool
                    break
                for other in self.users[pool]:
                    if other not in class_parent:
                        class_parent[other] = pool
                        queue.append(other)
        if end is None:
            return 0
        step = min(amount, self.cap[end] - self.used[end])
        current = pool_parent[end]
        while (pool := class_parent[current]) is not None:
            step = min(step, self.flow[current][pool])
            current = pool_parent[pool]
        current = pool_parent[end]
        self.change(current, end, step)
        while (pool := class_parent[current]) is not None:
            self.change(current, pool, -step)
            current = pool_parent[pool]
            self.change(current, pool, step)
        return step
