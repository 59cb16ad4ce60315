"""Who is acting, when a command is not told: the login of the person at the keyboard."""

from __future__ import annotations

import getpass


def login() -> str:
    """The login name (``LOGNAME``, ``USER``… then the password database); "inconnu" if none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no such variables and no passwd entry (some containers)
        return "inconnu"
