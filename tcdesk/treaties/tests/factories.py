import datetime as dt

import factory

from tcdesk.treaties.models import ParticipationAction


class ActionFactory(factory.django.DjangoModelFactory):
    """A recorded action; `country_id` and `instrument_id` are codes (the reference data is loaded)."""

    class Meta:
        model = ParticipationAction

    instrument_id = "UNTOC"
    country_id = "FRA"
    action = "ratification"
    date = dt.date(2002, 10, 29)


def record(instrument: str, participant: str, action: str, day: str, effective_from: str | None = None):
    """Record one action; `participant` is an ISO3 code or an organisation code such as EU."""
    from tcdesk.core.models import Organisation

    kwargs = (
        {"country_id": participant}
        if len(participant) == 3
        else {
            "country_id": None,
            "organisation": Organisation.objects.get(code=participant),
        }
    )
    return ActionFactory(
        instrument_id=instrument,
        action=action,
        date=dt.date.fromisoformat(day),
        effective_from=dt.date.fromisoformat(effective_from) if effective_from else None,
        **kwargs,
    )
