"""An exact optimum of small scenarios, computed independently of the optimiser, for property tests.

Indivisible requests are enumerated (every funded/unfunded combination). For each combination the
divisible requests' fractions come from an exact linear programme in rational numbers (a small
simplex with Bland's rule, below), where money is written with Hall's condition instead of flows:
amounts D_r can be paid by the sources iff for every set S of requests, Σ_{r in S} D_r ≤ the total
amount of the sources eligible for at least one request of S (the supply-demand theorem for
transportation problems). Nothing here shares code with the optimiser except the ``Scenario``
dataclasses.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product

from tcdesk.planning.optimiser import Scenario


def eligible(source, request) -> bool:
    """The issue's rule, written out again: every non-empty restriction list of the source matches."""
    if source.themes and not (set(source.themes) & set(request.themes)):
        return False
    if source.regions and request.region not in source.regions:
        return False
    if source.countries and request.country not in source.countries:
        return False
    return not (source.requests and str(request.id) not in {str(key) for key in source.requests})


def optimum(scenario: Scenario) -> Fraction | None:
    """max Σ p_r f_r over valid plans, exactly; ``None`` when no plan satisfies the rules."""
    requests = scenario.requests
    policy = scenario.policy
    n = len(requests)
    cost = [Fraction(request.cost) for request in requests]
    must = [str(request.id) in policy.must_fund for request in requests]
    must_not = [str(request.id) in policy.must_not_fund for request in requests]
    supply = {
        subset: sum(
            (
                Fraction(source.amount)
                for source in scenario.sources
                if any(eligible(source, requests[r]) for r in subset)
            ),
            Fraction(0),
        )
        for size in range(1, n + 1)
        for subset in combinations(range(n), size)
    }
    free = [r for r in range(n) if requests[r].divisible and not must[r] and not must_not[r]]
    choices = [r for r in range(n) if not requests[r].divisible and not must[r] and not must_not[r]]
    best = None
    for picks in product((0, 1), repeat=len(choices)):
        fixed = {r: Fraction(1 if must[r] else 0) for r in range(n) if r not in free}
        fixed.update({r: Fraction(pick) for r, pick in zip(choices, picks, strict=True)})
        value = _best_fractions(scenario, cost, supply, fixed, free)
        if value is not None and (best is None or value > best):
            best = value
    return best


def _best_fractions(scenario, cost, supply, fixed, free) -> Fraction | None:
    """The LP over the free (divisible) fractions, the others fixed; its optimum or None."""
    requests = scenario.requests
    policy = scenario.policy
    index = {r: k for k, r in enumerate(free)}
    rows: list[tuple[list[Fraction], str, Fraction]] = []

    def add(coefficients: dict[int, Fraction], sense: str, rhs: Fraction) -> None:
        """Σ coefficients[r] f_r (sense) rhs, over all requests; fixed ones move to the right."""
        row = [Fraction(0)] * len(free)
        for r, value in coefficients.items():
            if r in index:
                row[index[r]] += value
            else:
                rhs -= value * fixed[r]
        rows.append((row, sense, rhs))

    for subset, amount in supply.items():
        add({r: cost[r] for r in subset}, "<=", amount)
    for group, share in policy.min_share.items():
        m = Fraction(share)
        add(
            {r: ((1 if group in requests[r].groups else 0) - m) * cost[r] for r in range(len(requests))},
            ">=",
            Fraction(0),
        )
    for theme, share in policy.max_share_theme.items():
        big_m = Fraction(share)
        add(
            {r: (big_m - (1 if theme in requests[r].themes else 0)) * cost[r] for r in range(len(requests))},
            ">=",
            Fraction(0),
        )
    if policy.country_cap is not None:
        for country in {request.country for request in requests}:
            members = {r: cost[r] for r, request in enumerate(requests) if request.country == country}
            add(members, "<=", Fraction(policy.country_cap))
    for r in free:
        add({r: Fraction(1)}, "<=", Fraction(1))
    constant = sum((Fraction(requests[r].priority) * value for r, value in fixed.items()), Fraction(0))
    objective = [Fraction(requests[r].priority) for r in free]
    if not free:
        return constant if all(_holds(Fraction(0), sense, rhs) for _, sense, rhs in rows) else None
    value = simplex_max(objective, rows)
    return None if value is None else constant + value


def _holds(lhs: Fraction, sense: str, rhs: Fraction) -> bool:
    return lhs <= rhs if sense == "<=" else lhs >= rhs if sense == ">=" else lhs == rhs


def simplex_max(c: list[Fraction], rows: list[tuple[list[Fraction], str, Fraction]]) -> Fraction | None:
    """max c·x subject to rows (coefficients, "<=" | ">=" | "=", rhs) and x ≥ 0, in exact arithmetic.

    Two phases with artificial variables and Bland's rule (no cycling). ``None`` when infeasible;
    the programmes here are bounded.
    """
    n = len(c)
    normal = []
    for coefficients, sense, rhs in rows:
        if rhs < 0:
            coefficients, rhs = [-value for value in coefficients], -rhs
            sense = {"<=": ">=", ">=": "<=", "=": "="}[sense]
        normal.append((coefficients, sense, rhs))
    m = len(normal)
    slack_count = sum(1 for _, sense, _ in normal if sense != "=")
    artificial_count = sum(1 for _, sense, _ in normal if sense != "<=")
    width = n + slack_count + artificial_count
    tableau: list[list[Fraction]] = []
    basis: list[int] = []
    artificial: set[int] = set()
    slack_at, artificial_at = n, n + slack_count
    for coefficients, sense, rhs in normal:
        row = list(coefficients) + [Fraction(0)] * (width - n) + [rhs]
        if sense == "<=":
            row[slack_at] = Fraction(1)
            basis.append(slack_at)
            slack_at += 1
        else:
            if sense == ">=":
                row[slack_at] = Fraction(-1)
                slack_at += 1
            row[artificial_at] = Fraction(1)
            basis.append(artificial_at)
            artificial.add(artificial_at)
            artificial_at += 1
        tableau.append(row)

    def objective_row(costs: list[Fraction]) -> list[Fraction]:
        z = [-value for value in costs] + [Fraction(0)]
        for i, column in enumerate(basis):
            if costs[column]:
                factor = costs[column]
                z = [zj + factor * tij for zj, tij in zip(z, tableau[i], strict=True)]
        return z

    def pivot(z: list[Fraction], i: int, j: int) -> list[Fraction]:
        pivot_value = tableau[i][j]
        tableau[i] = [value / pivot_value for value in tableau[i]]
        for k in range(len(tableau)):
            if k != i and tableau[k][j]:
                factor = tableau[k][j]
                tableau[k] = [a - factor * b for a, b in zip(tableau[k], tableau[i], strict=True)]
        basis[i] = j
        if z[j]:
            factor = z[j]
            z = [a - factor * b for a, b in zip(z, tableau[i], strict=True)]
        return z

    def run(z: list[Fraction], allowed: set[int]) -> list[Fraction]:
        while True:
            entering = next((j for j in range(width) if j in allowed and z[j] < 0), None)
            if entering is None:
                return z
            best = None
            for i, row in enumerate(tableau):
                if row[entering] > 0:
                    ratio = row[-1] / row[entering]
                    if best is None or (ratio, basis[i]) < best[0]:
                        best = ((ratio, basis[i]), i)
            if best is None:
                raise ArithmeticError("unbounded")
            z = pivot(z, best[1], entering)

    all_columns = set(range(width))
    if artificial:
        phase_one = [Fraction(-1) if j in artificial else Fraction(0) for j in range(width)]
        z = run(objective_row(phase_one), all_columns)
        if z[-1] != 0:
            return None
        for i in range(m - 1, -1, -1):  # drive artificial variables out of the basis
            if basis[i] in artificial:
                column = next((j for j in range(width) if j not in artificial and tableau[i][j] != 0), None)
                if column is None:
                    del tableau[i]
                    del basis[i]
                else:
                    z = pivot(z, i, column)
    costs = list(c) + [Fraction(0)] * (width - n)
    z = run(objective_row(costs), all_columns - artificial)
    return z[-1]
