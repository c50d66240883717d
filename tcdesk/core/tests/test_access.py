"""Pages and endpoints apply the declared rules one way: 404 out of sight, 403 in sight but not allowed."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from tcdesk.core.access import load_for_user, requirement_of, requires
from tcdesk.core.models import BackgroundJob, Country
from tcdesk.core.permissions import MANAGE_REFERENCE_DATA, VIEW_JOB, VIEW_REFERENCE_DATA

pytestmark = pytest.mark.django_db


def test_it_loads_an_object_the_user_may_act_on(admin_user):
    assert load_for_user(admin_user, Country, MANAGE_REFERENCE_DATA, iso3="MLI").iso3 == "MLI"


def test_it_refuses_with_403_an_object_in_sight_but_not_allowed(officer):
    with pytest.raises(PermissionDenied):
        load_for_user(officer, Country.objects.all(), MANAGE_REFERENCE_DATA, iso3="MLI")


def test_it_answers_404_alike_for_a_missing_object_and_one_out_of_sight(officer, auditor):
    job = BackgroundJob.objects.create(name="someone else's", owner=auditor)
    with pytest.raises(Http404):
        load_for_user(officer, BackgroundJob, pk=job.pk)
    with pytest.raises(Http404):
        load_for_user(officer, BackgroundJob, pk=job.pk + 1000)
    assert load_for_user(auditor, BackgroundJob, VIEW_JOB, pk=job.pk) == job


def test_it_refuses_a_queryset_that_does_not_apply_the_rules(officer):
    from tcdesk.core.models import CountryGroupMembership

    with pytest.raises(TypeError, match="ScopedQuerySet"):
        load_for_user(officer, CountryGroupMembership.objects.all(), pk=1)


def _view(request):
    return HttpResponse("ok")


def test_requires_refuses_a_page_the_user_holds_no_scope_of(officer, admin_user):
    guarded = requires(VIEW_REFERENCE_DATA, post=MANAGE_REFERENCE_DATA)(_view)
    request = RequestFactory().post("/")
    request.user = officer
    with pytest.raises(PermissionDenied):
        guarded(request)
    request.user = admin_user
    assert guarded(request).status_code == 200
    request = RequestFactory().get("/")
    request.user = officer
    assert guarded(request).status_code == 200


def test_requires_leaves_per_object_views_to_load_for_user_and_is_declared(officer):
    guarded = requires(MANAGE_REFERENCE_DATA, per_object=True)(_view)
    request = RequestFactory().post("/")
    request.user = officer
    assert guarded(request).status_code == 200
    requirement = requirement_of(guarded)
    assert requirement.per_object and requirement.action_for("POST") is MANAGE_REFERENCE_DATA
    assert requirement_of(_view) is None
