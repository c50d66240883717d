import datetime as dt

import factory

from tcdesk.core.models import CountryGroupMembership, Organisation, OrganisationRole


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"org-{n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n} (fr)")


class OrganisationRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationRole

    organisation = factory.SubFactory(OrganisationFactory)
    role = "donor"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryGroupMembership

    group_id = "SIDS"
    country_id = "FRA"
    valid_from = dt.date(2000, 1, 1)
    valid_to = None
