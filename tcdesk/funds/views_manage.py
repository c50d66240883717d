"""Fund managers' pages: create and correct funds, donors, agreements and earmarks; record receipts,
reverse them, return unspent balances to donors, transfer between funds, record expenditure.

Each page collects input with a form of `forms` and writes through one named service; a service's
errors land next to the field they name (422), money rules (overdrawn, earmark) too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import holds
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.access import load_for_user, requires
from tcdesk.core.form_errors import add_service_errors

from . import selectors, services
from .errors import FundsError
from .forms import (
    AgreementEditForm,
    AgreementForm,
    DonorForm,
    EarmarkEditForm,
    EarmarkForm,
    ExpenditureForm,
    FundForm,
    PledgeForm,
    ReceiptForm,
    RefundForm,
    RevaluationForm,
    ReversalForm,
    TransferForm,
    split_codes,
)
from .models import Allocation, ContributionAgreement, Earmark, PledgeRevaluation, Receipt
from .permissions import ALLOCATE, MANAGE_FUNDS, RECORD_CONTRIBUTION, VIEW_CONTRIBUTION, VIEW_FUNDS

HUNDRED = Decimal(100)


def _write_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    write: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    title: str,
    saved: str,
    back: str = "",
    intro: str = "",
    renamed: dict[str, str] | None = None,
) -> HttpResponse:
    """The round of every management page: on POST validate the form, call the service, show its
    errors field by field (422) or redirect to `done(result)` with `saved` as a message. `renamed` maps
    a field the service names to the form's."""
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                result = write(form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc, renamed=renamed)
            except FundsError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, saved)
                return redirect(done(result))
    context = {"form": form, "title": title, "back": back, "intro": intro}
    return render(request, "funds/manage_form.html", context, status=status)


def _request_ids(text: str) -> list[int]:
    """Request references typed in a box, as ids; an unknown reference is the service's error."""
    references = split_codes(text)
    found = dict(AssistanceRequest.objects.filter(reference__in=references).values_list("reference", "pk"))
    unknown = [r for r in references if r not in found]
    if unknown:
        raise ValidationError({"requests": [_("Unknown request(s): %(refs)s.") % {"refs": ", ".join(unknown)}]})
    return list(found.values())


def _restrictions(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "themes": data["themes"],  # lists already: the form splits them (TargetingFieldsMixin)
        "regions": data["regions"],
        "countries": data["countries"],
        "requests": _request_ids(data["requests"]),
    }


# ---------------------------------------------------------------------------------------------- records


@requires(MANAGE_FUNDS)
def fund_create(request: HttpRequest) -> HttpResponse:
    return _write_page(
        request,
        form=FundForm(request.POST or None),
        write=lambda d: services.fund_create(actor=request.user, **{k: v for k, v in d.items() if k != "active"}),
        done=lambda fund: fund.get_absolute_url(),
        title=_("New fund"),
        saved=_("Fund saved."),
        back=reverse("funds:fund_list"),
    )


@requires(MANAGE_FUNDS, per_object=True)
def fund_edit(request: HttpRequest, code: str) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, code, MANAGE_FUNDS)
    initial = {f: getattr(fund, f) for f in ("code", "name_en", "name_fr", "kind", "currency", "mandate_reference")}
    form = FundForm(request.POST or None, initial={**initial, "active": fund.active})
    form.fields["code"].disabled = True
    return _write_page(
        request,
        form=form,
        write=lambda d: services.fund_update(actor=request.user, **{**d, "code": fund.code}),
        done=lambda found: found.get_absolute_url(),
        title=_("Edit fund %(code)s") % {"code": fund.code},
        saved=_("Fund saved."),
        back=fund.get_absolute_url(),
    )


@requires(MANAGE_FUNDS)
def donor_create(request: HttpRequest) -> HttpResponse:
    return _write_page(
        request,
        form=DonorForm(request.POST or None),
        write=lambda d: services.donor_create(actor=request.user, **d),
        done=lambda donor: donor.get_absolute_url(),
        title=_("New donor"),
        saved=_("Donor saved."),
        back=reverse("funds:donor_list"),
    )


@requires(MANAGE_FUNDS, per_object=True)
def donor_edit(request: HttpRequest, code: str) -> HttpResponse:
    donor = selectors.get_donor_for_user(request.user, code, MANAGE_FUNDS)
    form = DonorForm(
        request.POST or None,
        initial={"kind": donor.kind, "code": donor.code, "name_en": donor.name_en, "name_fr": donor.name_fr},
    )
    form.fields["code"].disabled = form.fields["kind"].disabled = True
    return _write_page(
        request,
        form=form,
        write=lambda d: services.donor_update(
            actor=request.user, code=donor.code, name_en=d["name_en"], name_fr=d["name_fr"]
        ),
        done=lambda found: found.get_absolute_url(),
        title=_("Edit donor %(code)s") % {"code": donor.code},
        saved=_("Donor saved."),
        back=donor.get_absolute_url(),
    )


def _agreement_args(data: dict[str, Any]) -> dict[str, Any]:
    args = dict(data)
    args["psc_rate"] = args.pop("psc_percent") / HUNDRED
    return args


@requires(MANAGE_FUNDS)
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _write_page(
        request,
        form=AgreementForm(request.POST or None, initial={"donor": request.GET.get("donor", "")}),
        write=lambda d: services.agreement_create(actor=request.user, **_agreement_args(d)),
        done=lambda agreement: agreement.get_absolute_url(),
        title=_("New contribution agreement"),
        saved=_("Agreement saved."),
        back=reverse("funds:donor_list"),
    )


@requires(MANAGE_FUNDS, per_object=True)
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = load_for_user(request.user, ContributionAgreement, MANAGE_FUNDS, pk=pk)
    initial = {
        f: getattr(agreement, f) for f in ("amount", "signed_on", "valid_from", "valid_to", "reporting_obligations")
    }
    form = AgreementEditForm(request.POST or None, initial={**initial, "psc_percent": agreement.psc_rate * HUNDRED})
    return _write_page(
        request,
        form=form,
        write=lambda d: services.agreement_update(actor=request.user, agreement=agreement.pk, **_agreement_args(d)),
        done=lambda found: found.get_absolute_url(),
        title=_("Amend agreement %(ref)s") % {"ref": agreement.reference},
        saved=_("Agreement saved."),
        back=agreement.get_absolute_url(),
        intro=_("The donor, fund and currency stay: money was recorded under them."),
    )


@requires(MANAGE_FUNDS, per_object=True)
def earmark_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = load_for_user(request.user, ContributionAgreement, MANAGE_FUNDS, pk=pk)
    return _write_page(
        request,
        form=EarmarkForm(request.POST or None),
        write=lambda d: services.earmark_create(
            actor=request.user, agreement=agreement.pk, code=d["code"], label=d["label"], **_restrictions(d)
        ),
        done=lambda earmark: agreement.get_absolute_url(),
        title=_("New earmark of %(ref)s") % {"ref": agreement.reference},
        saved=_("Earmark saved."),
        back=agreement.get_absolute_url(),
    )


@requires(MANAGE_FUNDS, per_object=True)
def earmark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    earmark = load_for_user(request.user, Earmark.objects.select_related("agreement"), MANAGE_FUNDS, pk=pk)
    initial = {
        "label": earmark.label,
        "themes": ", ".join(earmark.themes.values_list("code", flat=True)),
        "regions": ", ".join(earmark.regions.values_list("code", flat=True)),
        "countries": ", ".join(earmark.countries.values_list("iso3", flat=True)),
        "requests": ", ".join(earmark.requests.values_list("reference", flat=True)),
    }
    return _write_page(
        request,
        form=EarmarkEditForm(request.POST or None, initial=initial),
        write=lambda d: services.earmark_update(
            actor=request.user, earmark=earmark.pk, label=d["label"], **_restrictions(d)
        ),
        done=lambda found: earmark.agreement.get_absolute_url(),
        title=_("Edit earmark %(code)s") % {"code": earmark.code},
        saved=_("Earmark saved."),
        back=earmark.agreement.get_absolute_url(),
        intro=_("New restrictions apply to allocations made from now on."),
    )


# ---------------------------------------------------------------------------------------------- money


@requires(RECORD_CONTRIBUTION)
def receipt_create(request: HttpRequest) -> HttpResponse:
    initial = {k: request.GET.get(k) for k in ("donor", "fund", "agreement", "currency") if request.GET.get(k)}
    return _write_page(
        request,
        form=ReceiptForm(request.POST or None, initial=initial),
        write=lambda d: services.receipt_record(actor=request.user, **d),
        done=lambda receipt: reverse("funds:donor_statement", args=[receipt.donor.code]),
        title=_("Record a receipt"),
        saved=_("Receipt recorded."),
        back=reverse("funds:fund_list"),
    )


@requires(RECORD_CONTRIBUTION)
def pledge_create(request: HttpRequest) -> HttpResponse:
    """The page form for what the import records as `kind=pledge`: a pledge is not money, so nothing
    is posted; it counts in pledged versus paid and is revalued monthly until paid."""
    initial = {k: request.GET.get(k) for k in ("donor", "fund", "agreement", "currency") if request.GET.get(k)}
    return _write_page(
        request,
        form=PledgeForm(request.POST or None, initial=initial),
        write=lambda d: services.pledge_record(actor=request.user, **d),
        done=lambda pledge: reverse("funds:pledged_paid"),
        title=_("Record a pledge"),
        saved=_("Pledge recorded."),
        back=reverse("funds:fund_list"),
        intro=_("A pledge is not money yet: nothing is posted to the ledger until the receipt is recorded."),
        # The service names the date as the import's column does.
        renamed={"date": "pledged_on"},
    )


@requires(RECORD_CONTRIBUTION, per_object=True)
def receipt_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = load_for_user(request.user, Receipt.objects.select_related("donor"), RECORD_CONTRIBUTION, pk=pk)
    return _write_page(
        request,
        form=ReversalForm(request.POST or None),
        write=lambda d: services.receipt_reverse(
            actor=request.user, receipt=receipt.pk, reason=d["reason"], on=d["on"]
        ),
        done=lambda found: reverse("funds:donor_statement", args=[found.donor.code]),
        title=_("Reverse receipt %(ref)s (%(amount)s %(currency)s)")
        % {"ref": receipt.reference, "amount": receipt.amount, "currency": receipt.currency},
        saved=_("Receipt reversed."),
        back=reverse("funds:donor_statement", args=[receipt.donor.code]),
        intro=_("A reversing entry is posted; nothing is deleted. Refused when the money has been allocated."),
    )


@requires(RECORD_CONTRIBUTION)
def refund_create(request: HttpRequest) -> HttpResponse:
    initial = {k: request.GET.get(k) for k in ("donor", "fund", "earmark") if request.GET.get(k)}
    return _write_page(
        request,
        form=RefundForm(request.POST or None, initial=initial),
        write=lambda d: services.refund_record(actor=request.user, **d),
        done=lambda refund: reverse("funds:donor_statement", args=[refund.donor.code]),
        title=_("Return an unspent balance to a donor"),
        saved=_("Refund recorded."),
        back=reverse("funds:fund_list"),
    )


@requires(RECORD_CONTRIBUTION)
def transfer_create(request: HttpRequest) -> HttpResponse:
    return _write_page(
        request,
        form=TransferForm(request.POST or None, initial={"source": request.GET.get("source", "")}),
        write=lambda d: services.transfer_record(actor=request.user, **d),
        done=lambda tx: reverse("funds:fund_list"),
        title=_("Transfer between funds"),
        saved=_("Transfer recorded."),
        back=reverse("funds:fund_list"),
        intro=_("Free unearmarked money only; flows keep counting it as its first donors' money."),
    )


@requires(ALLOCATE, per_object=True)
def expenditure_create(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = load_for_user(request.user, Allocation.objects.select_related("fund"), ALLOCATE, pk=pk)
    return _write_page(
        request,
        form=ExpenditureForm(request.POST or None, initial={"currency": allocation.fund.currency}),
        write=lambda d: services.expenditure_record(actor=request.user, allocation=allocation.pk, **d),
        done=lambda found: allocation.fund.get_absolute_url(),
        title=_("Record expenditure under %(purpose)s") % {"purpose": allocation.purpose},
        saved=_("Expenditure recorded."),
        back=allocation.fund.get_absolute_url(),
        intro=_("Programme support costs are charged on it at the agreement's rate."),
    )


@requires(VIEW_CONTRIBUTION, post=RECORD_CONTRIBUTION)
def pledge_revaluations(request: HttpRequest) -> HttpResponse:
    """Unpaid pledges in other currencies, revalued month by month, and the exchange gains and losses
    against the signature-month rates; fund managers revalue a month."""
    form, status = RevaluationForm(request.POST or None), 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                month = dt.date.fromisoformat(form.cleaned_data["month"] + "-01")
            except ValueError:
                form.add_error("month", _("A month is written YYYY-MM."))
            else:
                try:
                    services.pledges_revalue(actor=request.user, month=month)
                except ValidationError as exc:
                    add_service_errors(form, exc, renamed={"agreement": "month", "pledge": "month"})
                else:
                    messages.success(
                        request, _("Pledges revalued for %(month)s.") % {"month": form.cleaned_data["month"]}
                    )
                    return redirect("funds:pledge_revaluations")
    rows = PledgeRevaluation.objects.for_user(request.user).select_related("pledge__donor")[:200]
    context = {
        "form": form,
        "rows": rows,
        "results": services.fx_results() if holds(request.user, VIEW_FUNDS) else {},
        "can_record": holds(request.user, RECORD_CONTRIBUTION),
    }
    return render(request, "funds/revaluations.html", context, status=status)


__all__ = [
    "agreement_create",
    "agreement_edit",
    "donor_create",
    "donor_edit",
    "earmark_create",
    "earmark_edit",
    "expenditure_create",
    "fund_create",
    "fund_edit",
    "pledge_revaluations",
    "receipt_create",
    "receipt_reverse",
    "refund_create",
    "transfer_create",
]
