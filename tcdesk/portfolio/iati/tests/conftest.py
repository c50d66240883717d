from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    """The path of a real IATI file kept for the tests (see fixtures/SOURCES.md)."""
    return lambda name: FIXTURES / name
