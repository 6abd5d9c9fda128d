"""A stand-in for Windows' `msvcrt.locking`, so the Windows lock code runs on Linux.

msvcrt is not ours, so faking it is fair, but the fake must be a real lock: it takes
Linux open-file-description locks (F_OFD_SETLK) on the same bytes. Like LockFileEx, and
unlike flock/lockf, those belong to the open handle, so two handles of one process
conflict, and they are dropped when the handle is closed or its process dies.

What it copies from the C runtime's `_locking` (which msvcrt.locking calls):
- the range starts at the handle's *current position* and is `nbytes` long;
- LK_NBLCK on a range another handle holds fails at once with OSError(EACCES);
- LK_LOCK tries 10 times, one second apart, then fails with OSError(EDEADLOCK).
Not copied: Windows also refuses to *read* a locked range from another handle, and
errors when a handle locks a range twice or unlocks one it does not hold (the code
under test does neither; tracking it here would go wrong when fd numbers are reused).
Linux only takes an exclusive lock through a writable handle, so a read-only handle
takes a shared one: it still conflicts with a writer's lock (the "is it held?" probe
opens read-only), but two read-only handles do not exclude each other as on Windows.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import time

LK_UNLCK = 0
LK_LOCK = 1
LK_NBLCK = 2
LK_RLCK = 3
LK_NBRLCK = 4

AVAILABLE = hasattr(fcntl, "F_OFD_SETLK")  # Linux 3.15+

# struct flock {short l_type; short l_whence; off_t l_start; off_t l_len; pid_t l_pid;}
_FLOCK = "hhqqi0q"  # "0q": the trailing padding the C struct has on 64-bit Linux
_EDEADLOCK = getattr(errno, "EDEADLOCK", errno.EDEADLK)


def locking(fd: int, mode: int, nbytes: int) -> None:
    start = os.lseek(fd, 0, os.SEEK_CUR)
    if mode == LK_UNLCK:
        _ofd_lock(fd, fcntl.F_UNLCK, start, nbytes)
        return
    if mode not in (LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK):
        raise OSError(errno.EINVAL, "Invalid argument")
    tries = 10 if mode in (LK_LOCK, LK_RLCK) else 1
    for attempt in range(tries):
        try:
            _ofd_lock(fd, _lock_kind(fd), start, nbytes)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            if attempt + 1 < tries:
                time.sleep(1)
            continue
        return
    if tries > 1:
        raise OSError(_EDEADLOCK, "Resource deadlock avoided")
    raise OSError(errno.EACCES, "Permission denied")


def _lock_kind(fd: int) -> int:
    writable = (fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE) != os.O_RDONLY
    return fcntl.F_WRLCK if writable else fcntl.F_RDLCK


def _ofd_lock(fd: int, kind: int, start: int, length: int) -> None:
    fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack(_FLOCK, kind, os.SEEK_SET, start, length, 0))
