"""Realistic synthetic data for trying SP Desktop and for benchmarks.

Helpers, posts, households and visits in the kelurahan of Kota Mataram (52.71) and Kota
Kupang (53.71), with structurally valid NIK, No KK and NIP. Same seed, same data.
Demo data goes only into an empty data folder, so it never mixes with real families.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import queue
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.domain.model import FailureReason, Helper, HelpReason
from sp_desktop.core.domain.monitoring import Target, staff_id_for_nip
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.domain.regions import Region, region_index
from sp_desktop.core.storage import Storage

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation

T = TypeVar("T")
Row = tuple[Any, ...]  # a table row, in the storage's *_COLUMNS order
_END = object()  # _made_ahead: no more items

CITIES = ("52.71", "53.71")  # Kota Mataram, Kota Kupang
WITA = timezone(timedelta(hours=8))  # both cities keep Central Indonesian Time
SP_ONLINE_START = datetime(2020, 2, 15, 8, 0, tzinfo=WITA)
SP_ONLINE_DAYS = 104  # to 29 May 2020, the extended end of SP Online
BATCH = 20_000  # households per batch: one audit entry each
# Batches per transaction. Every commit writes each index page it dirtied, and a batch
# dirties most pages of the indexes keyed by random UUIDs: ten batches per commit write
# them a tenth as often (a million households: 5 commits instead of 50; 616 s were 125 s).
COMMIT_BATCHES = 10

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


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...], k: int) -> list[Any]:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights=weights, k=k)


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID from the seeded generator, so the same seed gives the same ids."""
    return _uuid_text(rng.getrandbits(128))


def _uuid_text(bits: int) -> str:
    h = f"{bits:032x}"
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


_SP_ONLINE_START_LOCAL = SP_ONLINE_START.replace(tzinfo=None)
_WITA_OFFSET = timedelta(hours=8)
# Heads of household are born on one of _BIRTH_DAYS days from 1935, their KK issued on one
# of _ISSUE_DAYS days from 2005.
_BIRTH_FROM, _BIRTH_DAYS = date(1935, 1, 1), 365 * 66
_ISSUE_FROM, _ISSUE_DAYS = date(2005, 1, 1), 365 * 15
# rng.choices(values, weights, k=1) of FAILURE_WEIGHTS, unrolled (random.py): one random().
_FAILURE_VALUES = [reason.value for reason, _ in FAILURE_WEIGHTS]
_FAILURE_CUM = list(itertools.accumulate(w for _, w in FAILURE_WEIGHTS))
_FAILURE_TOTAL = _FAILURE_CUM[-1] + 0.0
_FAILURE_LAST = len(_FAILURE_CUM) - 1


@dataclass(frozen=True, slots=True)
class _Place:
    """A kelurahan/desa with what its households are drawn from."""

    code: str
    region6: str  # the kecamatan digits that start its NIKs and No KKs
    men: tuple[str, ...]
    women: tuple[str, ...]
    families: tuple[str, ...]
    post_id: str

    @staticmethod
    def of(village: Region, post_id: str) -> _Place:
        kupang = village.code.startswith("53")
        return _Place(
            village.code,
            village.code[:8].replace(".", ""),
            KUPANG_MEN if kupang else MATARAM_MEN,
            KUPANG_WOMEN if kupang else MATARAM_WOMEN,
            KUPANG_FAMILY if kupang else MATARAM_FAMILY,
            post_id,
        )


def _date_digits(start: date, days: int, female: bool | None) -> list[str]:
    """ddmmyy of each day from `start`, as compose_nik (female: day + 40) or, for None,
    compose_kk writes it: made once per day instead of once per household."""
    if female is None:
        return [compose_kk("000000", start + timedelta(days=i), 0)[6:12] for i in range(days)]
    return [compose_nik("000000", start + timedelta(days=i), female, 0)[6:12] for i in range(days)]


def _below(rng: random.Random) -> Callable[[int], int]:
    """A uniform draw from range(n) as random.Random makes it for choice(seq) (n = len(seq)),
    randrange(n), randrange(a, a + n) and randint(a, a + n - 1), each of which is one such
    draw plus argument checks (random.py, `_randbelow_with_getrandbits`)."""
    getrandbits = rng.getrandbits

    def below(n: int) -> int:
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    return below


def _serial4(serial: int) -> str:
    if serial >= 10_000:  # as identifiers' compose_nik / compose_kk refuse it
        raise ValueError("nomor urut harus 0 sampai 9999")
    return f"{serial:04d}"


class _Generator:
    def __init__(self, storage: Storage, seed: int) -> None:
        self.rng = random.Random(seed)
        self.below = _below(self.rng)
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
            raise UserFacingError(_("Data wilayah tidak ditemukan; pasang ulang SP Desktop."))
        # Serial numbers per (kecamatan, issue day) and per (kecamatan, birth day, female),
        # days counted from _ISSUE_FROM / _BIRTH_FROM: every No KK and NIK is unique by
        # construction.
        self.kk_serials: dict[tuple[str, int], int] = {}
        self.nik_serials: dict[tuple[str, int, bool], int] = {}

    def helpers(self, count: int) -> list[Row]:
        rng, rows, used = self.rng, [], set[str]()
        for _i in range(count):
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

    def posts(self) -> list[Row]:
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
    ) -> Iterator[tuple[list[Row], list[Row]]]:
        """Batches of (household rows, visit rows) in HOUSEHOLD_COLUMNS / VISIT_COLUMNS order.

        The hot loop of a million-household demo. It draws exactly the numbers, in exactly
        the order, that rng.choice/randint/randrange would (see _below): the same seed
        gives the same data as ever (tests/unit/test_bulk.py pins it).
        """
        rng, id_bits = self.rng, self.id_rng.getrandbits
        below, random = self.below, rng.random
        stamp, origin, creators = self.stamp, self.origin, self.creators
        default_creator = self.default_creator
        nik_serials, kk_serials = self.nik_serials, self.kk_serials
        places = [_Place.of(v, post_by_village[v.code]) for v in self.villages]
        birth_digits = (
            _date_digits(_BIRTH_FROM, _BIRTH_DAYS, female=False),
            _date_digits(_BIRTH_FROM, _BIRTH_DAYS, female=True),
        )
        issue_digits = _date_digits(_ISSUE_FROM, _ISSUE_DAYS, female=None)
        help_values = [reason.value for reason, _ in HELP_WEIGHTS]
        help_cum = list(itertools.accumulate(w for _, w in HELP_WEIGHTS))
        other, other_note = HelpReason.LAINNYA.value, "Anggota keluarga bekerja di luar kota"
        visits_of = self._visits
        made = 0
        while made < count:
            n = min(BATCH, count - made)
            households: list[Row] = []
            visits: list[Row] = []
            chosen = rng.choices(places, k=n)
            reasons = rng.choices(help_values, cum_weights=help_cum, k=n)
            for place, reason in zip(chosen, reasons, strict=True):
                female = random() < 0.18
                firsts = place.women if female else place.men
                first = firsts[below(len(firsts))]
                name = f"{first} {place.families[below(len(place.families))]}"
                born = below(_BIRTH_DAYS)
                key = (place.region6, born, female)
                serial = nik_serials.get(key, 0) + 1
                nik_serials[key] = serial
                nik = f"{place.region6}{birth_digits[female][born]}{_serial4(serial)}"
                issued = below(_ISSUE_DAYS)
                kk_key = (place.region6, issued)
                kk_serial = kk_serials.get(kk_key, 0) + 1
                kk_serials[kk_key] = kk_serial
                kk = f"{place.region6}{issue_digits[issued]}{_serial4(kk_serial)}"
                household_id = _uuid_text(id_bits(128))
                street = f"{STREETS[below(len(STREETS))]} No. {1 + below(150)}"
                rt, rw = f"{1 + below(12):03d}", f"{1 + below(6):03d}"
                phone = f"08{'1258'[below(4)]}{10**8 + below(9 * 10**8)}" if random() < 0.4 else ""
                note = other_note if reason == other else ""
                latest, latest_at, visit_count, helper = visits_of(
                    household_id, helper_ids, place.post_id, visits
                )
                households.append(
                    (
                        household_id,
                        kk,
                        name,
                        nik,
                        place.code,
                        street,
                        rt,
                        rw,
                        1 + below(8),
                        phone,
                        reason,
                        note,
                        1,
                        stamp,
                        stamp,
                        origin,
                        latest,
                        latest_at,
                        visit_count,
                        creators.get(helper, default_creator),
                        stamp,
                        "",
                        place.post_id if visit_count else "",
                        helper,
                    )
                )
            made += n
            yield households, visits

    def _visits(
        self,
        household_id: str,
        helper_ids: list[str],
        post_id: str,
        out: list[Row],
    ) -> tuple[str | None, str, int, str]:
        below, random = self.below, self.rng.random
        if random() < 0.05:
            return None, "", 0, ""  # registered, not yet visited
        # Local (WITA) wall-clock time, naive: UTC is 8 hours earlier, dates are local.
        moment = _SP_ONLINE_START_LOCAL + timedelta(minutes=below(SP_ONLINE_DAYS * 24 * 60))
        moment = moment.replace(hour=8 + below(9))
        helper = helper_ids[below(len(helper_ids))]
        creator = self.creators.get(helper, self.default_creator)
        origin = self.origin
        outcome: str | None = None
        at = ""
        count = 0
        for attempt in range(3):
            roll = random()
            if attempt == 0:
                outcome = "berhasil" if roll < 0.58 else "gagal" if roll < 0.80 else "belum"
            else:
                outcome = "berhasil" if roll < 0.65 else "gagal" if roll < 0.85 else "belum"
            reason = note = ""
            revisit = None
            if outcome == "gagal":
                # rng.choices(values, weights, k=1): one random() against the running sum.
                reason = _FAILURE_VALUES[
                    bisect.bisect(_FAILURE_CUM, random() * _FAILURE_TOTAL, 0, _FAILURE_LAST)
                ]
                note = "Server tidak merespons" if reason == "lainnya" else ""
            if outcome != "berhasil":
                revisit = (moment + timedelta(days=2 + below(13))).date().isoformat()
            at = f"{(moment - _WITA_OFFSET).isoformat()}.000000Z"  # as _utc(): whole seconds
            out.append(
                (
                    _uuid_text(self.id_rng.getrandbits(128)),
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
                    origin,
                    creator,
                )
            )
            count += 1
            if outcome == "berhasil" or random() < 0.45:
                break
            moment += timedelta(days=2 + below(13), minutes=below(120))
        return outcome, at, count, helper


def _made_ahead(items: Iterator[T]) -> Iterator[T]:
    """`items`, each made in a thread of its own while the caller writes the one before:
    SQLite encrypts and writes with the GIL released, so on a second core part of the
    Python that makes the rows overlaps the writing. The same items in the same order; an
    error while making them is raised here."""
    made: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(ok: bool, item: object) -> bool:
        while not stop.is_set():
            with contextlib.suppress(queue.Full):
                made.put((ok, item), timeout=0.1)
                return True
        return False

    def make() -> None:
        try:
            for item in items:
                if not put(True, item):
                    return
            put(True, _END)
        except BaseException as exc:  # handed to the consumer, raised there
            put(False, exc)

    thread = threading.Thread(target=make, name="demo-rows", daemon=True)
    thread.start()
    try:
        while True:
            ok, item = made.get()
            if not ok:
                raise cast(BaseException, item)
            if item is _END:
                return
            yield cast(T, item)
    finally:
        stop.set()
        thread.join()


def generate_demo(
    storage: Storage,
    households: int,
    *,
    seed: int = 2020,
    progress: Progress | None = None,
    named_helpers: Sequence[tuple[str, str]] = (),
    make_accounts: Callable[[list[Row]], dict[str, str]] | None = None,
) -> DemoSummary:
    """Fill an empty installation with demo data, committing every COMMIT_BATCHES batches
    of BATCH households (a killed run keeps whole transactions only).

    The first generated helpers take the (NIP, name) of `named_helpers` (the demo
    accounts). `make_accounts(helper rows)` may turn some demo helpers into accounts and return
    {helper id: account id}: their households are then "entered" by those accounts.
    """
    if households < 0:
        raise UserFacingError(_("Jumlah rumah tangga tidak boleh negatif."))
    if not storage.is_empty():
        raise UserFacingError(
            _(
                "Folder data ini sudah berisi data; data demo hanya diisikan ke folder kosong "
                "supaya tidak tercampur dengan data keluarga yang asli."
            ),
            hint=_("Pakai folder lain, misalnya: sp-desktop --data-dir ~/sp-desktop-demo demo"),
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
    progress.report(0, households, _("Membuat data demo"))
    batches = _made_ahead(gen.households(households, helper_ids, post_by_village))
    with storage.bulk_session(commit_every=COMMIT_BATCHES) as session:
        for household_rows, visit_rows in batches:
            session.add(households=household_rows, visits=visit_rows, progress=progress)
            done += len(household_rows)
            visits += len(visit_rows)
            progress.report(done, households, _("Membuat data demo"))
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
        progress.report(0, 1, _("Membuat daftar pegawai demo"))
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
    from sp_desktop.core.base.data_folder import State, state
    from sp_desktop.core.security.installation import Installation

    if state(data_dir) is not State.NEW:
        raise UserFacingError(
            _(
                "Folder data ini sudah berisi data; data demo hanya diisikan ke folder kosong "
                "supaya tidak tercampur dengan data keluarga yang asli."
            ),
            hint=_("Pakai folder lain, misalnya: sp-desktop --data-dir ~/sp-desktop-demo demo"),
        )
    admin_nip, admin_name, _role = DEMO_ACCOUNTS[0]
    installation, _recovery_key = Installation.create(
        data_dir,
        office=DEMO_OFFICE,
        kelurahan_code=DEMO_KELURAHAN,
        admin=Helper(nip=admin_nip, name=admin_name, opd="Dinas Kependudukan dan Pencatatan Sipil"),
        password=DEMO_PASSWORD,
        program=program,
    )

    def make_accounts(rows: list[Row]) -> dict[str, str]:
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
