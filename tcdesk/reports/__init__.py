"""The Secretary-General's report and other documents generated from the records."""
