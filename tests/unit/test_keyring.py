"""Key slots on real files: recovery keys, passwords, growing waits, tampering, cost."""

from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import ADMIN_PASSWORD, HELPER_PASSWORD, make_helper

from sp_desktop.core.security import keyring
from sp_desktop.core.security.keyring import (
    ATTEMPTS_FILENAME,
    FREE_ATTEMPTS,
    KEYRING_FILENAME,
    Keyring,
    KeyringError,
    TooManyAttemptsError,
    WrongPasswordError,
    new_recovery_key,
    normalise_recovery_key,
)

# Read at import time, before conftest's autouse fixture makes key stretching cheap.
PRODUCTION_TIME_COST = keyring.ARGON2_TIME_COST
PRODUCTION_MEMORY_KIB = keyring.ARGON2_MEMORY_KIB
PRODUCTION_PARALLELISM = keyring.ARGON2_PARALLELISM

ADMIN = make_helper(7, "Lalu Ahmad Hidayat")
HELPER = make_helper(9, "Ni Made Ayu")
ADMIN_ID = "akun-admin"
HELPER_ID = "akun-petugas"
CROCKFORD_GROUP = "[0-9A-HJKMNP-TV-Z]{4}"
T0 = datetime(2020, 3, 10, 9, 0, tzinfo=UTC)


def make_keyring(data_dir: Path) -> tuple[bytes, str]:
    """A saved keyring with an admin and a helper slot: (data key, recovery key)."""
    ring, data_key, recovery_key = Keyring.create(data_dir, "instalasi-uji")
    ring.set_password(ADMIN_ID, ADMIN.nip, ADMIN_PASSWORD, data_key)
    ring.set_password(HELPER_ID, HELPER.nip, HELPER_PASSWORD, data_key)
    ring.save()
    return data_key, recovery_key


def raw_file(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / KEYRING_FILENAME).read_bytes())


def write_raw(data_dir: Path, raw: dict[str, Any]) -> None:
    (data_dir / KEYRING_FILENAME).write_text(json.dumps(raw, indent=1), encoding="utf-8")


def slot_of(raw: dict[str, Any], account_id: str) -> dict[str, Any]:
    return next(s for s in raw["slots"] if s["account_id"] == account_id)


def attacker_checksum(slot: dict[str, Any]) -> str:
    """The slot checksum recomputed from the file's own fields, as anyone could."""
    body = {k: v for k, v in slot.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def wrong_attempt(ring: Keyring, when: datetime, nip: str = ADMIN.nip) -> int:
    """One wrong password: 0 if it is simply judged wrong, else the wait it started."""
    try:
        ring.unlock(nip, "bukan-kata-sandinya", now=when)
    except WrongPasswordError as exc:
        assert exc.message == "NIP atau kata sandi salah."
        return 0
    except TooManyAttemptsError as exc:
        # Judged (and wrong) first, then held up: not refused unheard.
        assert exc.message.startswith("NIP atau kata sandi salah"), exc.message
        assert exc.wait_seconds > 0
        return exc.wait_seconds
    pytest.fail("a wrong password opened the keyring")


# -- recovery key ------------------------------------------------------------------------


def test_recovery_key_is_eight_groups_of_four_crockford_characters() -> None:
    keys = {new_recovery_key() for _ in range(20)}
    assert len(keys) == 20  # random, not a constant
    for key in keys:
        assert re.fullmatch(f"{CROCKFORD_GROUP}(-{CROCKFORD_GROUP}){{7}}", key), key
        assert normalise_recovery_key(key) == key


def test_recovery_key_as_people_type_it_is_accepted() -> None:
    key = "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"
    typed = "o123 4567 89ab cdef ghjk mnpq rstv wxyz"  # lower case, spaces, letter O for 0
    assert normalise_recovery_key(typed) == key
    assert normalise_recovery_key(key.replace("-", "")) == key
    assert normalise_recovery_key(key.replace("1", "I")) == key
    assert normalise_recovery_key(key.replace("1", "l")) == key
    assert normalise_recovery_key(key.replace("0", "O").lower()) == key


@pytest.mark.parametrize(
    "typed",
    [
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY",  # one character short
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ0",  # one too many
        "",
    ],
)
def test_recovery_key_of_the_wrong_length_is_refused(typed: str) -> None:
    with pytest.raises(WrongPasswordError) as caught:
        normalise_recovery_key(typed)
    assert "Kunci pemulihan tidak lengkap atau salah ketik." in str(caught.value)


# -- passwords ---------------------------------------------------------------------------


def test_saved_keyring_opens_with_each_password_to_the_same_data_key(tmp_path: Path) -> None:
    data_key, _recovery = make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    assert ring.installation_id == "instalasi-uji"
    admin = ring.unlock(ADMIN.nip, ADMIN_PASSWORD)
    helper = ring.unlock(HELPER.nip, HELPER_PASSWORD)
    assert (admin.account_id, admin.data_key) == (ADMIN_ID, data_key)
    assert (helper.account_id, helper.data_key) == (HELPER_ID, data_key)
    # A NIP typed with spaces or dots is the same NIP.
    spaced = " ".join(ADMIN.nip[i : i + 6] for i in range(0, 18, 6))
    assert Keyring.load(tmp_path).unlock(spaced, ADMIN_PASSWORD).account_id == ADMIN_ID
    # The data key is never in the file.
    assert data_key.hex() not in (tmp_path / KEYRING_FILENAME).read_text()


def test_wrong_password_and_unknown_nip_get_the_same_message(tmp_path: Path) -> None:
    make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    with pytest.raises(WrongPasswordError) as wrong:
        ring.unlock(ADMIN.nip, HELPER_PASSWORD)  # a real password, of someone else
    with pytest.raises(WrongPasswordError) as unknown:
        ring.unlock(make_helper(99).nip, ADMIN_PASSWORD)
    assert str(wrong.value) == str(unknown.value)
    assert (wrong.value.message, wrong.value.hint) == (unknown.value.message, unknown.value.hint)
    assert wrong.value.message == "NIP atau kata sandi salah."
    # The password is case-sensitive.
    with pytest.raises(WrongPasswordError):
        ring.unlock(ADMIN.nip, ADMIN_PASSWORD.upper())


def test_waits_grow_after_the_free_attempts_and_a_success_resets_them(tmp_path: Path) -> None:
    make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    now = T0
    for _ in range(FREE_ATTEMPTS - 1):
        assert wrong_attempt(ring, now) == 0  # free
        now += timedelta(seconds=1)
    wrong_attempt(ring, now)  # the last free one (it may already announce the wait)

    waits = []
    for _ in range(4):
        with pytest.raises(TooManyAttemptsError) as caught:
            ring.unlock(ADMIN.nip, ADMIN_PASSWORD, now=now)  # even the right password waits
        wait = caught.value.wait_seconds
        assert wait > 0
        assert f"Tunggu {wait} detik" in str(caught.value)
        waits.append(wait)
        # Half-way through the wait: still refused, with less left.
        with pytest.raises(TooManyAttemptsError) as halfway:
            ring.unlock(ADMIN.nip, ADMIN_PASSWORD, now=now + timedelta(seconds=wait / 2))
        assert 0 < halfway.value.wait_seconds <= wait
        now += timedelta(seconds=wait + 1)
        wrong_attempt(ring, now)  # after the wait: judged again, and wrong again
    assert waits == sorted(waits) and waits[-1] > waits[0], waits

    # The wait survives closing the program: it is in percobaan-masuk.json.
    with pytest.raises(TooManyAttemptsError):
        Keyring.load(tmp_path).unlock(ADMIN.nip, ADMIN_PASSWORD, now=now)
    # Other NIPs are not held up by this one's wrong attempts.
    assert ring.unlock(HELPER.nip, HELPER_PASSWORD, now=now).account_id == HELPER_ID

    now += timedelta(seconds=keyring.MAX_WAIT_SECONDS + 1)
    assert ring.unlock(ADMIN.nip, ADMIN_PASSWORD, now=now).account_id == ADMIN_ID
    # A success resets the count: the free attempts are free again.
    for _ in range(FREE_ATTEMPTS - 1):
        assert wrong_attempt(ring, now) == 0
    wrong_attempt(ring, now)
    with pytest.raises(TooManyAttemptsError):
        ring.unlock(ADMIN.nip, ADMIN_PASSWORD, now=now)


def test_unknown_nip_is_held_up_like_a_known_one(tmp_path: Path) -> None:
    # Otherwise the missing wait would tell which NIPs have an account.
    make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    stranger = make_helper(99).nip
    known = [wrong_attempt(ring, T0, ADMIN.nip) for _ in range(FREE_ATTEMPTS)]
    unknown = [wrong_attempt(ring, T0, stranger) for _ in range(FREE_ATTEMPTS)]
    assert unknown == known
    for nip in (ADMIN.nip, stranger):
        with pytest.raises(TooManyAttemptsError) as caught:
            ring.unlock(nip, "apa-saja-123", now=T0)
        assert caught.value.wait_seconds > 0


def test_attempts_file_holds_no_nip(tmp_path: Path) -> None:
    make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    wrong_attempt(ring, T0)
    text = (tmp_path / ATTEMPTS_FILENAME).read_text()
    assert ADMIN.nip not in text and "bukan-kata-sandinya" not in text


def test_password_change_rewraps_only_that_slot(tmp_path: Path) -> None:
    data_key, recovery_key = make_keyring(tmp_path)
    before = raw_file(tmp_path)
    ring = Keyring.load(tmp_path)
    ring.set_password(HELPER_ID, HELPER.nip, "kata-sandi-baru-99", data_key)
    ring.save()
    after = raw_file(tmp_path)

    assert len(after["slots"]) == len(before["slots"]) == 3
    for slot in before["slots"]:
        if slot["account_id"] != HELPER_ID:  # the admin's and the recovery slot
            assert slot in after["slots"]
            (same,) = [s for s in after["slots"] if s["id"] == slot["id"]]
            assert json.dumps(same, sort_keys=True) == json.dumps(slot, sort_keys=True)
    old, new = slot_of(before, HELPER_ID), slot_of(after, HELPER_ID)
    assert new["wrapped"] != old["wrapped"] and new["kdf"]["salt"] != old["kdf"]["salt"]

    ring = Keyring.load(tmp_path)
    with pytest.raises(WrongPasswordError):
        ring.unlock(HELPER.nip, HELPER_PASSWORD)
    assert ring.unlock(HELPER.nip, "kata-sandi-baru-99").data_key == data_key
    assert ring.unlock(ADMIN.nip, ADMIN_PASSWORD).data_key == data_key
    assert ring.unlock_recovery(recovery_key) == data_key


# -- tampering ---------------------------------------------------------------------------


def test_one_changed_character_in_a_slot_is_reported_as_damage(tmp_path: Path) -> None:
    make_keyring(tmp_path)
    raw = raw_file(tmp_path)
    slot = slot_of(raw, ADMIN_ID)
    first = slot["wrapped"][0]
    slot["wrapped"] = ("B" if first == "A" else "A") + slot["wrapped"][1:]
    write_raw(tmp_path, raw)
    with pytest.raises(KeyringError) as caught:
        Keyring.load(tmp_path).unlock(ADMIN.nip, ADMIN_PASSWORD)
    assert "rusak atau telah diubah" in str(caught.value)
    # Not counted as a wrong password: damage is not the person's mistake.
    assert not isinstance(caught.value, WrongPasswordError)


@pytest.mark.parametrize("move_salt", [False, True])
def test_a_wrapped_key_moved_into_another_accounts_slot_does_not_open(
    tmp_path: Path, move_salt: bool
) -> None:
    """A helper copies their own wrapped key (and, the strongest variant, its argon2 salt,
    so the key derived from the helper's password is the same) into the admin's slot,
    hoping the helper's password then signs in as the admin."""
    make_keyring(tmp_path)
    raw = raw_file(tmp_path)
    helper, admin = slot_of(raw, HELPER_ID), slot_of(raw, ADMIN_ID)
    admin["wrapped"], admin["nonce"] = helper["wrapped"], helper["nonce"]
    if move_salt:
        admin["kdf"] = dict(helper["kdf"])
    admin["checksum"] = attacker_checksum(admin)
    write_raw(tmp_path, raw)
    with pytest.raises(WrongPasswordError):
        Keyring.load(tmp_path).unlock(ADMIN.nip, HELPER_PASSWORD)


def test_a_slot_relabelled_with_another_account_id_does_not_open(tmp_path: Path) -> None:
    """The helper's own slot, claiming to be the admin's account: the role is borrowed
    through account_id, so the wrapped key must be bound to it."""
    make_keyring(tmp_path)
    raw = raw_file(tmp_path)
    helper = slot_of(raw, HELPER_ID)
    helper["account_id"] = ADMIN_ID
    helper["checksum"] = attacker_checksum(helper)
    raw["slots"] = [s for s in raw["slots"] if s is helper or s["account_id"] != ADMIN_ID]
    write_raw(tmp_path, raw)
    with pytest.raises(WrongPasswordError):
        Keyring.load(tmp_path).unlock(HELPER.nip, HELPER_PASSWORD)


# -- recovery ----------------------------------------------------------------------------


def test_recovery_key_opens_and_another_key_does_not(tmp_path: Path) -> None:
    data_key, recovery_key = make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    assert ring.unlock_recovery(recovery_key) == data_key
    assert ring.unlock_recovery(recovery_key.lower().replace("-", " ")) == data_key
    with pytest.raises(WrongPasswordError) as caught:
        ring.unlock_recovery(new_recovery_key())
    assert "tidak membuka data ini" in str(caught.value)


def test_new_recovery_key_retires_the_old_sheet(tmp_path: Path) -> None:
    data_key, old_key = make_keyring(tmp_path)
    ring = Keyring.load(tmp_path)
    new_key = ring.set_recovery_key(data_key)
    ring.save()
    ring = Keyring.load(tmp_path)
    assert ring.unlock_recovery(new_key) == data_key
    with pytest.raises(WrongPasswordError):
        ring.unlock_recovery(old_key)
    assert sum(s["kind"] == "pemulihan" for s in ring.slots) == 1


# -- the file ----------------------------------------------------------------------------


def test_key_file_holds_no_nip_no_name_and_no_password(tmp_path: Path) -> None:
    _data_key, recovery_key = make_keyring(tmp_path)
    text = (tmp_path / KEYRING_FILENAME).read_text(encoding="utf-8")
    for secret in (
        ADMIN.nip,
        HELPER.nip,
        ADMIN.nip[-10:],  # no recognisable part of a NIP either
        ADMIN_PASSWORD,
        HELPER_PASSWORD,
        ADMIN.name,
        HELPER.name,
        recovery_key,
        recovery_key.replace("-", ""),
    ):
        assert secret not in text, secret


def test_production_key_stretching_is_strong_and_unlocks_within_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert PRODUCTION_MEMORY_KIB >= 64 * 1024
    assert PRODUCTION_TIME_COST >= 3
    assert PRODUCTION_PARALLELISM >= 1
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", PRODUCTION_TIME_COST)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", PRODUCTION_MEMORY_KIB)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", PRODUCTION_PARALLELISM)
    ring, data_key, _recovery = Keyring.create(tmp_path, "instalasi-uji")
    ring.set_password(ADMIN_ID, ADMIN.nip, ADMIN_PASSWORD, data_key)
    ring.save()
    kdf = slot_of(raw_file(tmp_path), ADMIN_ID)["kdf"]
    assert kdf["name"] == "argon2id"
    assert (kdf["t"], kdf["m"], kdf["p"]) == (
        PRODUCTION_TIME_COST,
        PRODUCTION_MEMORY_KIB,
        PRODUCTION_PARALLELISM,
    )
    ring = Keyring.load(tmp_path)
    start = time.perf_counter()
    unlocked = ring.unlock(ADMIN.nip, ADMIN_PASSWORD)
    seconds = time.perf_counter() - start
    print(f"unlock with production argon2id (t={kdf['t']}, m={kdf['m']} KiB): {seconds:.3f} s")
    assert unlocked.data_key == data_key
    assert seconds < 1.0  # the product requirement: unlocking takes at most a second


def test_missing_key_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KeyringError) as caught:
        Keyring.load(tmp_path)
    assert "kunci.json" in str(caught.value) and "tidak ada" in str(caught.value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut off (a full disk, a bad copy)
        lambda text: "",
        lambda text: text.replace('"slots"', '"slot"'),  # valid JSON, wrong shape
        lambda text: text.replace('"wrapped"', '"dibungkus"'),
        lambda text: text.replace("sp-desktop-kunci", "lain"),
        lambda text: "[1, 2, 3]",
    ],
)
def test_damaged_key_file_is_reported_as_damaged(tmp_path: Path, damage: Any) -> None:
    make_keyring(tmp_path)
    path = tmp_path / KEYRING_FILENAME
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(KeyringError) as caught:
        Keyring.load(tmp_path)
    assert "rusak atau telah diubah" in str(caught.value)
