"""skillsite: publish a catalog of agent skills as a static site."""

__version__ = "0.1.0"
