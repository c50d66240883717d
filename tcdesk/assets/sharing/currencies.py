"""ISO 4217 currencies and their minor unit: the one table lives in `tcdesk.core.currencies` (shared with
`funds`); the sharing rules import it from here as before. No Django here."""

from tcdesk.core.currencies import DATA_FILE, Currency, CurrencyTable, currency_table, find_currency, has_no_minor_unit

__all__ = ["DATA_FILE", "Currency", "CurrencyTable", "currency_table", "find_currency", "has_no_minor_unit"]
