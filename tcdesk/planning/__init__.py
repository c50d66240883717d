"""Allocation scenarios and the optimiser that proposes which requests to fund from which money."""
