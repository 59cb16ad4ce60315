"""Errors of the command line itself, and how any failure becomes one French line and an exit
status (config/errors.py holds the codes: ``ExitCode``)."""

from __future__ import annotations

from config.errors import AiguillageError, ExitCode, is_disk_full, system_reason  # noqa: F401 - re-exported


class UsageError(AiguillageError):
    """Wrong arguments: exit status 2, one French line."""

    exit_code = ExitCode.USAGE


def _chain(exc: BaseException | None):
    """``exc`` and its causes (Prefect, a task runner or our own wrapping may hide the first)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def ours(exc: BaseException | None) -> AiguillageError | None:
    """The error of ours behind ``exc``, looked for along its causes, or None."""
    return next((e for e in _chain(exc) if isinstance(e, AiguillageError)), None)


def disk_full(exc: BaseException | None) -> OSError | None:
    """A full disk anywhere behind ``exc`` (ENOSPC, EDQUOT): whatever wrapped it, that is the fix."""
    return next((e for e in _chain(exc) if is_disk_full(e)), None)  # type: ignore[return-value]


def _file_errnos() -> frozenset[int]:
    import errno

    return frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EISDIR,
                      errno.EIO, errno.EMFILE, errno.ENFILE, errno.ENAMETOOLONG, errno.ELOOP})


_FILE_ERRNOS = _file_errnos()  # a local file or folder refused: the user's to fix, not a bug


def system_error(exc: BaseException | None) -> OSError | None:
    """The operating system's refusal of a local file behind ``exc`` (access denied, read-only…)."""
    return next((e for e in _chain(exc) if isinstance(e, OSError) and e.errno in _FILE_ERRNOS), None)  # type: ignore[return-value]


def exit_code_of(exc: BaseException, default: int = ExitCode.FAILED) -> int:
    """The exit status a failure carries (disk full 8, storage down 4, credentials refused 5, a
    missing program 3, …), looked for along its causes; ``default`` when none carries one."""
    if disk_full(exc) is not None:
        return ExitCode.DISK_FULL
    mine = ours(exc)
    if mine is not None:
        return mine.exit_code
    if system_error(exc) is not None:
        return ExitCode.FILE_ACCESS
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    return default


def failure_message(exc: BaseException) -> str:
    """One French line for a failure: its own message when it is one of ours (they say what to
    do), the system's refusal in French words, else its kind only (the library's English text
    goes to the log, not the terminal)."""
    full = disk_full(exc)
    if full is not None:
        return system_message(full)
    mine = ours(exc)
    if mine is not None:
        return mine.user_message()
    system = system_error(exc)
    if system is not None:
        return system_message(system)
    return f"erreur interne {type(exc).__name__}"


def system_message(exc: OSError) -> str:
    """The system's refusal in French, with what to do."""
    fix = ExitCode.DISK_FULL.fix if is_disk_full(exc) else ExitCode.FILE_ACCESS.fix
    return f"{system_reason(exc)} : {fix}"
