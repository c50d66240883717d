"""Exact money flows in integer cents from pools to classes of requests, with rerouting.

``ClassFlow`` holds how many cents each class draws from each pool. ``push`` adds money to a class:
first from the free amounts of its own pools, then along augmenting paths that move another class's
draw to a different pool of that class to free money (the classic max-flow step), so the answer to
"can this class get x more?" is exact. ``available`` asks without changing anything.

Paths are searched over pools with bit sets (a pool is one bit of a Python integer): from the pools
of the class, one step reaches every pool of every class drawing on a pool already reached. That
search costs a few hundred integer operations even when no path exists, which is the common case
once money runs out; the classes along a path are looked up only when one is found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class ClassFlow:
    """Draws (cents) of each class on each pool; no pool gives more than its cap."""

    def __init__(self, caps: Sequence[int], class_pools: Sequence[Sequence[int]]):
        self.cap = list(caps)
        self.used = [0] * len(self.cap)
        self.class_pools = class_pools
        self.class_mask = [sum(1 << pool for pool in pools) for pools in class_pools]
        self.flow: list[dict[int, int]] = [{} for _ in class_pools]
        self.users: list[dict[int, int]] = [{} for _ in self.cap]
        # Per pool: the pools of the classes drawing on it (where their draw could move to).
        self._onward = [0] * len(self.cap)
        self._onward_stale = [False] * len(self.cap)
        self.free_mask = sum(1 << pool for pool, cap in enumerate(self.cap) if cap > 0)
        self._log: list[tuple[int, int, int]] | None = None

    # -- changes ----------------------------------------------------------------------------------

    def change(self, class_number: int, pool: int, delta: int) -> None:
        """Add ``delta`` cents (may be negative) to a class's draw on a pool."""
        if not delta:
            return
        before = self.flow[class_number].get(pool, 0)
        amount = before + delta
        if amount < 0 or self.used[pool] + delta > self.cap[pool]:
            raise ValueError("a draw would be negative or exceed the pool")
        if amount:
            self.flow[class_number][pool] = amount
            self.users[pool][class_number] = amount
            if not before and not self._onward_stale[pool]:
                self._onward[pool] |= self.class_mask[class_number]
        else:
            del self.flow[class_number][pool]
            del self.users[pool][class_number]
            self._onward_stale[pool] = True
        self.used[pool] += delta
        if self.used[pool] < self.cap[pool]:
            self.free_mask |= 1 << pool
        else:
            self.free_mask &= ~(1 << pool)
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

    def release(self, class_number: int, amount: int) -> None:
        """Give back ``amount`` cents of a class's draws, the least restricted pools first."""
        for pool in reversed(self.class_pools[class_number]):
            if amount <= 0:
                return
            take = min(self.flow[class_number].get(pool, 0), amount)
            self.change(class_number, pool, -take)
            amount -= take
        if amount > 0:
            raise ValueError("the class draws less than it gives back")

    # -- adding money to a class ------------------------------------------------------------------

    def push(self, class_number: int, amount: int) -> int:
        """Give ``class_number`` up to ``amount`` more cents, rerouting other draws if needed; return how many."""
        moved = 0
        if self.class_mask[class_number] & self.free_mask:
            for pool in self.class_pools[class_number]:
                if moved == amount:
                    return moved
                take = min(self.cap[pool] - self.used[pool], amount - moved)
                if take > 0:
                    self.change(class_number, pool, take)
                    moved += take
        while moved < amount and self.free_mask:
            step = self._augment(class_number, amount - moved)
            if not step:
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

    def _onward_of(self, pool: int) -> int:
        if self._onward_stale[pool]:
            mask = 0
            for user in self.users[pool]:
                mask |= self.class_mask[user]
            self._onward[pool] = mask
            self._onward_stale[pool] = False
        return self._onward[pool]

    def _augment(self, start: int, amount: int) -> int:
        """One shortest augmenting path from ``start`` to a pool with free money; return cents moved."""
        frontier = reached = self.class_mask[start]
        levels = [frontier]
        while not frontier & self.free_mask:
            grown = 0
            for pool in _bits(frontier):
                grown |= self._onward_of(pool)
            frontier = grown & ~reached
            if not frontier:
                return 0
            reached |= frontier
            levels.append(frontier)
        target = next(_bits(frontier & self.free_mask))
        # Walk back: at each level find a pool and a class drawing on it that may also use the
        # pool reached next; that class moves its draw from the one to the other.
        hops: list[tuple[int, int, int]] = []  # (class, from pool, to pool)
        to_pool = target
        for level in reversed(levels[:-1]):
            hop = next(
                (user, pool, to_pool)
                for pool in _bits(level)
                for user in self.users[pool]
                if self.class_mask[user] >> to_pool & 1
            )
            hops.append(hop)
            to_pool = hop[1]
        step = min(amount, self.cap[target] - self.used[target])
        for user, pool, _ in hops:
            step = min(step, self.flow[user][pool])
        # Apply from the pool with free money backwards, so that each pool is freed before it is
        # drawn on again and no intermediate state exceeds a cap.
        for user, pool, onward in hops:
            self.change(user, pool, -step)
            self.change(user, onward, step)
        self.change(start, to_pool, step)
        return step
