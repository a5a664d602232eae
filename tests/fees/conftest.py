"""The network's fixtures (site tree with the directory, a profession) for the fees tests."""

from tests.network.conftest import network_site, profession  # noqa: F401
