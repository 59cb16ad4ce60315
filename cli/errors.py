"""Errors of the command line itself."""


class UsageError(Exception):
    """Wrong arguments: exit status 2, one French line."""

    exit_code = 2
