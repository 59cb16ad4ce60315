"""The ``aiguillage`` command line."""
