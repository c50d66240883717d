"""Matching participant names as written in treaty tables to States and regional organisations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tcdesk.core.choices import OrganisationRoleKind
from tcdesk.core.country_names import CountryNameMatcher, load_names_from_csv
from tcdesk.core.models import Country, Organisation

_ORG_PREFIX = "org:"


@lru_cache(maxsize=1)
def _csv_name_pairs() -> tuple[tuple[str, str], ...]:
    """Country names and aliases from the shipped core data files (read once per process)."""
    return tuple(load_names_from_csv())


@dataclass
class ParticipantMatcher:
    """Names as written in treaty tables -> ISO3 codes of States or codes of regional organisations."""

    matcher: CountryNameMatcher
    organisations: dict[str, Organisation]
    country_keys: set[str]

    @classmethod
    def build(cls) -> ParticipantMatcher:
        countries = {
            c.iso3: c
            for c in Country.objects.only("iso3", "name_en", "name_fr", "official_name_en", "official_name_fr")
        }
        pairs = [(key, name) for key, name in _csv_name_pairs() if key in countries]
        for country in countries.values():
            for name in (country.name_en, country.name_fr, country.official_name_en, country.official_name_fr):
                pairs.append((country.iso3, name))
        organisations = {o.code: o for o in Organisation.objects.with_role(OrganisationRoleKind.REGIONAL_ORGANISATION)}
        for org in organisations.values():
            for name in (org.name_en, org.name_fr, org.acronym):
                pairs.append((_ORG_PREFIX + org.code, name))
        return cls(CountryNameMatcher(pairs), organisations, set(countries))

    def match(self, name: str) -> tuple[str | None, bool]:
        """(participant key, is a State) or (None, True) when unknown or ambiguous."""
        key = self.matcher.match(name)
        if key is None:
            return None, True
        if key.startswith(_ORG_PREFIX):
            return key[len(_ORG_PREFIX) :], False
        return key, True

    def candidates(self, name: str) -> list[str]:
        return sorted(k.removeprefix(_ORG_PREFIX) for k in self.matcher.candidates(name))
