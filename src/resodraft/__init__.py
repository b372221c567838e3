"""resodraft: amend, renumber, redline and check recurring resolutions from text.

The library API lives in :mod:`resodraft.api`; the command line in :mod:`resodraft.cli`.
"""

__version__ = "0.1.0"
