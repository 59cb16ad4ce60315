"""Errors of the command line itself."""


class UsageError(Exception):
    """Wrong arguments: exit status 2, one French line."""

    exit_code = 2


def exit_code_of(exc: BaseException, default: int = 1) -> int:
    """The exit status a failure carries (storage down 4, credentials refused 5, a missing
    program 3, …), looked for along its causes; ``default`` when none carries one."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        code = getattr(exc, "exit_code", None)
        if isinstance(code, int):
            return code
        exc = exc.__cause__ or exc.__context__
    return default


def failure_message(exc: BaseException) -> str:
    """One French line for a failure: its own message when it is one of ours (they say what to
    do), else its kind only (the library's English text goes to the log, not the terminal)."""
    if getattr(exc, "exit_code", None) is not None and str(exc):
        return str(exc)
    return f"erreur interne {type(exc).__name__}"
