"""Roles and what each may do. Checked in the core (Storage), so the CLI obeys them too.

Roles are cumulative: petugas < admin OPD < koordinator < admin. An OPD administrator
can do what a helper can, plus keep their own office's staff; a coordinator what an OPD
administrator can, for every office; an admin what a coordinator can. In a small office
the admin is often also the one who records households.
"""

from __future__ import annotations

from enum import StrEnum

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import N_, QT_TRANSLATE_NOOP, _


class Role(StrEnum):
    HELPER = "petugas"
    # An office's (OPD's) administrator: a helper who also keeps their own office's ASN
    # roster and SP Online statuses (their OPD is their helper record's OPD).
    OPD_ADMIN = "admin_opd"
    COORDINATOR = "koordinator"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.HELPER: QT_TRANSLATE_NOOP("Role", "Petugas pendamping"),
    Role.OPD_ADMIN: QT_TRANSLATE_NOOP("Role", "Admin OPD"),
    Role.COORDINATOR: QT_TRANSLATE_NOOP("Role", "Koordinator"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Role", "Admin"),
}


class Permission(StrEnum):
    RECORD = N_("mencatat rumah tangga dan kunjungan")
    SEE_ALL_NUMBERS = N_("melihat No KK dan NIK lengkap semua rumah tangga")
    EXPORT = N_("mengekspor dan mencetak rekap")
    SYNC = N_("bertukar data dengan kantor lain (paket data atau server)")
    MONITOR = N_("memantau dan mengelola data ASN (pegawai) OPD-nya")
    MONITOR_ALL = N_("memantau ASN semua OPD dan menetapkan target")
    MANAGE_HELPERS = N_("mengelola akun petugas")
    MANAGE_ALL_ACCOUNTS = N_("mengelola akun koordinator dan admin")
    VIEW_AUDIT = N_("melihat jejak audit")
    SETTINGS = N_("mengubah pengaturan instalasi")
    BACKUP = N_("membuat dan memulihkan cadangan")
    PURGE = N_("menghapus data pribadi setelah masa simpan")


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.HELPER: frozenset({Permission.RECORD}),
}
_GRANTS[Role.OPD_ADMIN] = _GRANTS[Role.HELPER] | {Permission.MONITOR}
_GRANTS[Role.COORDINATOR] = _GRANTS[Role.OPD_ADMIN] | {
    Permission.MONITOR_ALL,
    Permission.SEE_ALL_NUMBERS,
    Permission.EXPORT,
    Permission.SYNC,
    Permission.MANAGE_HELPERS,
    Permission.VIEW_AUDIT,
}
_GRANTS[Role.ADMIN] = frozenset(Permission)


def allowed(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]


class PermissionDeniedError(UserFacingError):
    """The signed-in account's role may not do this."""


class NotSignedInError(UserFacingError):
    """Data was asked for without an account signed in."""


def denied(role: Role, permission: Permission) -> PermissionDeniedError:
    return PermissionDeniedError(
        _("Akun dengan peran {role} tidak boleh {action}.").format(
            role=_(ROLE_LABELS[role]), action=_(permission.value)
        ),
        hint=_("Minta koordinator atau admin kantor melakukannya."),
    )


def not_signed_in() -> NotSignedInError:
    return NotSignedInError(
        _("Belum masuk dengan akun."), hint=_("Masuk dengan NIP dan kata sandi Anda dulu.")
    )
