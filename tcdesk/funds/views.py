"""Pages of the funds app: funds and their statements, donors and what their money paid for, pledged
versus paid, flows, exchange rates, imports, and the allocation form on an accepted request.

Fund managers manage; programme staff and the auditor read; a donor sees only its own agreements,
receipts, earmarks and their use (`VIEW_CONTRIBUTION` scoped to its State or organisation).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import holds
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.access import load_for_user, requires
from tcdesk.core.export import csv_response, xlsx_response
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.imports import check_upload_size

from . import charts, money, selectors, services
from .errors import EarmarkForbidsError, OverdrawnError
from .forms import AllocationForm, PeriodForm, RateForm, UploadForm
from .models import Allocation, Donor, Earmark, ExchangeRate, Fund
from .permissions import ALLOCATE, MANAGE_FUNDS, RECORD_CONTRIBUTION, VIEW_CONTRIBUTION, VIEW_FUNDS


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, PeriodForm]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    return start, end, form


def _can(request: HttpRequest) -> dict[str, bool]:
    """Which management links a page shows (the pages behind them check again)."""
    return {
        "can_manage": holds(request.user, MANAGE_FUNDS),
        "can_record": holds(request.user, RECORD_CONTRIBUTION),
        "can_allocate": holds(request.user, ALLOCATE),
    }


@requires(VIEW_FUNDS)
def fund_list(request: HttpRequest) -> HttpResponse:
    visible = list(Fund.objects.for_user(request.user).order_by("code"))
    balances = selectors.funds_balances(visible)
    funds = [(fund, balances[fund.code]) for fund in visible]
    return render(
        request,
        "funds/fund_list.html",
        {
            "funds": funds,
            "can_manage": holds(request.user, MANAGE_FUNDS),
            "can_record": holds(request.user, RECORD_CONTRIBUTION),
        },
    )


def _statement_rows(statement: selectors.FundStatement) -> list[list]:
    labels = [
        ("opening", _("Opening balance")),
        ("receipts", _("Receipts")),
        ("allocations", _("Allocations")),
        ("expenditure", _("Expenditure (support costs included)")),
        ("support_costs", _("of which programme support costs")),
        ("refunds", _("Refunds")),
        ("closing", _("Closing balance")),
    ]
    return [[label, getattr(statement, key), statement.usd[key]] for key, label in labels]


@requires(VIEW_FUNDS, per_object=True)
def fund_detail(request: HttpRequest, code: str) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, code)
    start, end, form = _period(request)
    statement = selectors.fund_statement(fund=fund, start=start, end=end)
    context = {
        "fund": fund,
        "statement": statement,
        "rows": _statement_rows(statement),
        "form": form,
        "balances": selectors.fund_balances(fund),
        "allocations": Allocation.objects.filter(fund=fund).select_related("request", "earmark")[:50],
        "query": request.GET.urlencode(),
        "can_manage": holds(request.user, MANAGE_FUNDS),
        "can_allocate": holds(request.user, ALLOCATE),
    }
    return render(request, "funds/fund_detail.html", context)


def _pdf(html: str, stem: str) -> HttpResponse:
    from weasyprint import HTML

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.now():%Y%m%d}.pdf"'
    return response


@requires(VIEW_FUNDS, per_object=True)
def fund_statement_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    fund = selectors.get_fund_for_user(request.user, code)
    start, end, _form = _period(request)
    statement = selectors.fund_statement(fund=fund, start=start, end=end)
    rows = [[_("Line"), fund.currency, "USD"], *_statement_rows(statement)]
    stem = f"statement-{fund.code}-{start}-{end}"
    if fmt == "csv":
        return csv_response(rows, stem=stem, stream=False)
    if fmt == "xlsx":
        return xlsx_response(rows, stem=stem, sheet=fund.code)
    html = render_to_string(
        "funds/statement_pdf.html", {"fund": fund, "statement": statement, "rows": rows[1:]}, request
    )
    return _pdf(html, stem)


@requires(VIEW_CONTRIBUTION)
def donor_list(request: HttpRequest) -> HttpResponse:
    donors = Donor.objects.for_user(request.user).select_related("country", "organisation")
    return render(request, "funds/donor_list.html", {"donors": donors, "can_manage": holds(request.user, MANAGE_FUNDS)})


def _donor_rows(found: dict) -> list[list]:
    rows: list[list] = [
        [_("Earmark"), _("Fund"), _("Received (USD)"), _("Paid for"), _("Allocated (USD)"), _("Spent (USD)")]
    ]

    def usd(value: Decimal | None) -> Decimal | None:
        return None if value is None else money.round_to_unit(value, "USD")

    for use in found["earmarks"]:
        for allocation in use.allocations or [None]:
            spent = sum((e.usd_amount for e in allocation.expenditures.all()), Decimal(0)) if allocation else None
            rows.append(
                [
                    use.earmark.code,
                    use.earmark.agreement.fund.code,
                    usd(use.received_usd),
                    allocation.purpose if allocation else "",
                    usd(allocation.usd_amount) if allocation else None,
                    usd(spent),
                ]
            )
    return rows


@requires(VIEW_CONTRIBUTION, per_object=True)
def donor_statement(request: HttpRequest, code: str) -> HttpResponse:
    donor = selectors.get_donor_for_user(request.user, code)
    return render(request, "funds/donor_statement.html", {**selectors.donor_statement(donor), **_can(request)})


@requires(VIEW_CONTRIBUTION, per_object=True)
def donor_statement_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    donor = selectors.get_donor_for_user(request.user, code)
    found = selectors.donor_statement(donor)
    rows = _donor_rows(found)
    stem = f"donor-{donor.code}"
    if fmt == "csv":
        return csv_response(rows, stem=stem, stream=False)
    if fmt == "xlsx":
        return xlsx_response(rows, stem=stem, sheet=donor.code)
    html = render_to_string("funds/donor_pdf.html", {**found, "rows": rows}, request)
    return _pdf(html, stem)


@requires(VIEW_CONTRIBUTION, per_object=True)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for_user(request.user, pk)
    earmarks = agreement.earmarks.prefetch_related("themes", "regions", "countries", "requests")
    return render(
        request,
        "funds/agreement_detail.html",
        {"agreement": agreement, "earmarks": earmarks, "receipts": agreement.receipts.all(), **_can(request)},
    )


@requires(VIEW_CONTRIBUTION)
def pledged_paid(request: HttpRequest) -> HttpResponse:
    rows = selectors.pledged_vs_paid(Donor.objects.for_user(request.user))
    chart = ""
    if rows:
        chart = charts.pledged_paid_svg(
            [f"{r['donor'].code} {r['year']}" for r in rows],
            [float(r["pledged"]) for r in rows],  # drawing only: the figures shown are Decimals
            [float(r["paid"]) for r in rows],
            title=_("Pledged and paid by donor and year"),
            pledged_label=_("Pledged"),
            paid_label=_("Paid"),
        )
    return render(request, "funds/pledged_paid.html", {"rows": rows, "chart": chart})


@requires(VIEW_FUNDS)
def flows(request: HttpRequest) -> HttpResponse:
    return render(request, "funds/flows.html", {"flows": selectors.flows()})


@requires(VIEW_FUNDS, post=MANAGE_FUNDS)
def rate_list(request: HttpRequest) -> HttpResponse:
    upload_form, rate_form, result, status = UploadForm(), RateForm(), None, 200
    if request.method == "POST":
        if "file" in request.FILES:
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                upload = upload_form.cleaned_data["file"]
                try:
                    check_upload_size(upload.name, upload.size)
                    result = services.exchange_rates_import(
                        actor=request.user,
                        name=upload.name,
                        content=upload.read(),
                        dry_run=upload_form.cleaned_data["dry_run"],
                    )
                    status = 422 if result.errors else 200
                except ValidationError as exc:
                    add_service_errors(upload_form, exc)
                    status = 422
            else:
                status = 422
        else:
            rate_form = RateForm(request.POST)
            if rate_form.is_valid():
                try:
                    month = dt.date.fromisoformat(rate_form.cleaned_data["month"] + "-01")
                    services.exchange_rate_set(
                        actor=request.user,
                        currency=rate_form.cleaned_data["currency"],
                        month=month,
                        rate=rate_form.cleaned_data["rate"],
                    )
                    messages.success(request, _("Rate saved."))
                    return redirect("funds:rate_list")
                except ValueError:
                    rate_form.add_error("month", _("A month is written YYYY-MM."))
                except ValidationError as exc:
                    add_service_errors(rate_form, exc)
            status = 422
    rates = ExchangeRate.objects.for_user(request.user).order_by("-month", "currency")[:240]
    return render(
        request,
        "funds/rate_list.html",
        {
            "rates": rates,
            "upload_form": upload_form,
            "rate_form": rate_form,
            "result": result,
            "can_manage": holds(request.user, MANAGE_FUNDS),
        },
        status=status,
    )


@requires(RECORD_CONTRIBUTION)
def contributions_import(request: HttpRequest) -> HttpResponse:
    form, result, status = UploadForm(), None, 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_upload_size(upload.name, upload.size)
                result = services.contributions_import(
                    actor=request.user, name=upload.name, content=upload.read(), dry_run=form.cleaned_data["dry_run"]
                )
                status = 422 if result.errors else 200
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 422
        else:
            status = 422
    return render(request, "funds/import.html", {"form": form, "result": result}, status=status)


@requires(ALLOCATE, per_object=True)
def allocate(request: HttpRequest, request_id: int) -> HttpResponse:
    """Allocate money to an accepted request, from a pot whose restrictions allow it."""
    ta_request = load_for_user(
        request.user, AssistanceRequest.objects.select_related("country"), ALLOCATE, pk=request_id
    )
    try:
        sources = selectors.funding_sources(on=timezone.localdate())
    except ValidationError:
        sources = []
    target = services.request_target(ta_request)
    earmarks = Earmark.objects.in_bulk([s.earmark for s in sources if s.earmark is not None])
    choices = [
        (s.key, f"{s.label} — {s.amount} USD")
        for s in sources
        if s.earmark is None or not services.earmark_refusals(earmarks[s.earmark], target)
    ]
    form = AllocationForm(request.POST or None, initial={"idempotency_key": uuid.uuid4().hex})
    form.fields["source"].choices = choices
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            kind, _sep, key = form.cleaned_data["source"].partition(":")
            source = next(s for s in sources if s.key == form.cleaned_data["source"])
            try:
                services.allocation_create(
                    actor=request.user,
                    fund=source.fund,
                    earmark=int(key) if kind == "earmark" else None,
                    amount=form.cleaned_data["amount"],
                    currency=form.cleaned_data["currency"],
                    request=ta_request.pk,
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("Money allocated to %(ref)s.") % {"ref": ta_request.reference})
                return redirect(ta_request)
            except (OverdrawnError, EarmarkForbidsError) as exc:
                form.add_error(exc.field if exc.field in form.fields else "amount", exc.message)
            except ValidationError as exc:
                add_service_errors(form, exc, renamed={"earmark": "source", "fund": "source", "request": "source"})
    allocated = selectors.request_funding(request_ids=[ta_request.pk])[ta_request.pk]
    return render(
        request,
        "funds/allocate.html",
        {"req": ta_request, "form": form, "allocated": allocated, "eligible": bool(choices)},
        status=status,
    )
