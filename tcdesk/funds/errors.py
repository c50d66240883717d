"""The errors of money operations the API maps to their own answers (409, 422).

Bad input (a negative amount, an unknown currency, a missing rate) is a Django `ValidationError`
naming the field; these two are the money rules themselves.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class FundsError(Exception):
    """A money rule refused the operation; `field` names the input it concerns, `message` says why."""

    def __init__(self, message: str, *, field: str = "amount") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class OverdrawnError(FundsError):
    """The operation would take more than the free balance of the fund or earmark it draws on (API 409)."""


class EarmarkForbidsError(FundsError):
    """The earmark restricts its money to other themes, regions, countries, requests or projects (API 422)."""


class MissingRateError(ValidationError):
    """No UN operational rate of exchange for a currency and month: an error, never a guess."""

    def __init__(self, currency: str, month: str, *, field: str = "currency") -> None:
        from django.utils.translation import gettext as _

        super().__init__(
            {
                field: [
                    _("No UN operational rate of exchange for %(currency)s in %(month)s: load it first.")
                    % {"currency": currency, "month": month}
                ]
            }
        )
        self.currency = currency
        self.month = month
