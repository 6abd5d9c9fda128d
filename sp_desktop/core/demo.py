"""Realistic synthetic data for trying SP Desktop and for benchmarks.

Helpers, posts, households and visits in the kelurahan of Kota Mataram (52.71) and Kota
Kupang (53.71), with structurally valid NIK, No KK and NIP. Same seed, same data.
Demo data goes only into an empty data folder, so it never mixes with real families.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.domain.model import FailureReason, Helper, HelpReason
from sp_desktop.core.domain.monitoring import Target, staff_id_for_nip
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.domain.regions import Region, region_index
from sp_desktop.core.storage import Storage

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation

CITIES = ("52.71", "53.71")  # Kota Mataram, Kota Kupang
WITA = timezone(timedelta(hours=8))  # both cities keep Central Indonesian Time
SP_ONLINE_START = datetime(2020, 2, 15, 8, 0, tzinfo=WITA)
SP_ONLINE_DAYS = 104  # to 29 May 2020, the extended end of SP Online
BATCH = 20_000

# The demo's accounts, given in the README so a newcomer can try every role at once.
DEMO_PASSWORD = "sp2020-demo"
DEMO_ACCOUNTS = (  # (NIP, name, role)
    (compose_nip(date(1980, 1, 1), date(2005, 3, 1), False, 1), "Admin Demo", "admin"),
    (compose_nip(date(1984, 5, 2), date(2009, 1, 1), True, 2), "Koordinator Demo", "koordinator"),
    (compose_nip(date(1990, 8, 3), date(2015, 2, 1), True, 3), "Petugas Demo", "petugas"),
    (compose_nip(date(1987, 11, 4), date(2012, 4, 1), False, 4), "Admin OPD Demo", "admin_opd"),
)
DEMO_OPD = "Dinas Sosial"  # the demo OPD administrator's office
DEMO_OFFICE = "Kantor Demo SP Desktop (data contoh, bukan data asli)"
DEMO_KELURAHAN = "52.71.01.1004"  # Ampenan Selatan, Kota Mataram

MATARAM_MEN = (
    "Lalu Muhammad",
    "Lalu Ahmad",
    "Muhammad",
    "Ahmad",
    "Abdul",
    "Zainal",
    "Hasanudin",
    "Sahnan",
    "Rusdi",
    "Mahsun",
    "Syamsul",
    "Jumadil",
    "Hairul",
    "Ikhsan",
    "Fathurrahman",
)
MATARAM_WOMEN = (
    "Baiq Nurul",
    "Baiq Siti",
    "Siti",
    "Nurul",
    "Hj. Aminah",
    "Rohani",
    "Saodah",
    "Halimah",
    "Sri",
    "Inaq Sumiati",
    "Rabiatul",
    "Hartini",
    "Zuhriah",
    "Murniati",
)
MATARAM_FAMILY = (
    "Hidayat",
    "Hakim",
    "Rahman",
    "Saleh",
    "Fadli",
    "Ismail",
    "Anwar",
    "Mahrup",
    "Sudirman",
    "Hamdi",
    "Junaidi",
    "Arsyad",
    "Akbar",
    "Yusuf",
)
KUPANG_MEN = (
    "Yohanes",
    "Petrus",
    "Yosef",
    "Markus",
    "Daniel",
    "Frans",
    "Stefanus",
    "Agustinus",
    "Melkianus",
    "Yakobus",
    "Simon",
    "Aris",
    "Obed",
    "Benyamin",
)
KUPANG_WOMEN = (
    "Maria",
    "Yuliana",
    "Agustina",
    "Martha",
    "Ester",
    "Ribka",
    "Debora",
    "Fransiska",
    "Yosefina",
    "Margaretha",
    "Naomi",
    "Sarlota",
    "Elisabeth",
)
KUPANG_FAMILY = (
    "Ndun",
    "Tefa",
    "Manafe",
    "Fanggidae",
    "Bana",
    "Nalle",
    "Lay",
    "Pah",
    "Kana",
    "Adoe",
    "Riwu Kaho",
    "Foenay",
    "Toelle",
    "Benu",
    "Dethan",
    "Mooy",
    "Sinlae",
)
STREETS = (
    "Jl. Pejanggik",
    "Jl. Udayana",
    "Jl. Majapahit",
    "Jl. Airlangga",
    "Jl. Sriwijaya",
    "Jl. El Tari",
    "Jl. Timor Raya",
    "Jl. Soeharto",
    "Jl. Frans Seda",
    "Gg. Melati",
    "Gg. Mawar",
    "Jl. Adisucipto",
    "Jl. Cak Doko",
    "Jl. Ahmad Yani",
)
OPDS = (
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Dinas Komunikasi dan Informatika",
    "Sekretariat Daerah",
    "Badan Pusat Statistik (mitra)",
    "Kantor Kecamatan",
)
HELP_WEIGHTS = (
    (HelpReason.TIDAK_PUNYA_ANDROID, 34),
    (HelpReason.KURANG_PAHAM_TEKNOLOGI, 28),
    (HelpReason.TIDAK_ADA_INTERNET, 18),
    (HelpReason.LANSIA, 14),
    (HelpReason.DISABILITAS, 4),
    (HelpReason.LAINNYA, 2),
)
FAILURE_WEIGHTS = (
    (FailureReason.NIK_KK_TIDAK_SESUAI, 40),
    (FailureReason.SITUS_SIBUK, 22),
    (FailureReason.TIDAK_ADA_KONEKSI, 15),
    (FailureReason.CAPTCHA, 10),
    (FailureReason.DATA_TIDAK_COCOK, 8),
    (FailureReason.LUPA_KATA_SANDI, 4),
    (FailureReason.LAINNYA, 1),
)


UNITS = ("Sekretariat", "Bidang Program", "Bidang Pelayanan", "Bidang Data", "UPT")
# SP Online status of the demo staff: dated over the last six weeks before the demo is
# made, so the dashboard's trend and the two-weekly evaluation have something to show.
STAFF_DAYS = 42
STAFF_SHARE = {"sudah": 0.68, "gagal": 0.07}  # the rest: belum


@dataclass(frozen=True)
class DemoSummary:
    helpers: int
    posts: int
    households: int
    visits: int
    staff: int = 0


@dataclass(frozen=True)
class _RosterRow:  # the shape of roster.RosterEntry (import_roster reads these fields)
    row: int
    nip: str
    name: str
    opd: str
    unit: str


def demo_staff_count(households: int) -> int:
    """About one ASN per 20 households, between 200 and 50,000 (a city's whole staff)."""
    return max(200, min(50_000, households // 20))


def _weighted(rng: random.Random, pairs: tuple[tuple[object, int], ...], k: int) -> list:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights=weights, k=k)


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID from the seeded generator, so the same seed gives the same ids."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _random_asn(
    rng: random.Random,
    used: set[str],
    female_share: float,
    born_from: date,
    born_years: int,
    age_at_appointment: tuple[int, int],
    *,
    latest: int = 9999,
) -> tuple[str, str] | None:
    """A made-up ASN's (NIP, name), or None when the NIP is taken (`used` grows)."""
    female = rng.random() < female_share
    birth = born_from + timedelta(days=rng.randrange(365 * born_years))
    year = min(birth.year + rng.randint(*age_at_appointment), latest)
    nip = compose_nip(birth, date(year, rng.randint(1, 12), 1), female, rng.randint(1, 999))
    if nip in used:
        return None
    used.add(nip)
    first = rng.choice(MATARAM_WOMEN + KUPANG_WOMEN if female else MATARAM_MEN + KUPANG_MEN)
    return nip, f"{first} {rng.choice(MATARAM_FAMILY + KUPANG_FAMILY)}"


class _Generator:
    def __init__(self, storage: Storage, seed: int) -> None:
        self.rng = random.Random(seed)
        self.origin = storage.installation_id
        # Ids from their own generator, seeded with the installation too: two demo folders
        # made with the same seed hold the same families but never the same records (they
        # would otherwise meet as edits of one record when synced).
        self.id_rng = random.Random(f"{seed}:{self.origin}")
        # Who "entered" each household: decides who sees its full numbers.
        self.default_creator = storage.actor.id if storage.actor else ""
        self.creators: dict[str, str] = {}
        self.stamp = _utc(datetime(2020, 6, 1, 9, 0, tzinfo=WITA))
        regions = region_index()
        self.villages: list[Region] = [v for c in CITIES for v in regions.villages_in(c)]
        if not self.villages:  # pragma: no cover - the resource ships with the package
            raise UserFacingError("Data wilayah tidak ditemukan; pasang ulang SP Desktop.")
        # Per (region, issue date) serial numbers keep every No KK unique by construction.
        self.kk_serials: dict[tuple[str, date], int] = {}
        self.nik_serials: dict[tuple[str, date, bool], int] = {}

    def helpers(self, count: int) -> list[tuple]:
        rng, rows, used = self.rng, [], set()
        for _ in range(count):
            person = _random_asn(rng, used, 0.45, date(1965, 1, 1), 32, (22, 30))
            if person is None:
                continue
            nip, name = person
            phone = f"08{rng.choice('1258')}{rng.randrange(10**8, 10**9)}"
            rows.append(
                (
                    _uuid(self.id_rng),
                    nip,
                    name,
                    rng.choice(OPDS),
                    phone,
                    self.stamp,
                    self.stamp,
                    self.origin,
                )
            )
        return rows

    def posts(self) -> list[tuple]:
        rows = []
        for village in self.villages:
            name = f"Posko {village.kind} {village.name}"
            address = f"Kantor {village.kind} {village.name}"
            rows.append(
                (
                    _uuid(self.id_rng),
                    name,
                    village.code,
                    address,
                    self.stamp,
                    self.stamp,
                    self.origin,
                )
            )
        return rows

    def households(
        self, count: int, helper_ids: list[str], post_by_village: dict[str, str]
    ) -> Iterator[tuple[list[tuple], list[tuple]]]:
        rng = self.rng
        made = 0
        while made < count:
            n = min(BATCH, count - made)
            households: list[tuple] = []
            visits: list[tuple] = []
            villages = rng.choices(self.villages, k=n)
            reasons = _weighted(rng, HELP_WEIGHTS, n)
            for village, reason in zip(villages, reasons, strict=True):
                kupang = village.code.startswith("53")
                female = rng.random() < 0.18
                if female:
                    first = rng.choice(KUPANG_WOMEN if kupang else MATARAM_WOMEN)
                else:
                    first = rng.choice(KUPANG_MEN if kupang else MATARAM_MEN)
                name = f"{first} {rng.choice(KUPANG_FAMILY if kupang else MATARAM_FAMILY)}"
                region6 = village.code[:8].replace(".", "")
                birth = date(1935, 1, 1) + timedelta(days=rng.randrange(365 * 66))
                key = (region6, birth, female)
                serial = self.nik_serials.get(key, 0) + 1
                self.nik_serials[key] = serial
                nik = compose_nik(region6, birth, female, serial)
                issued = date(2005, 1, 1) + timedelta(days=rng.randrange(365 * 15))
                kk_serial = self.kk_serials.get((region6, issued), 0) + 1
                self.kk_serials[(region6, issued)] = kk_serial
                kk = compose_kk(region6, issued, kk_serial)
                household_id = _uuid(self.id_rng)
                street = f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}"
                rt, rw = f"{rng.randint(1, 12):03d}", f"{rng.randint(1, 6):03d}"
                phone = (
                    f"08{rng.choice('1258')}{rng.randrange(10**8, 10**9)}"
                    if rng.random() < 0.4
                    else ""
                )
                note = (
                    "Anggota keluarga bekerja di luar kota" if reason is HelpReason.LAINNYA else ""
                )
                post_id = post_by_village[village.code]
                latest, latest_at, visit_count, helper = self._visits(
                    rng, household_id, helper_ids, post_id, visits
                )
                households.append(
                    (
                        household_id,
                        kk,
                        name,
                        nik,
                        village.code,
                        street,
                        rt,
                        rw,
                        rng.randint(1, 8),
                        phone,
                        reason.value,
                        note,
                        1,
                        self.stamp,
                        self.stamp,
                        self.origin,
                        latest,
                        latest_at,
                        visit_count,
                        self.creators.get(helper, self.default_creator),
                        self.stamp,
                        "",
                        post_id if visit_count else "",
                        helper,
                    )
                )
            made += n
            yield households, visits

    def _visits(
        self,
        rng: random.Random,
        household_id: str,
        helper_ids: list[str],
        post_id: str,
        out: list[tuple],
    ) -> tuple[str | None, str, int, str]:
        if rng.random() < 0.05:
            return None, "", 0, ""  # registered, not yet visited
        moment = SP_ONLINE_START + timedelta(minutes=rng.randrange(SP_ONLINE_DAYS * 24 * 60))
        moment = moment.replace(hour=rng.randint(8, 16))
        helper = rng.choice(helper_ids)
        outcome: str | None = None
        at = ""
        count = 0
        for attempt in range(3):
            roll = rng.random()
            if attempt == 0:
                outcome = "berhasil" if roll < 0.58 else "gagal" if roll < 0.80 else "belum"
            else:
                outcome = "berhasil" if roll < 0.65 else "gagal" if roll < 0.85 else "belum"
            reason = note = ""
            revisit = None
            if outcome == "gagal":
                reason = _weighted(rng, FAILURE_WEIGHTS, 1)[0].value
                note = "Server tidak merespons" if reason == "lainnya" else ""
            if outcome != "berhasil":
                revisit = (moment + timedelta(days=rng.randint(2, 14))).date().isoformat()
            at = _utc(moment)
            out.append(
                (
                    _uuid(self.id_rng),
                    household_id,
                    helper,
                    post_id,
                    at,
                    outcome,
                    reason or None,
                    note,
                    revisit,
                    "",
                    at,
                    at,
                    self.origin,
                    self.creators.get(helper, self.default_creator),
                )
            )
            count += 1
            if outcome == "berhasil" or rng.random() < 0.45:
                break
            moment += timedelta(days=rng.randint(2, 14), minutes=rng.randrange(120))
        return outcome, at, count, helper


def generate_demo(
    storage: Storage,
    households: int,
    *,
    seed: int = 2020,
    progress: Progress | None = None,
    named_helpers: Sequence[tuple[str, str]] = (),
    make_accounts: Callable[[list[tuple]], dict[str, str]] | None = None,
) -> DemoSummary:
    """Fill an empty installation with demo data, committing every BATCH households.

    The first generated helpers take the (NIP, name) of `named_helpers` (the demo
    accounts). `make_accounts(helper rows)` may turn some demo helpers into accounts and return
    {helper id: account id}: their households are then "entered" by those accounts.
    """
    if households < 0:
        raise UserFacingError("Jumlah rumah tangga tidak boleh negatif.")
    if not storage.is_empty():
        raise UserFacingError(
            "Folder data ini sudah berisi data; data demo hanya diisikan ke folder kosong "
            "supaya tidak tercampur dengan data keluarga yang asli.",
            hint="Pakai folder lain, misalnya: sp-desktop --data-dir ~/sp-desktop-demo demo",
        )
    progress = progress or Progress()
    gen = _Generator(storage, seed)
    helper_rows = gen.helpers(max(5, min(642, households // 150)))
    for i, (nip, name) in enumerate(named_helpers):
        helper_rows[i] = (helper_rows[i][0], nip, name, *helper_rows[i][3:])
    post_rows = gen.posts()
    storage.bulk_insert(helpers=helper_rows, posts=post_rows)
    # Only now: a refused or failed start must never label real data as demo data.
    storage.set_setting("demo", "1")
    if make_accounts is not None:
        gen.creators = make_accounts(helper_rows)
    helper_ids = [r[0] for r in helper_rows]
    post_by_village = {r[2]: r[0] for r in post_rows}
    done = visits = 0
    progress.report(0, households, "Membuat data demo")
    for household_rows, visit_rows in gen.households(households, helper_ids, post_by_village):
        storage.bulk_insert(households=household_rows, visits=visit_rows, progress=progress)
        done += len(household_rows)
        visits += len(visit_rows)
        progress.report(done, households, "Membuat data demo")
    staff = generate_staff(storage, demo_staff_count(households), seed=seed, progress=progress)
    storage.analyze()
    # The first helper and post become the defaults, so the form is ready to use at once.
    if helper_rows:
        storage.set_setting("last_helper_id", helper_rows[0][0])
        storage.set_setting("last_post_id", post_rows[0][0])
    return DemoSummary(len(helper_rows), len(post_rows), done, visits, staff)


def generate_staff(
    storage: Storage,
    count: int,
    *,
    seed: int = 2020,
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """A roster of `count` ASN over the demo OPDs, most of them with an SP Online status
    recorded over the last STAFF_DAYS days, and a few targets. Returns how many."""
    rng = random.Random(f"{seed}:pegawai")
    today = today or clock.today()
    rows: list[_RosterRow] = []
    used: set[str] = set()
    opd_weights = [3 if opd == DEMO_OPD else 2 if opd.startswith("Dinas") else 1 for opd in OPDS]
    while len(rows) < count:
        person = _random_asn(rng, used, 0.48, date(1962, 1, 1), 38, (21, 32), latest=2020)
        if person is None:
            continue
        nip, name = person
        opd = rng.choices(OPDS, weights=opd_weights)[0]
        rows.append(_RosterRow(len(rows) + 2, nip, name, opd, rng.choice(UNITS)))
    if progress is not None:
        progress.report(0, 1, "Membuat daftar pegawai demo")
    storage.import_roster(rows)
    ids = {row.nip: staff_id_for_nip(row.nip) for row in rows}  # a fresh roster: no clash
    # One bulk update per (status, day): how an OPD admin records a morning's reports.
    batches: dict[tuple[str, date, str], list[str]] = {}
    # Offices move at different speeds: some are behind the 80% target.
    pace = {opd: 0.55 + 0.45 * rng.random() for opd in OPDS}
    for row in rows:
        roll = rng.random() / pace[row.opd]
        if roll < STAFF_SHARE["sudah"]:
            status, reason = "sudah", ""
        elif roll < STAFF_SHARE["sudah"] + STAFF_SHARE["gagal"]:
            status = "gagal"
            reason = _weighted(rng, FAILURE_WEIGHTS, 1)[0].label
        else:
            continue
        # Completions speed up as the deadline nears (more of them in recent days).
        day = today - timedelta(days=int(STAFF_DAYS * (1 - rng.random() ** 0.7)))
        batches.setdefault((status, day, reason), []).append(ids[row.nip])
    for (status, day, reason), staff_ids in sorted(batches.items()):
        storage.record_staff_status(staff_ids, status, day, reason, today=today)
    storage.set_target(Target("opd", "Dinas Pendidikan", 85, today + timedelta(days=14)))
    for code in storage.kelurahan_in_use()[:6]:
        storage.set_target(Target("kelurahan", code, 40, today + timedelta(days=14)))
    return len(rows)


def create_demo(
    data_dir: Path,
    households: int,
    *,
    seed: int = 2020,
    progress: Progress | None = None,
    program: str = "baris perintah",
) -> tuple[Installation, DemoSummary]:
    """A new installation full of demo data, with the demo accounts of DEMO_ACCOUNTS.

    Returns it signed in as the demo admin. Refuses any folder that already holds data.
    """
    from sp_desktop.core.security.installation import Installation, State, state

    if state(data_dir) is not State.NEW:
        raise UserFacingError(
            "Folder data ini sudah berisi data; data demo hanya diisikan ke folder kosong "
            "supaya tidak tercampur dengan data keluarga yang asli.",
            hint="Pakai folder lain, misalnya: sp-desktop --data-dir ~/sp-desktop-demo demo",
        )
    admin_nip, admin_name, _ = DEMO_ACCOUNTS[0]
    installation, _recovery_key = Installation.create(
        data_dir,
        office=DEMO_OFFICE,
        kelurahan_code=DEMO_KELURAHAN,
        admin=Helper(nip=admin_nip, name=admin_name, opd="Dinas Kependudukan dan Pencatatan Sipil"),
        password=DEMO_PASSWORD,
        program=program,
    )

    def make_accounts(rows: list[tuple]) -> dict[str, str]:
        creators = {}
        for nip, name, role in DEMO_ACCOUNTS[1:]:
            row = next(r for r in rows if r[1] == nip)
            opd = DEMO_OPD if role == Role.OPD_ADMIN else row[3]
            account = installation.save_account(
                Helper(nip=nip, name=name, opd=opd, id=row[0]),
                Role(role),
                password=DEMO_PASSWORD,
            )
            creators[row[0]] = account.id
        return creators

    try:
        summary = generate_demo(
            installation.storage,
            households,
            seed=seed,
            progress=progress,
            named_helpers=[(nip, name) for nip, name, _ in DEMO_ACCOUNTS[1:]],
            make_accounts=make_accounts,
        )
    except BaseException:
        installation.close()
        raise
    return installation, summary
