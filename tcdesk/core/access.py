"""How pages and API endpoints apply the declared rules: `load_for_user` and `@requires`.

- `load_for_user(user, queryset, action, **lookup)`: the object a URL names; 404 when it is missing or
  out of the user's sight (the same answer, so ids cannot be probed), 403 when it is in sight but the
  action is not allowed.
- `@requires(action, post=None, per_object=False)`: the action a view or endpoint needs (enforced here
  when there is no object; with an object, `load_for_user` decides).

The implementation sits beside the rules, in `tcdesk.accounts.access`, so that `accounts` (below
`core`) uses it too; every other app imports it from here.
"""

from tcdesk.accounts.access import SAFE_METHODS, Requirement, load_for_user, requirement_of, requires

__all__ = ["SAFE_METHODS", "Requirement", "load_for_user", "requirement_of", "requires"]
