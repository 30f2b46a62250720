"""One build at a time: an exclusive lock on `<project>/.gongkai.lock` for as long as a build writes.

`gongkai build` holds it from generating the Markdown tree to writing the search index; `gongkai serve`
while it generates; the MkDocs hook from on_pre_build to on_post_build when MkDocs runs without the
command line (`mkdocs build`, `mkdocs serve`). A second build waits, saying so once, and gives up with
a message after WAIT_SECONDS. The lock is the operating system's (flock): it ends with the process that
held it, so a killed build never leaves a stale lock behind.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConfigError

try:
    import fcntl
except ImportError:  # Windows: no flock; msvcrt locks a byte instead (untested here)
    fcntl = None
    import msvcrt

LOCK_FILE = ".gongkai.lock"
WAIT_SECONDS = 600.0
TIMEOUT_VARIABLE = "GONGKAI_LOCK_TIMEOUT"  # seconds to wait instead of WAIT_SECONDS
WAITING = "另一个构建正在进行, 等待其完成… / waiting for another build"


class BuildLock:
    """A held lock; release() is safe to call more than once."""

    def __init__(self, descriptor: int, path: Path):
        self._descriptor: int | None = descriptor
        self.path = path

    def release(self) -> None:
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            os.close(descriptor)  # closing the last descriptor releases the flock


def _timeout() -> float:
    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return WAIT_SECONDS
    return seconds if 0 <= seconds <= 24 * 3600 else WAIT_SECONDS


def acquire(root: Path, timeout: float | None = None, poll: float = 0.2) -> BuildLock:
    """Wait for the project's build lock; raises ConfigError when it cannot be had."""
    timeout = _timeout() if timeout is None else timeout
    path = Path(root) / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise ConfigError(f"{path}: 无法创建构建锁文件 ({error.strerror or error})") from None
    deadline = time.monotonic() + timeout
    announced = False
    try:
        while True:
            if _try_lock(descriptor):
                break
            if not announced:
                print(WAITING, file=sys.stderr, flush=True)
                announced = True
            if time.monotonic() >= deadline:
                raise ConfigError(
                    f"另一个构建 {_duration(timeout)}后仍未结束, 本次构建已取消 "
                    "(请等它结束, 或确认没有别的 gongkai build、gongkai serve、mkdocs build 在运行后重试) "
                    "/ gave up waiting for another build"
                )
            time.sleep(poll)
    except OSError as error:
        os.close(descriptor)
        raise ConfigError(f"{path}: 无法加构建锁 ({error.strerror or error})") from None
    except BaseException:
        os.close(descriptor)
        raise
    if fcntl is not None:  # who holds it, for whoever looks
        try:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
    return BuildLock(descriptor, path)


def _try_lock(descriptor: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        return True
    except PermissionError:
        return False


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} 分钟" if seconds >= 60 else f"{seconds:g} 秒"


@contextmanager
def build_lock(root: Path, timeout: float | None = None) -> Iterator[BuildLock]:
    lock = acquire(root, timeout)
    try:
        yield lock
    finally:
        lock.release()
