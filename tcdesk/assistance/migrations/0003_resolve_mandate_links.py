"""Give the related mandates recorded before the registry existed their registry mandate, where the
registry holds it (same rules as `services.mandate_links`, frozen here). Unresolved texts stay."""

import re

from django.db import migrations

PARAGRAPH_REF = re.compile(r"^(?P<number>[0-9]+)\s*(?:\(?(?P<label>[a-z])\)?)?$", re.IGNORECASE)


def _keys(paragraph: str) -> list[str]:
    text = (paragraph or "").replace(" ", "")
    match = PARAGRAPH_REF.match(text)
    if not match:
        return [text] if text else []
    number = str(int(match.group("number")))
    label = match.group("label")
    return [f"{number}({label.lower()})", number] if label else [number]


def resolve(apps, schema_editor):
    Link = apps.get_model("assistance", "RequestMandateLink")
    Mandate = apps.get_model("mandates", "Mandate")
    pending = Link.objects.filter(mandate__isnull=True).exclude(paragraph="")
    symbols = set(pending.values_list("symbol", flat=True).distinct())
    if not symbols:
        return
    registry = {
        (symbol, key): pk
        for pk, symbol, key in Mandate.objects.filter(resolution__symbol__in=symbols).values_list(
            "pk", "resolution__symbol", "key"
        )
    }
    by_mandate: dict[int, list[int]] = {}
    for pk, symbol, paragraph in pending.values_list("pk", "symbol", "paragraph").iterator():
        mandate_id = next((registry[(symbol, k)] for k in _keys(paragraph) if (symbol, k) in registry), None)
        if mandate_id is not None:
            by_mandate.setdefault(mandate_id, []).append(pk)
    for mandate_id, ids in by_mandate.items():
        Link.objects.filter(pk__in=ids).update(mandate_id=mandate_id)


def unresolve(apps, schema_editor):
    """Going back drops the field anyway; nothing to undo."""


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0002_link_requests_to_mandates"),
        ("mandates", "0001_initial"),
    ]

    operations = [migrations.RunPython(resolve, unresolve)]
