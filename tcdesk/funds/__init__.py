"""Funds, donors, contribution agreements, earmarks, receipts, allocations, expenditure and the append-only ledger."""
