"""Asset-sharing agreements, confiscation cases, sharing computations and transfers."""
