"""Fresh namespaces for one job, entered by a child of the warm template (standard library only).

The template lives for many jobs; each job must see nothing another left behind. So a job
enters its own user, mount, pid, network, IPC and UTS namespaces, gets new tmpfs work, /tmp and
/dev/shm folders, a fresh (or, where the kernel refuses one, an empty) /proc, a read-only view
of everything else (the sandbox's root and /dev are writable tmpfs shared by every job of the
template), a new session keyring, and then gives up every capability before any of its data
is read.
"""

from __future__ import annotations

import ctypes
import os
import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
JOB_NAMESPACES = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET
JOB_NAMESPACES |= CLONE_NEWIPC | CLONE_NEWUTS

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x4000, 0x40000
MNT_DETACH = 0x2
SAFE = MS_NOSUID | MS_NODEV

PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 24, 38
KEYCTL_JOIN_SESSION_KEYRING = 1
# keyctl and capset have no wrapper in Python: their numbers per architecture.
_SYSCALLS = {"x86_64": (250, 126), "aarch64": (219, 91)}
SYS_KEYCTL, SYS_CAPSET = _SYSCALLS.get(platform.machine(), (-1, -1))
LINUX_CAPABILITY_VERSION_3 = 0x20080522

_libc = ctypes.CDLL(None, use_errno=True)


class NamespaceError(OSError):
    """A step of entering the job's namespaces failed: the job must not run."""


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise NamespaceError(errno, f"{what}: {os.strerror(errno)}")


def unshare_for_job() -> None:
    """In the template's child: new namespaces, the same uid and gid inside as outside. The
    caller stays outside the new pid namespace; its next child is that namespace's pid 1."""
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc.unshare(JOB_NAMESPACES), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def set_up_job(workdir: str, disk_bytes: int) -> None:
    """In the new pid namespace's first process: its own file system view, then no privilege."""
    _check(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    for path in (b"/", b"/dev"):  # shared by every job of the template: read-only here
        _check(_libc.mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | SAFE, None), "ro")
    tmpfs = f"size={disk_bytes},mode=0755".encode()
    covered = [f for f in ("/dev/shm", "/tmp", workdir) if os.path.isdir(f)]
    # /dev/shm first: the job's own, so it can hold what must survive the covering of the rest.
    _check(_libc.mount(b"tmpfs", b"/dev/shm", b"tmpfs", SAFE, tmpfs), "tmpfs /dev/shm")
    kept = _hold_mounts_under(covered[1:], "/dev/shm/.kept")
    for folder in covered[1:]:
        _check(_libc.mount(b"tmpfs", folder.encode(), b"tmpfs", SAFE, tmpfs), f"tmpfs {folder}")
    _put_back(kept)
    _mount_proc()
    os.chdir(workdir)
    new_session_keyring()
    drop_privileges()


def _mounts_under(folders: list[str]) -> list[str]:
    """Mount points strictly inside `folders` (a Python installation or virtualenv the sandbox
    bound under /tmp, as in a clone made there), outermost first."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8") as table:
        for line in table:
            point = line.split()[4].encode().decode("unicode_escape")  # \040 is a space
            if any(point.startswith(folder.rstrip("/") + "/") for folder in folders):
                found.append(point)
    outermost = [
        p for p in sorted(found) if not any(p.startswith(o + "/") for o in found if o != p)
    ]
    return outermost


def _hold_mounts_under(folders: list[str], holder: str) -> list[tuple[str, str]]:
    """Bind each mount inside `folders` (recursively) to a place under `holder`, before the
    folders are covered by fresh tmpfs; _put_back binds them again where they were."""
    kept = []
    for number, point in enumerate(_mounts_under(folders)):
        hold = f"{holder}/{number}"
        os.makedirs(hold)
        _check(_libc.mount(point.encode(), hold.encode(), None, MS_BIND | MS_REC, None), "hold")
        kept.append((point, hold))
    return kept


def _put_back(kept: list[tuple[str, str]]) -> None:
    for point, hold in kept:
        os.makedirs(point, exist_ok=True)
        _check(_libc.mount(hold.encode(), point.encode(), None, MS_BIND | MS_REC, None), "put back")
        # The sandbox bound these read-only; a bind made here starts writable: read-only again.
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | SAFE
        _check(_libc.mount(None, point.encode(), None, flags, None), "read-only")
        _check(_libc.umount2(hold.encode(), MNT_DETACH), "release")


def _mount_proc() -> None:
    """A /proc of the job's own pid namespace. Running as root, bubblewrap covers parts of its
    /proc, and the kernel then refuses a new one in a nested namespace: an empty, read-only
    /proc hides the template's processes instead."""
    flags = SAFE | MS_NOEXEC
    if _libc.mount(b"proc", b"/proc", b"proc", flags, None) == 0:
        return
    _check(
        _libc.mount(b"tmpfs", b"/proc", b"tmpfs", flags | MS_RDONLY, b"size=4k,mode=0555"),
        "hide /proc",
    )


def drop_privileges() -> None:
    """Every capability the new user namespace gave us, gone for good (and none regained by
    exec'ing a program)."""
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    cap = 0
    while _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: all empty
    _check(_syscall(SYS_CAPSET, ctypes.byref(header), ctypes.byref(data)), "capset")


def new_session_keyring() -> None:
    """Keys added to a session keyring would be seen by every process that shares it."""
    serial = _syscall(SYS_KEYCTL, KEYCTL_JOIN_SESSION_KEYRING, None)  # the new keyring's id
    _check(0 if serial > 0 else -1, "new session keyring")


def _syscall(number: int, *args: object) -> int:
    if number < 0:
        ctypes.set_errno(38)  # ENOSYS: an architecture this module does not know
        return -1
    wide = [ctypes.c_long(a) if isinstance(a, int) else a for a in args]
    return int(_libc.syscall(ctypes.c_long(number), *wide))


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as handle:
        handle.write(text)
