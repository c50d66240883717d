from django.db import models
from django.utils.translation import gettext_lazy as _


class ExclusionKind(models.TextChoices):
    PROJECT = "project", _("Project")
    DONOR = "donor", _("Donor")
