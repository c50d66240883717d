"""Middleware of the production profile.

- `RequestContextMiddleware` (first): the request id (honoured from X-Request-ID or generated, echoed
  back), the access log line (JSON) and the request metrics.
- `ProbesMiddleware` (second): `/healthz`, `/readyz` and `/metrics`, answered before the host check,
  the HTTPS redirect, sessions and sign-in, because load balancers and Prometheus call servers by
  address over plain HTTP and must not cost a session lookup.
- `PublicPageCacheMiddleware` (after LocaleMiddleware): anonymous GETs of open data, from the shared
  cache, for a short time.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from tcdesk.core import public_data

from . import metrics, readiness, requestid

access_log = logging.getLogger("tcdesk.access")

PROBES = {"/healthz": "healthz", "/readyz": "readyz", "/metrics": "metrics"}


def _route(request: HttpRequest) -> str:
    """A label of bounded variety: the URL pattern, never the raw path (ids would explode the series)."""
    if request.path in PROBES:
        return PROBES[request.path]
    match = getattr(request, "resolver_match", None)
    if match is None and hasattr(request, "cached_route"):
        return request.cached_route  # answered by PublicPageCacheMiddleware, before URL resolution
    if match is not None:
        return match.route or match.view_name or "unnamed"
    if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "static"
    return "unmatched"


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = requestid.request_id_from(request.headers.get(requestid.HEADER))
        token = requestid.current.set(request_id)
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            response[requestid.HEADER] = request_id
            route = _route(request)
            metrics.observe_request(
                method=request.method or "", route=route, status=response.status_code, seconds=seconds
            )
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                    "client": request.META.get("REMOTE_ADDR", ""),
                },
            )
            return response
        finally:
            requestid.current.reset(token)


def _metrics_allowed(request: HttpRequest) -> HttpResponse | None:
    """None when the caller shows the metrics token; the refusal otherwise."""
    expected = settings.TCDESK_METRICS_TOKEN
    if not expected:
        # No token configured: the endpoint does not exist for anyone.
        return HttpResponse("Not found.\n", status=404, content_type="text/plain; charset=utf-8")
    scheme, _space, presented = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(presented.strip().encode(), expected.encode()):
        return None
    refusal = HttpResponse(
        "Metrics need `Authorization: Bearer <TCDESK_METRICS_TOKEN>`.\n",
        status=401,
        content_type="text/plain; charset=utf-8",
    )
    refusal["WWW-Authenticate"] = 'Bearer realm="metrics"'
    return refusal


class ProbesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path)
        if probe is None:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        if probe == "healthz":
            # The process answers: nothing else is touched, so a slow database cannot fail it.
            return HttpResponse("ok\n", content_type="text/plain; charset=utf-8", headers={"Cache-Control": "no-store"})
        if probe == "readyz":
            checks = readiness.readiness()
            ready = all(check.ok for check in checks)
            return JsonResponse(
                {"status": "ready" if ready else "not ready", "checks": {c.name: c.detail for c in checks}},
                status=200 if ready else 503,
                headers={"Cache-Control": "no-store"},
            )
        refusal = _metrics_allowed(request)
        if refusal is not None:
            return refusal
        return HttpResponse(
            metrics.exposition(),
            content_type="text/plain; version=0.0.4; charset=utf-8",
            headers={"Cache-Control": "no-store"},
        )


class PublicPageCacheMiddleware:
    """Anonymous GETs under the public prefixes are answered from the shared cache for
    TCDESK_PUBLIC_CACHE_SECONDS (0 turns it off).

    Only requests with no session cookie and no Authorization header are served or stored, and only
    200 answers that set no cookie, so nothing one user sees can reach another. A cached answer may
    be that many seconds old at most, and is dropped at once when published data changes (the key
    carries `tcdesk.core.public_data.generation()`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _key(self, request: HttpRequest) -> str | None:
        seconds = settings.TCDESK_PUBLIC_CACHE_SECONDS
        if (
            seconds <= 0
            or request.method not in {"GET", "HEAD"}
            or "Authorization" in request.headers
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not request.path.startswith(tuple(settings.TCDESK_PUBLIC_CACHE_PREFIXES))
        ):
            return None
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # Keyed by the generation of the published data: a change to it invalidates every cached answer.
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"publicpage:{public_data.generation()}:{language}:{digest}"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.core.cache import cache

        key = self._key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content, route = stored
            request.cached_route = route  # type: ignore[attr-defined]
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Tcdesk-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        ):
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            route = _route(request)
            cache.set(
                key, (response.status_code, headers, response.content, route), settings.TCDESK_PUBLIC_CACHE_SECONDS
            )
            response["X-Tcdesk-Cache"] = "miss"
        return response
