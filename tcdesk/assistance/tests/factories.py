import datetime as dt

import factory
from django.utils import timezone

from tcdesk.assistance.models import AssistanceRequest, PartnerActivity
from tcdesk.core.models import Organisation


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    """A submitted request (status and dates set directly; use the services to exercise the workflow)."""

    class Meta:
        model = AssistanceRequest
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"TAR-2020-{n + 1:04d}")
    country_id = "MLI"
    title = factory.Sequence(lambda n: f"Training of prosecutors on terrorism cases {n}")
    requesting_authority = "Ministry of Justice"
    assistance_types = ",training_prosecutors,"
    description = "Training of prosecutors and investigating judges on terrorism cases and the universal instruments."
    status = "submitted"
    country_groups = ",LDC,LLDC,"
    submitted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=40))

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create:
            obj.themes.set(extracted if extracted is not None else ["terrorism"])


class PartnerActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerActivity
        skip_postgeneration_save = True

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="UNDP"))
    country_id = "MLI"
    title = "Rule of law programme: support to the justice sector"
    description = "Training of judges and prosecutors, case management."

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create:
            obj.themes.set(extracted or ["criminal_justice"])
