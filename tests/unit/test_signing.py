"""The signed texts: slip QR payloads, short codes, public key files, PDF trailers, manifests."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.trust import signing
from sp_desktop.core.trust.signing import KeyRing, SignatureProblem, Signer, SlipClaim


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer(Signer.new_private_key(), office="Kantor Lurah Ampenan Selatan")


@pytest.fixture(scope="module")
def other() -> Signer:
    return Signer(Signer.new_private_key(), office="Kantor Lurah Lain")


def claim_for(signer: Signer, outcome: Outcome = Outcome.BERHASIL) -> SlipClaim:
    return SlipClaim(
        visit_id=str(uuid.uuid4()),
        kk_masked="5271**********04",
        outcome=outcome,
        visit_date=date(2020, 3, 15),
        key_id=signer.key_id,
    )


def test_slip_text_round_trips_and_is_qr_alphanumeric(signer: Signer) -> None:
    claim = claim_for(signer, Outcome.GAGAL)
    text = signing.slip_qr_text(claim, signer)
    # Only QR alphanumeric-mode characters, so the code stays small on paper.
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert text.startswith("SP1:") and ":GAGAL:20200315:" in text
    verified, key = signing.verify_slip_qr_text(text, KeyRing([signer.public_key]))
    assert verified == claim
    assert key.office == "Kantor Lurah Ampenan Selatan"
    # Scanners and people may hand it over in lower case.
    assert signing.verify_slip_qr_text(text.lower(), KeyRing([signer.public_key]))[0] == claim


def test_changing_any_signed_field_breaks_the_signature(signer: Signer) -> None:
    text = signing.slip_qr_text(claim_for(signer, Outcome.GAGAL), signer)
    keys = KeyRing([signer.public_key])
    forged = text.replace(":GAGAL:", ":BERHASIL:")
    with pytest.raises(SignatureProblem) as caught:
        signing.verify_slip_qr_text(forged, keys)
    assert caught.value.reason == "tanda_tangan_salah"
    date_changed = text.replace(":20200315:", ":20200316:")
    with pytest.raises(SignatureProblem, match="TIDAK cocok"):
        signing.verify_slip_qr_text(date_changed, keys)


@given(position=st.integers(min_value=0, max_value=200), replacement=st.sampled_from("AZ27*:9"))
def test_no_single_character_change_verifies(position: int, replacement: str) -> None:
    signer = _SIGNER
    text = signing.slip_qr_text(_CLAIM, signer)
    position %= len(text)
    if text[position] == replacement:
        return
    changed = text[:position] + replacement + text[position + 1 :]
    with pytest.raises(SignatureProblem):
        signing.verify_slip_qr_text(changed, KeyRing([signer.public_key]))


_SIGNER = Signer(Signer.new_private_key())
_CLAIM = SlipClaim(str(uuid.uuid4()), "5271**********04", Outcome.BELUM, date(2020, 5, 1), "")
_CLAIM = SlipClaim(
    _CLAIM.visit_id, _CLAIM.kk_masked, _CLAIM.outcome, _CLAIM.visit_date, _SIGNER.key_id
)


def test_unknown_key_names_its_fingerprint(signer: Signer, other: Signer) -> None:
    text = signing.slip_qr_text(claim_for(other), other)
    with pytest.raises(SignatureProblem) as caught:
        signing.verify_slip_qr_text(text, KeyRing([signer.public_key]))
    assert caught.value.reason == "kunci_tidak_dikenal"
    assert other.fingerprint in caught.value.message


@pytest.mark.parametrize("text", ["", "SP1:", "hello", "SP1:" + "A" * 300, "SP2:ABC"])
def test_malformed_text_is_named_as_such(text: str, signer: Signer) -> None:
    with pytest.raises(SignatureProblem) as caught:
        signing.verify_slip_qr_text(text, KeyRing([signer.public_key]))
    assert caught.value.reason == "rusak"


def test_short_code_is_stable_and_forgiving_to_type(signer: Signer) -> None:
    text = signing.slip_qr_text(claim_for(signer), signer)
    code = signing.short_code(text)
    assert len(code) == 14 and code.count("-") == 2
    assert signing.short_code(text) == code  # same slip printed again: same code
    typed = code.lower().replace("-", " ").replace("O", "0").replace("I", "1")
    assert signing.normalise_short_code(typed) == code
    assert signing.normalise_short_code("ABCD-EFGH") is None


def test_public_key_travels_as_file_and_as_qr_text(signer: Signer) -> None:
    key = signer.public_key
    from_file = signing.parse_public_key(signing.public_key_file_bytes(key))
    from_qr = signing.parse_public_key(signing.public_key_qr_text(key))
    assert from_file.raw == from_qr.raw == key.raw
    assert from_file.office == from_qr.office == "Kantor Lurah Ampenan Selatan"
    with pytest.raises(SignatureProblem):
        signing.parse_public_key(b'{"format": "sp-desktop-kunci-publik", "kunci_publik": "xx"}')
    tampered = signing.public_key_file_bytes(key).replace(key.key_id.encode(), b"A" * 16)
    with pytest.raises(SignatureProblem):
        signing.parse_public_key(tampered)


def test_pdf_trailer_covers_every_byte(signer: Signer) -> None:
    content = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    signed = content + signing.pdf_trailer(content, signer)
    keys = KeyRing([signer.public_key])
    assert signing.verify_pdf(signed, keys) == signer.public_key
    flipped = bytearray(signed)
    flipped[12] ^= 0x01
    with pytest.raises(SignatureProblem) as caught:
        signing.verify_pdf(bytes(flipped), keys)
    assert caught.value.reason == "tanda_tangan_salah"
    appended = signed + b"1 0 obj\n<<>>\nendobj\n"  # an incremental update after signing
    with pytest.raises(SignatureProblem):
        signing.verify_pdf(appended, keys)
    with pytest.raises(SignatureProblem) as unsigned:
        signing.verify_pdf(content, keys)
    assert unsigned.value.reason == "tanpa_tanda_tangan"


def test_manifest_signature(signer: Signer, other: Signer) -> None:
    body = {"berkas": [{"nama": "a.csv", "sha256": "00"}], "jumlah": {"rumah_tangga": 3}}
    manifest = signing.sign_manifest(body, signer)
    assert signing.verify_manifest(manifest, KeyRing([signer.public_key]))[0] == body
    manifest["isi"]["jumlah"]["rumah_tangga"] = 4
    with pytest.raises(SignatureProblem):
        signing.verify_manifest(manifest, KeyRing([signer.public_key]))
    with pytest.raises(SignatureProblem) as caught:
        signing.verify_manifest(signing.sign_manifest(body, other), KeyRing([signer.public_key]))
    assert caught.value.reason == "kunci_tidak_dikenal"
