"""Background work of the open-data app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.core.cache import cache
from django.tasks import task


@task()
def rebuild_feed(name: str) -> str:
    """Write (and validate) IATI feed `name` for the current data, so that requests can switch to it;
    the file's name, or "" when nothing is published."""
    from . import feeds  # feeds import this module to enqueue it

    try:
        return feeds.feed_file(name, feeds.feed_tag(name)).name
    except feeds.NothingPublished:
        return ""
    finally:
        cache.delete(feeds.rebuild_key(name))
