<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name></name>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="140"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="140"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="274"/>
        <source>Versi berbeda di sini: pilih nilai yang dipakai</source>
        <translation>The versions differ here: choose the value to keep</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="285"/>
        <source>Klik, atau tekan Spasi, untuk memakai nilai ini</source>
        <translation>Click, or press Space, to use this value</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="440"/>
        <source>Versi %s</source>
        <translation>Version %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="440"/>
        <source>Versi %d</source>
        <translation>Version %d</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="470"/>
        <source>rumah tangga tidak dikenal</source>
        <translation>unknown household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="500"/>
        <source> (dipakai sekarang)</source>
        <translation> (in use now)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="503"/>
        <source>diubah %s</source>
        <translation>changed %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="514"/>
        <source>Jumlah kunjungan</source>
        <translation>Number of visits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="515"/>
        <source>Dicatat pada</source>
        <translation>Recorded on</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="518"/>
        <source>Asal</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="518"/>
        <source>komputer ini</source>
        <translation>this computer</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="518"/>
        <source>kiriman</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="524"/>
        <source>%s data</source>
        <translation>%s records</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="36"/>
        <source>Tentang SP Desktop</source>
        <translation>About SP Desktop</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="41"/>
        <source>&lt;b&gt;SP Desktop %1&lt;/b&gt;&lt;br&gt;Catatan pendampingan rumah tangga untuk Sensus Penduduk Online 2020, bekerja tanpa internet.&lt;br&gt;&lt;br&gt;Folder data: %2&lt;br&gt;Sidik kunci kantor: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;&lt;br&gt;Hak cipta 2026 kontributor SP Desktop. Dilisensikan dengan &lt;a href=&quot;%4&quot;&gt;Apache License 2.0&lt;/a&gt;; tanpa jaminan apa pun.&lt;br&gt;&lt;small&gt;%5&lt;/small&gt;</source>
        <translation>&lt;b&gt;SP Desktop %1&lt;/b&gt;&lt;br&gt;Household assistance records for the 2020 Online Population Census (SP Online), working without internet.&lt;br&gt;&lt;br&gt;Data folder: %2&lt;br&gt;Office key fingerprint: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;&lt;br&gt;Copyright 2026 SP Desktop contributors. Licensed under the &lt;a href=&quot;%4&quot;&gt;Apache License 2.0&lt;/a&gt;; without any warranty.&lt;br&gt;&lt;small&gt;%5&lt;/small&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="49"/>
        <source>(belum ada)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="60"/>
        <source>Komponen pihak ketiga dan lisensinya (dalam bahasa Inggris). Pustaka Qt dipakai dengan LGPL-3.0 dan boleh diganti di folder program:</source>
        <translation>Third-party components and their licences. The Qt libraries are used under the LGPL-3.0 and may be replaced in the program folder:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="75"/>
        <source>Berkas pemberitahuan pihak ketiga (%1) tidak ditemukan. Pasang ulang SP Desktop untuk memulihkannya.</source>
        <translation>The third-party notices file (%1) was not found. Reinstall SP Desktop to restore it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/about_dialog.py" line="83"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="87"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="87"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="87"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="109"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="109"/>
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="131"/>
        <source>Akun pengguna</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="148"/>
        <source>&amp;Daftar akun</source>
        <translation>&amp;Account list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="153"/>
        <source>18 angka</source>
        <translation>18 digits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="159"/>
        <source>mis. Dinas Sosial</source>
        <translation>e.g. Social Affairs Office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="163"/>
        <source>Akun &amp;aktif (boleh masuk)</source>
        <translation>Account ac&amp;tive (may sign in)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="184"/>
        <source>&amp;NIP</source>
        <translation>&amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="185"/>
        <source>Na&amp;ma</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="186"/>
        <source>&amp;OPD / unit kerja</source>
        <translation>Agency (&amp;OPD) / work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="187"/>
        <source>&amp;Peran</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="189"/>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="190"/>
        <source>&amp;Ulangi kata sandi</source>
        <translation>R&amp;epeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="195"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="198"/>
        <source>Akun &amp;baru</source>
        <translation>Ne&amp;w account</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="200"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="314"/>
        <source>&lt;b&gt;Akun baru&lt;/b&gt;</source>
        <translation>&lt;b&gt;New account&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="323"/>
        <source>Wajib untuk akun baru: paling sedikit %d huruf/angka, tanpa NIP.</source>
        <translation>Required for a new account: at least %d letters/digits, not containing the NIP.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="329"/>
        <source>Akun Anda tidak boleh membuat atau mengubah akun.</source>
        <translation>Your account may not create or change accounts.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="336"/>
        <source>&lt;b&gt;Ubah akun: %s&lt;/b&gt;</source>
        <translation>&lt;b&gt;Edit account: %s&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="340"/>
        <source>NIP akun yang sudah ada tidak bisa diubah.</source>
        <translation>The NIP of an existing account cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="350"/>
        <source>Biarkan kosong agar kata sandi tetap. Isi keduanya untuk mengganti kata sandi (paling sedikit %d huruf/angka).</source>
        <translation>Leave empty to keep the password. Fill in both to change it (at least %d letters/digits).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="357"/>
        <source>Akun ini belum punya kata sandi: isi kata sandi baru agar bisa masuk.</source>
        <translation>This account has no password yet: enter a new password so it can sign in.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="363"/>
        <source>Akun dengan peran %s hanya bisa diubah oleh admin.</source>
        <translation>Accounts with the role %s can only be changed by an admin.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="367"/>
        <source>Kata sandi Anda sendiri diganti lewat Ganti kata sandi.</source>
        <translation>Change your own password through Change password.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="380"/>
        <source>Peran dan status akun Anda sendiri hanya bisa diubah oleh admin lain.</source>
        <translation>Only another admin can change the role and status of your own account.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="401"/>
        <source>Sudah terdaftar sebagai petugas: nama dan OPD diambil dari sana.</source>
        <translation>Already registered as a helper: the name and agency (OPD) are taken from there.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="413"/>
        <source>NIP ini sudah punya akun. Pilih akunnya di daftar untuk mengubahnya.</source>
        <translation>This NIP already has an account. Select the account in the list to change it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="419"/>
        <source>Kedua kata sandi tidak sama. Ketik ulang keduanya.</source>
        <translation>The two passwords do not match. Type both again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="425"/>
        <source>Isi kata sandi pertama untuk akun baru.</source>
        <translation>Enter the first password for the new account.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="427"/>
        <source>Isi kata sandi baru agar akun ini bisa masuk.</source>
        <translation>Enter a new password so this account can sign in.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="481"/>
        <source>Akun %s disimpan. Akun ini nonaktif: tidak bisa masuk.</source>
        <translation>Account %s saved. This account is inactive: it cannot sign in.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="483"/>
        <source>Akun %s disimpan. Ia bisa masuk dengan NIP dan kata sandinya.</source>
        <translation>Account %s saved. They can sign in with their NIP and password.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="485"/>
        <source>Akun %s disimpan. Kata sandinya sudah diganti.</source>
        <translation>Account %s saved. Its password has been changed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="487"/>
        <source>Akun %s disimpan.</source>
        <translation>Account %s saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="502"/>
        <source>Belum tersimpan: perbaiki isian yang ditandai.</source>
        <translation>Not saved yet: correct the marked fields.</translation>
    </message>
</context>
<context>
    <name>AgendaDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="168"/>
        <source>Kunjungan ulang — %s</source>
        <translation>Revisits — %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="184"/>
        <source>Rumah tangga yang hasil terakhirnya Belum atau Gagal dan dijadwalkan dikunjungi lagi. Klik dua kali untuk membukanya di formulir. Daftar yang sama dipakai untuk SP Wawancara.</source>
        <translation>Households whose last result is Not yet or Failed and that are scheduled for another visit. Double-click one to open it in the form. The same list is used for SP Wawancara (interview stage).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="194"/>
        <source>Sampai tanggal…</source>
        <translation>Until a date…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="196"/>
        <source>Sampai tanggal</source>
        <translation>Until date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="213"/>
        <source>semua, mis. %s</source>
        <translation>all, e.g. %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="233"/>
        <source>&amp;Jadwal</source>
        <translation>&amp;Schedule</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="234"/>
        <source>&amp;Petugas</source>
        <translation>&amp;Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="235"/>
        <source>&amp;Kelurahan/desa</source>
        <translation>&amp;Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="236"/>
        <source>P&amp;osko</source>
        <translation>P&amp;ost</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="238"/>
        <source>R&amp;W</source>
        <translation>R&amp;W</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="240"/>
        <source>&amp;RT</source>
        <translation>R&amp;T</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="275"/>
        <source>Simpan P&amp;DF (pintu ke pintu)…</source>
        <translation>Save P&amp;DF (door to door)…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="277"/>
        <source>Simpan &amp;CSV…</source>
        <translation>Save &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="279"/>
        <source>&amp;Buka berkas</source>
        <translation>Open &amp;file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="282"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="327"/>
        <source>Semua petugas</source>
        <translation>All helpers</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="327"/>
        <source>Semua posko</source>
        <translation>All posts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="328"/>
        <source>Semua kelurahan/desa</source>
        <translation>All kelurahan/villages</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="253"/>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="389"/>
        <source>Membaca daftar…</source>
        <translation>Reading the list…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="425"/>
        <source>Tidak ada rumah tangga yang perlu dikunjungi ulang pada jadwal ini.</source>
        <translation>No households need a revisit on this schedule.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="428"/>
        <source>%s rumah tangga, %s di antaranya terlambat</source>
        <translation>%s households, %s of them overdue</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="433"/>
        <source> (tampil %s pertama; berkas PDF/CSV memuat semuanya)</source>
        <translation> (showing the first %s; the PDF/CSV file has all of them)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="458"/>
        <source>Simpan daftar kunjungan ulang</source>
        <translation>Save revisit list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="479"/>
        <source>PDF pintu ke pintu</source>
        <translation>Door-to-door PDF</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="481"/>
        <source>%s untuk %s rumah tangga disimpan di:
%s</source>
        <translation>%s for %s households saved in:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="488"/>
        <source>Membuat %s…</source>
        <translation>Creating %s…</translation>
    </message>
</context>
<context>
    <name>AgendaTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="81"/>
        <source>Kunjungan ulang</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="82"/>
        <source>Kepala keluarga</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="83"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="84"/>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="85"/>
        <source>Kelurahan/Desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="86"/>
        <source>Hasil terakhir</source>
        <translation>Last result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="87"/>
        <source>Alasan / catatan</source>
        <translation>Reason / notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="88"/>
        <source>Petugas</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="89"/>
        <source>Posko</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="122"/>
        <source>%s (terlambat %s hari)</source>
        <translation>%s (%s days overdue)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/agenda_dialog.py" line="124"/>
        <source>%s (hari ini)</source>
        <translation>%s (today)</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../sp_desktop/ui/shell/app.py" line="213"/>
        <source>Terjadi kesalahan program. Data yang sudah tersimpan aman dan isian Anda tetap ada.

Kirim berkas ini ke pengembang:
%1</source>
        <translation>A program error occurred. Data already saved is safe and your entries are still there.

Send this file to the developers:
%1</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="38"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="82"/>
        <source>peran</source>
        <translation>role</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="39"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="83"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="40"/>
        <source>nama</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="41"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="42"/>
        <source>OPD</source>
        <translation>agency (OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="43"/>
        <source>No HP</source>
        <translation>phone no.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="44"/>
        <source>No KK</source>
        <translation>No KK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="45"/>
        <source>nama kepala keluarga</source>
        <translation>head of household name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="46"/>
        <source>NIK kepala keluarga</source>
        <translation>head of household NIK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="47"/>
        <source>kelurahan/desa</source>
        <translation>kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="48"/>
        <source>alamat</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="49"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="50"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="51"/>
        <source>jumlah anggota</source>
        <translation>household members</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="52"/>
        <source>alasan dibantu</source>
        <translation>reason for help</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="53"/>
        <source>catatan bantuan</source>
        <translation>help notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="54"/>
        <source>persetujuan</source>
        <translation>consent</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="55"/>
        <source>waktu persetujuan</source>
        <translation>consent time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="56"/>
        <source>waktu dihapus</source>
        <translation>deletion time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="57"/>
        <source>dicatat oleh</source>
        <translation>recorded by</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="58"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="92"/>
        <source>rumah tangga</source>
        <translation>household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="59"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="106"/>
        <source>petugas</source>
        <translation>helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="60"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="105"/>
        <source>posko</source>
        <translation>post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="61"/>
        <source>waktu kunjungan</source>
        <translation>visit time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="62"/>
        <source>hasil</source>
        <translation>result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="63"/>
        <source>alasan gagal</source>
        <translation>failure reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="64"/>
        <source>catatan gagal</source>
        <translation>failure notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="65"/>
        <source>kunjungan ulang</source>
        <translation>revisit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="66"/>
        <source>catatan</source>
        <translation>notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="67"/>
        <source>unit kerja</source>
        <translation>work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="68"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="94"/>
        <source>pegawai</source>
        <translation>employee</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="69"/>
        <source>status SP Online</source>
        <translation>SP Online status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="70"/>
        <source>tanggal status</source>
        <translation>status date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="71"/>
        <source>alasan</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="72"/>
        <source>jenis target</source>
        <translation>target type</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="73"/>
        <source>target untuk</source>
        <translation>target for</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="74"/>
        <source>nilai target</source>
        <translation>target value</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="75"/>
        <source>batas waktu</source>
        <translation>deadline</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="76"/>
        <source>diubah oleh</source>
        <translation>changed by</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="78"/>
        <source>jenis</source>
        <translation>type</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="79"/>
        <source>untuk</source>
        <translation>for</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="80"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="109"/>
        <source>berkas</source>
        <translation>file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="81"/>
        <source>sebab</source>
        <translation>cause</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="84"/>
        <source>jumlah</source>
        <translation>count</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="85"/>
        <source>nilai</source>
        <translation>value</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="86"/>
        <source>tanggal</source>
        <translation>date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="87"/>
        <source>tindakan</source>
        <translation>action</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="91"/>
        <source>akun</source>
        <translation>account</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="93"/>
        <source>kunjungan</source>
        <translation>visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="95"/>
        <source>status pegawai</source>
        <translation>employee status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="96"/>
        <source>target</source>
        <translation>target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="97"/>
        <source>paket data</source>
        <translation>data package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="98"/>
        <source>data</source>
        <translation>data</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="99"/>
        <source>pengaturan</source>
        <translation>settings</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="100"/>
        <source>kunci tepercaya</source>
        <translation>trusted key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="101"/>
        <source>kunci kantor</source>
        <translation>office keys</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="102"/>
        <source>berkas kunci (kunci.json)</source>
        <translation>key file (kunci.json)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="103"/>
        <source>server sinkron</source>
        <translation>sync server</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="104"/>
        <source>impor massal</source>
        <translation>bulk import</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="107"/>
        <source>bukti</source>
        <translation>proof</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="108"/>
        <source>cadangan</source>
        <translation>backup</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="110"/>
        <source>rekapitulasi</source>
        <translation>recap</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="111"/>
        <source>paket serah terima</source>
        <translation>handover package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="112"/>
        <source>daftar kunjungan ulang</source>
        <translation>revisit list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="113"/>
        <source>CSV kunjungan ulang</source>
        <translation>revisit CSV</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="114"/>
        <source>lembar pemulihan</source>
        <translation>recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="115"/>
        <source>berita acara penghapusan</source>
        <translation>erasure record</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="239"/>
        <source>Jejak audit</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="253"/>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="257"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="272"/>
        <source>Cari nama akun, jenis data atau isi perubahan</source>
        <translation>Search account name, data type or change</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="280"/>
        <source>&amp;Tindakan</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="281"/>
        <source>A&amp;kun</source>
        <translation>Acco&amp;unt</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="282"/>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="299"/>
        <source>&amp;Periksa keutuhan</source>
        <translation>&amp;Verify integrity</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="302"/>
        <source>Memeriksa bahwa tidak ada catatan yang diubah, dihapus atau disisipkan.</source>
        <translation>Checks that no record has been changed, deleted or inserted.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="305"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="340"/>
        <source>Menampilkan %s catatan terbaru. Catatan yang lebih lama ada: persempit dengan saringan di atas.</source>
        <translation>Showing the %s most recent records. There are older records: narrow down with the filters above.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="347"/>
        <source>Tidak ada catatan yang cocok dengan saringan.</source>
        <translation>No records match the filters.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="349"/>
        <source>Belum ada catatan.</source>
        <translation>No records yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="352"/>
        <source>%s catatan.</source>
        <translation>%s records.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="369"/>
        <source> Jangan ubah apa pun; laporkan ke admin dan simpan cadangan terakhir.</source>
        <translation> Do not change anything; report it to the admin and keep the latest backup.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="192"/>
        <source>No</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="193"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="194"/>
        <source>Akun</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="195"/>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="196"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/audit_dialog.py" line="197"/>
        <source>Perubahan</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="526"/>
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="529"/>
        <source>Akun: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>Account: &lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="538"/>
        <source>Paling sedikit %d huruf/angka, tidak memuat NIP. Kata sandi baru berlaku saat masuk berikutnya.</source>
        <translation>At least %d letters/digits, not containing the NIP. The new password applies from your next sign-in.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="548"/>
        <source>Kata sandi &amp;lama</source>
        <translation>&amp;Old password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="549"/>
        <source>Kata sandi ba&amp;ru</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="550"/>
        <source>&amp;Ulangi kata sandi baru</source>
        <translation>&amp;Repeat new password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="553"/>
        <source>&amp;Ganti kata sandi</source>
        <translation>&amp;Change password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="556"/>
        <source>&amp;Batal</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="578"/>
        <source>Isi kata sandi lama Anda.</source>
        <translation>Enter your old password.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="581"/>
        <source>Kedua kata sandi baru tidak sama. Ketik ulang.</source>
        <translation>The two new passwords do not match. Type them again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="587"/>
        <source>Kata sandi baru sama dengan yang lama.</source>
        <translation>The new password is the same as the old one.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="620"/>
        <source>Kata sandi lama salah.</source>
        <translation>The old password is wrong.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="626"/>
        <source>&amp;Tutup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/accounts_dialog.py" line="630"/>
        <source>Kata sandi sudah diganti. Pakai kata sandi baru saat masuk berikutnya.</source>
        <translation>Password changed. Use the new password at your next sign-in.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="84"/>
        <source>jumlah anggota keluarga</source>
        <translation>household members</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="85"/>
        <source>No HP</source>
        <translation>phone no.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="86"/>
        <source>perlu didampingi karena</source>
        <translation>needs help because</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="87"/>
        <source>keterangan alasan</source>
        <translation>reason details</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="88"/>
        <source>persetujuan dicatat</source>
        <translation>consent recorded</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="89"/>
        <source>kunjungan</source>
        <translation>visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="90"/>
        <source>nama berkas</source>
        <translation>file name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="91"/>
        <source>jenis berkas</source>
        <translation>file type</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="92"/>
        <source>ukuran</source>
        <translation>size</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="93"/>
        <source>sidik isi (SHA-256)</source>
        <translation>content fingerprint (SHA-256)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="445"/>
        <source>Petugas</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="446"/>
        <source>Posko</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="447"/>
        <source>Rumah tangga</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="448"/>
        <source>Kunjungan</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="449"/>
        <source>Berkas bukti</source>
        <translation>Proof file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="450"/>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="451"/>
        <source>Status SP Online pegawai</source>
        <translation>Employee&apos;s SP Online status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="452"/>
        <source>Berkas bukti pegawai</source>
        <translation>Employee&apos;s proof file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="453"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="580"/>
        <source>Konflik dan data ganda</source>
        <translation>Conflicts and duplicates</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="591"/>
        <source>&amp;Konflik</source>
        <translation>&amp;Conflicts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="592"/>
        <source>&amp;Data ganda</source>
        <translation>&amp;Duplicates</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="599"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="645"/>
        <source>Konflik terjadi bila data yang sama diubah di dua komputer sebelum sempat dikirim. Semua versi disimpan sampai Anda memilih. Baris yang berbeda ditandai kuning: klik nilai yang benar (atau pilih dengan panah dan Spasi), lalu simpan pilihan.</source>
        <translation>A conflict happens when the same data is changed on two computers before it could be sent. Every version is kept until you choose. Rows that differ are marked yellow: click the correct value (or pick it with the arrow keys and Space), then save your choice.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="656"/>
        <source>&amp;Versi yang tersimpan:</source>
        <translation>Stored &amp;versions:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="658"/>
        <source>&amp;Simpan pilihan</source>
        <translation>&amp;Save choice</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="666"/>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="710"/>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="673"/>
        <source>Da&amp;ftar konflik</source>
        <translation>Con&amp;flict list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="682"/>
        <source>Keluarga yang sama (No KK sama) tercatat lebih dari sekali, biasanya di dua komputer. Gabungkan menjadi satu: pilih data yang dipertahankan dan, untuk isian yang berbeda, nilai yang benar. Semua kunjungan dan berkas bukti dari data lain dipindahkan ke data yang dipertahankan; tidak ada yang hilang.</source>
        <translation>The same family (same No KK) is recorded more than once, usually on two computers. Merge them into one: choose the record to keep and, for fields that differ, the correct value. All visits and proof files of the other records move to the record you keep; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="692"/>
        <source>&amp;Isian tiap data:</source>
        <translation>F&amp;ields of each record:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="696"/>
        <source>Data yang di&amp;pertahankan:</source>
        <translation>Record to &amp;keep:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="702"/>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="954"/>
        <source>&amp;Gabungkan</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="718"/>
        <source>Da&amp;ftar keluarga ganda</source>
        <translation>Duplicate &amp;family list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="762"/>
        <source>&amp;Konflik (%s)</source>
        <translation>&amp;Conflicts (%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="763"/>
        <source>&amp;Data ganda (%s)</source>
        <translation>&amp;Duplicates (%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="766"/>
        <source>Tidak ada konflik. Konflik muncul bila data yang sama diubah di dua komputer sebelum sempat dikirim.</source>
        <translation>No conflicts. A conflict appears when the same data is changed on two computers before it could be sent.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="770"/>
        <source>Tidak ada keluarga yang tercatat ganda.</source>
        <translation>No family is recorded twice.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="819"/>
        <source>Konflik berkas bukti selesai dengan sendirinya bila konflik kunjungannya diselesaikan.</source>
        <translation>Conflicts in proof files resolve themselves once the conflict of their visit is resolved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="826"/>
        <source>%s versi. Versi A yang dipakai sekarang; yang tidak dipilih ditutup dan tidak dipakai lagi di komputer mana pun setelah sinkron.</source>
        <translation>%s versions. Version A is the one in use now; the ones not chosen are closed and no longer used on any computer after syncing.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="832"/>
        <source>Pakai %s seluruhnya</source>
        <translation>Use all of %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="844"/>
        <source>Isi semua versi sama; menyimpan menutup versi yang lain.</source>
        <translation>All versions have the same content; saving closes the other versions.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="850"/>
        <source>%s isian berbeda; yang dipilih dari: %s.</source>
        <translation>%s fields differ; chosen from: %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="868"/>
        <source>Konflik diselesaikan: %s.</source>
        <translation>Conflict resolved: %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="874"/>
        <source>Menyimpan pilihan…</source>
        <translation>Saving your choice…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="892"/>
        <source>Data 1 dicatat paling awal. Baris kuning: isiannya berbeda, pilih yang benar.</source>
        <translation>Record 1 was recorded first. Yellow rows: the fields differ, choose the correct one.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="897"/>
        <source>Data %s — %s, dicatat %s</source>
        <translation>Record %s — %s, recorded %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="903"/>
        <source> (paling awal)</source>
        <translation> (earliest)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="908"/>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="919"/>
        <source>Data %s</source>
        <translation>Record %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="909"/>
        <source>Pakai isian %s</source>
        <translation>Use the fields of %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="921"/>
        <source> (dipertahankan)</source>
        <translation> (kept)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="933"/>
        <source>Sesudah digabung: 1 data dengan %s kunjungan.</source>
        <translation>After merging: 1 record with %s visits.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="947"/>
        <source>Gabungkan data ganda</source>
        <translation>Merge duplicates</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="949"/>
        <source>Gabungkan %s data keluarga ini menjadi satu?

Semua %s kunjungan dan berkas buktinya dipindahkan ke data yang dipertahankan. Penggabungan ikut terkirim ke komputer lain saat sinkron dan tidak bisa dibatalkan.</source>
        <translation>Merge these %s family records into one?

All %s visits and their proof files move to the record you keep. The merge is sent to the other computers when syncing and cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="955"/>
        <source>&amp;Kembali</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="970"/>
        <source>Digabung: %s, sekarang %s kunjungan.</source>
        <translation>Merged: %s, now %s visits.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="986"/>
        <source>Menggabungkan…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/conflicts_dialog.py" line="987"/>
        <source>Dihentikan; data yang sudah digabung tetap tergabung.</source>
        <translation>Stopped; records already merged stay merged.</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="349"/>
        <source>Dasbor pemantauan</source>
        <translation>Monitoring dashboard</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="354"/>
        <source>Berhasil</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="355"/>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="489"/>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="356"/>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="491"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="357"/>
        <source>Belum dikunjungi</source>
        <translation>Not visited yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="375"/>
        <source>&amp;ASN per OPD</source>
        <translation>&amp;ASN per agency</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="376"/>
        <source>T&amp;ren harian</source>
        <translation>Daily t&amp;rend</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="377"/>
        <source>&amp;Kelurahan</source>
        <translation>&amp;Kelurahan</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="378"/>
        <source>P&amp;osko &amp;&amp; petugas</source>
        <translation>P&amp;osts &amp;&amp; helpers</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="384"/>
        <source>&amp;Perbarui</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="385"/>
        <source>Hitung ulang semua angka (F5)</source>
        <translation>Recalculate all figures (F5)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="392"/>
        <source>&amp;Target…</source>
        <translation>&amp;Targets…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="394"/>
        <source>Atur target per OPD dan per kelurahan/desa</source>
        <translation>Set targets per agency (OPD) and per kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="397"/>
        <source>&amp;Evaluasi dua mingguan…</source>
        <translation>Fortnightly &amp;evaluation…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="399"/>
        <source>Cetak evaluasi 14 hari terakhir (PDF/Excel)</source>
        <translation>Print the evaluation of the last 14 days (PDF/Excel)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="403"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="484"/>
        <source>OPD</source>
        <translation>Agency (OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="485"/>
        <source>Jumlah ASN</source>
        <translation>ASN total</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="487"/>
        <source>Sudah</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="493"/>
        <source>% Sudah</source>
        <translation>% done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="495"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="497"/>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="597"/>
        <source>Kurang</source>
        <translation>Short by</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="499"/>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="599"/>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="525"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="527"/>
        <source>Selesai hari itu</source>
        <translation>Completed that day</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="529"/>
        <source>Jumlah sudah</source>
        <translation>Total done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="576"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="581"/>
        <source>Jumlah didampingi</source>
        <translation>Total assisted</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="594"/>
        <source>Kelurahan/desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="595"/>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1149"/>
        <source>Target berhasil</source>
        <translation>Completed target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="629"/>
        <source>Posko</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="634"/>
        <source>Petugas</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="651"/>
        <source>Rumah tangga dihitung pada posko dan petugas kunjungan terakhirnya, menurut hasil kunjungan terakhir itu.</source>
        <translation>Households are counted at the post and helper of their last visit, by the result of that last visit.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="679"/>
        <source>%s%% (%s orang)</source>
        <translation>%s%% (%s people)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="687"/>
        <source> (lewat)</source>
        <translation> (passed)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="692"/>
        <source>%s: target tercapai.</source>
        <translation>%s: target reached.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="693"/>
        <source>%s: di bawah target, kurang %s orang.</source>
        <translation>%s: below target, %s people short.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="701"/>
        <source>: di bawah target, kurang %s rumah tangga berhasil.</source>
        <translation>: below target, %s completed households short.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="742"/>
        <source>Angka belum bisa diperbarui: %s</source>
        <translation>The figures could not be refreshed: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="745"/>
        <source>Terjadi kesalahan program; angka belum diperbarui.</source>
        <translation>A program error occurred; the figures were not refreshed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="765"/>
        <source>Memperbarui angka…</source>
        <translation>Refreshing figures…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="767"/>
        <source>Diperbarui pukul %s</source>
        <translation>Refreshed at %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="830"/>
        <source>Dasbor pemantauan — %s</source>
        <translation>Monitoring dashboard — %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="857"/>
        <source>kelurahan/desa</source>
        <translation>kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="858"/>
        <source>Belum ada rumah tangga yang dicatat.</source>
        <translation>No households recorded yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="869"/>
        <source>posko</source>
        <translation>post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="870"/>
        <source>Belum ada kunjungan di posko mana pun.</source>
        <translation>No visits at any post yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="881"/>
        <source>petugas</source>
        <translation>helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="882"/>
        <source>Belum ada kunjungan oleh petugas mana pun.</source>
        <translation>No visits by any helper yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="888"/>
        <source>Belum ada ASN pada daftar pegawai.</source>
        <translation>No civil servants (ASN) on the staff list yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="890"/>
        <source>Jumlah: %s ASN · sudah %s (%s) · gagal %s · belum %s · target %s orang · %s dari %s OPD di bawah target</source>
        <translation>Total: %s ASN · done %s (%s) · failed %s · not yet %s · target %s people · %s of %s agencies below target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="915"/>
        <source>Jumlah: %s rumah tangga · berhasil %s · gagal %s · belum %s · belum dikunjungi %s · %s kelurahan/desa di bawah target</source>
        <translation>Total: %s households · completed %s · failed %s · not yet %s · not visited %s · %s kelurahan/villages below target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="937"/>
        <source>Belum ada ASN pada daftar pegawai.
Tambahkan atau impor daftar pegawai tiap OPD dulu; angkanya muncul di sini.</source>
        <translation>No civil servants (ASN) on the staff list yet.
Add or import the staff list of each agency (OPD) first; the figures appear here.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="950"/>
        <source>%% ASN yang sudah mengisi SP Online: %s OPD yang terjauh dari target (dari %s OPD; semuanya ada di tabel).</source>
        <translation>%% of ASN who completed SP Online: the %s agencies furthest from target (of %s agencies; all are in the table).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="955"/>
        <source>% ASN yang sudah mengisi SP Online per OPD, yang terjauh dari target di atas.</source>
        <translation>% of ASN who completed SP Online per agency (OPD), furthest from target at the top.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="962"/>
        <source>Di bawah target</source>
        <translation>Below target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="963"/>
        <source>Mencapai target</source>
        <translation>Target reached</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="997"/>
        <source>Target %s%%</source>
        <translation>Target %s%%</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="999"/>
        <source>Target tiap OPD</source>
        <translation>Target of each agency</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1046"/>
        <source>Belum ada ASN yang tercatat sudah mengisi SP Online.</source>
        <translation>No civil servant (ASN) recorded as having completed SP Online yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1054"/>
        <source>Jumlah ASN yang sudah mengisi SP Online, menurut tanggal selesainya; garis putus-putus: target (%s orang).</source>
        <translation>Number of ASN who completed SP Online, by completion date; dashed line: target (%s people).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1070"/>
        <source>Sudah (kumulatif)</source>
        <translation>Done (cumulative)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1084"/>
        <source>Target %s orang</source>
        <translation>Target %s people</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1099"/>
        <source>ASN</source>
        <translation>ASN</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1129"/>
        <source>Rumah tangga menurut hasil: %s %s teratas dari %s (semua ada di tabel).</source>
        <translation>Households by result: top %s %s of %s (all are in the table).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1133"/>
        <source>Rumah tangga menurut hasil, per %s.</source>
        <translation>Households by result, per %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/dashboard_dialog.py" line="1140"/>
        <source>rumah tangga</source>
        <translation>households</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="161"/>
        <source>Bukti untuk banyak kunjungan</source>
        <translation>Proofs for many visits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="162"/>
        <source>Rekapitulasi</source>
        <translation>Recap</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="163"/>
        <source>Ekspor Excel / CSV</source>
        <translation>Export Excel / CSV</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="164"/>
        <source>Paket serah terima</source>
        <translation>Handover package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="178"/>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="180"/>
        <source>Semua tanggal</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="198"/>
        <source>Kunjungan yang dimasukkan</source>
        <translation>Visits included</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="201"/>
        <source>&amp;Dari tanggal</source>
        <translation>&amp;From date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="203"/>
        <source>Sampai &amp;tanggal</source>
        <translation>&amp;To date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="206"/>
        <source>Dari tanggal</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="207"/>
        <source>Sampai tanggal</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="208"/>
        <source>&amp;Kelurahan/desa</source>
        <translation>&amp;Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="209"/>
        <source>P&amp;osko</source>
        <translation>&amp;Post</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="210"/>
        <source>&amp;Petugas</source>
        <translation>&amp;Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="222"/>
        <source>Berkas ini memuat NIK dan No KK lengkap. Simpan hanya di folder pribadi Anda (bukan folder bersama atau Publik), jangan diteruskan, dan hapus dari flashdisk setelah diserahkan.</source>
        <translation>This file holds full NIK and No KK numbers. Keep it only in your personal folder (not a shared or Public folder), do not forward it, and delete it from the USB stick after handing it over.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="247"/>
        <source>Sal&amp;in perintah</source>
        <translation>Cop&amp;y command</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="262"/>
        <source>&amp;Buka folder</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="264"/>
        <source>Buka folder tempat berkas disimpan</source>
        <translation>Open the folder where the file is saved</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="267"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="291"/>
        <source>Satu PDF berisi bukti pendampingan bertanda tangan untuk setiap kunjungan yang cocok dengan pilihan di bawah, siap dicetak dan dibagikan.</source>
        <translation>One PDF with a signed assistance proof for every visit matching the choices below, ready to print and hand out.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="295"/>
        <source>Rekapitulasi hasil pendampingan per kelurahan/desa, bertanda tangan elektronik, untuk dicetak dan ditandatangani.</source>
        <translation>Recap of assistance results per kelurahan/village, electronically signed, to print and sign.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="299"/>
        <source>Data rumah tangga dan kunjungan untuk diolah di Excel atau LibreOffice.</source>
        <translation>Household and visit data to work with in Excel or LibreOffice.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="302"/>
        <source>Paket untuk diserahkan ke BPS atau kecamatan: rekapitulasi (PDF), data (Excel dan CSV), kunci publik kantor, dan daftar isi bertanda tangan. Keutuhan paket bisa diperiksa di komputer mana pun yang memasang SP Desktop.</source>
        <translation>A package to hand over to BPS or the kecamatan: recap (PDF), data (Excel and CSV), the office&apos;s public key, and a signed table of contents. The package&apos;s integrity can be verified on any computer with SP Desktop installed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="354"/>
        <source>Ukuran bukti</source>
        <translation>Proof size</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="356"/>
        <source>&amp;A4: satu bukti per halaman</source>
        <translation>&amp;A4: one proof per page</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="357"/>
        <source>S&amp;etengah A4: dua bukti per lembar A4, digunting</source>
        <translation>Half A&amp;4: two proofs per A4 sheet, cut apart</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="361"/>
        <source>Bentuk berkas</source>
        <translation>File format</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="363"/>
        <source>&amp;Excel (.xlsx): ringkasan, rumah tangga dan kunjungan</source>
        <translation>&amp;Excel (.xlsx): summary, households and visits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="364"/>
        <source>CSV, satu baris per &amp;rumah tangga</source>
        <translation>CSV, one row per ho&amp;usehold</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="365"/>
        <source>CSV, satu baris per ku&amp;njungan</source>
        <translation>CSV, one row per &amp;visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="372"/>
        <source>Disimpan sebagai</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="374"/>
        <source>Berkas .&amp;zip bersandi (satu berkas, dibuka dengan 7-Zip atau WinRAR)</source>
        <translation>Password-protected .&amp;zip file (one file, opened with 7-Zip or WinRAR)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="376"/>
        <source>&amp;Folder tanpa sandi (salin seluruh foldernya)</source>
        <translation>Fol&amp;der without a password (copy the whole folder)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="387"/>
        <source>&amp;Simpan PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="388"/>
        <source>&amp;Cetak…</source>
        <translation>P&amp;rint…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="392"/>
        <source>&amp;Simpan…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="397"/>
        <source>&amp;Simpan paket…</source>
        <translation>&amp;Save package…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="414"/>
        <source>koma ( , )</source>
        <translation>comma ( , )</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="416"/>
        <source>titik koma ( ; ): Excel dengan pengaturan wilayah Indonesia</source>
        <translation>semicolon ( ; ): Excel with Indonesian regional settings</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="419"/>
        <source>Pe&amp;misah kolom CSV</source>
        <translation>CSV colu&amp;mn separator</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="439"/>
        <source>Sandi buatan SP Desktop (disarankan)</source>
        <translation>A password made by SP Desktop (recommended)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="440"/>
        <source>Sandi saya sendiri</source>
        <translation>My own password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="442"/>
        <source>Tanpa sandi (tidak disarankan: NIK dan No KK terbaca siapa saja)</source>
        <translation>No password (not recommended: anyone can read the NIK and No KK)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="454"/>
        <source>sandi sendiri, paling sedikit %s karakter</source>
        <translation>own password, at least %s characters</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="855"/>
        <source>Dilindungi sandi.</source>
        <translation>Protected with a password.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="856"/>
        <source>TANPA sandi: NIK dan No KK terbaca siapa saja.</source>
        <translation>WITHOUT a password: anyone can read the NIK and No KK.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="448"/>
        <source>Sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="449"/>
        <source>Ulangi sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="456"/>
        <source>ulangi sandi</source>
        <translation>repeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="469"/>
        <source>Sandi berk&amp;as</source>
        <translation>File pass&amp;word</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="501"/>
        <source>Folder tidak bisa diberi sandi: NIK dan No KK di dalamnya terbaca siapa saja. Pilih berkas .zip untuk melindunginya.</source>
        <translation>A folder cannot have a password: anyone can read the NIK and No KK in it. Choose a .zip file to protect it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="506"/>
        <source>CSV tidak bisa diberi sandi: NIK dan No KK di dalamnya terbaca siapa saja. Pilih Excel untuk berkas bersandi.</source>
        <translation>A CSV file cannot have a password: anyone can read the NIK and No KK in it. Choose Excel for a password-protected file.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="525"/>
        <source>Kedua sandi tidak sama. Ketik ulang sandi di kedua kotak.</source>
        <translation>The two passwords differ. Type the password again in both boxes.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="540"/>
        <source>Berkas ini memuat NIK dan No KK lengkap TANPA sandi dan akan disimpan di flashdisk atau kartu memori. Siapa pun yang memegang flashdisk itu bisa membacanya.</source>
        <translation>This file holds full NIK and No KK WITHOUT a password and is about to be saved on a USB stick or memory card. Anyone holding that stick can read it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="546"/>
        <source>Di Windows izin berkas tidak melindunginya: setiap pengguna komputer mana pun yang menerima flashdisk ini bisa membukanya.</source>
        <translation>On Windows, file permissions do not protect it: every user of any computer the stick is plugged into can open it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="549"/>
        <source>Tetap simpan tanpa sandi?</source>
        <translation>Save it without a password anyway?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="552"/>
        <source>Simpan tanpa sandi ke flashdisk?</source>
        <translation>Save to a USB stick without a password?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="561"/>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="562"/>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="563"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="612"/>
        <source>Tanggal &apos;dari&apos; sesudah tanggal &apos;sampai&apos;.</source>
        <translation>The &apos;from&apos; date is after the &apos;to&apos; date.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="620"/>
        <source>%s kunjungan cocok.</source>
        <translation>%s visits match.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="642"/>
        <source>Tanggal &apos;dari&apos; jatuh sesudah tanggal &apos;sampai&apos;. Perbaiki tanggalnya.</source>
        <translation>The &apos;from&apos; date falls after the &apos;to&apos; date. Correct the dates.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="666"/>
        <source>Simpan sebagai PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="669"/>
        <source>Simpan ekspor</source>
        <translation>Save export</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="674"/>
        <source>Simpan paket serah terima</source>
        <translation>Save handover package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="679"/>
        <source>Pilih tempat paket (mis. flashdisk); folder paket dibuat di dalamnya</source>
        <translation>Choose where to put the package (e.g. a USB stick); the package folder is created inside it</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="746"/>
        <source>Membuat %s…</source>
        <translation>Creating %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="760"/>
        <source>Menyiapkan dokumen untuk dicetak…</source>
        <translation>Preparing the document for printing…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="769"/>
        <source>Dokumen dikirim ke pencetak.</source>
        <translation>Document sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="788"/>
        <source>Perintah untuk memeriksa paket ini di komputer yang sudah mempercayai kunci kantor ini (sidik kunci %s):</source>
        <translation>Command to verify this package on a computer that already trusts this office&apos;s key (key fingerprint %s):</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="820"/>
        <source>%s bukti pendampingan disimpan di:
%s</source>
        <translation>%s assistance proofs saved in:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="822"/>
        <source>Rekapitulasi %s rumah tangga disimpan di:
%s</source>
        <translation>Recap of %s households saved in:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="826"/>
        <source>Daftar perlu SP Wawancara di dalamnya memuat No KK: simpan PDF ini di folder pribadi Anda, bukan di folder bersama atau Publik.</source>
        <translation>The list of households needing SP Wawancara inside it contains No KK numbers: keep this PDF in your personal folder, not in a shared or Public folder.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="831"/>
        <source>%s rumah tangga diekspor ke:
%s</source>
        <translation>%s households exported to:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="832"/>
        <source>%s baris rumah tangga diekspor ke:
%s</source>
        <translation>%s household rows exported to:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="833"/>
        <source>%s baris kunjungan diekspor ke:
%s</source>
        <translation>%s visit rows exported to:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="839"/>
        <source>Paket serah terima disimpan di:
%s

Isi: %s rumah tangga, %s kunjungan, %s perlu SP Wawancara (%s berkas). Periksa keutuhannya dengan menu Dokumen › Periksa keaslian dokumen, atau dengan perintah di bawah.</source>
        <translation>Handover package saved in:
%s

Contents: %s households, %s visits, %s needing SP Wawancara (%s files). Verify its integrity with the menu Documents › Verify document, or with the command below.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="858"/>
        <source>Di Windows izin berkas tidak melindunginya.</source>
        <translation>On Windows, file permissions do not protect it.</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="71"/>
        <source>Evaluasi dua mingguan</source>
        <translation>Fortnightly evaluation</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="81"/>
        <source>Capaian SP Online ASN per OPD terhadap targetnya, dan rumah tangga yang didampingi per kelurahan/desa: keadaan pada akhir periode dibandingkan dengan akhir periode sebelumnya yang sama panjang.</source>
        <translation>SP Online progress of civil servants (ASN) per agency (OPD) against its target, and households assisted per kelurahan/village: the state at the end of the period compared with the end of the previous period of the same length.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="89"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="92"/>
        <source>&amp;14 hari terakhir</source>
        <translation>Last &amp;14 days</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="97"/>
        <source>s&amp;ampai</source>
        <translation>&amp;up to</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="106"/>
        <source>&amp;Dari tanggal</source>
        <translation>&amp;From date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="113"/>
        <source>Bentuk berkas</source>
        <translation>File format</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="114"/>
        <source>&amp;PDF bertanda tangan elektronik, siap dicetak</source>
        <translation>&amp;PDF with electronic signature, ready to print</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="115"/>
        <source>E&amp;xcel (.xlsx), untuk diolah lebih lanjut</source>
        <translation>E&amp;xcel (.xlsx), for further processing</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="124"/>
        <source>&amp;Buat evaluasi…</source>
        <translation>&amp;Create evaluation…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="146"/>
        <source>Buka ber&amp;kas</source>
        <translation>&amp;Open file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="150"/>
        <source>Buka &amp;folder</source>
        <translation>Open fol&amp;der</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="154"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="202"/>
        <source>Tanggal akhir jatuh sebelum tanggal awal.</source>
        <translation>The end date falls before the start date.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="207"/>
        <source>%s hari; dibandingkan dengan %s</source>
        <translation>%s days; compared with %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="219"/>
        <source>Simpan evaluasi</source>
        <translation>Save evaluation</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="230"/>
        <source>Tanggal akhir jatuh sebelum tanggal awal. Perbaiki periodenya.</source>
        <translation>The end date falls before the start date. Correct the period.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="242"/>
        <source>Menulis %s…</source>
        <translation>Writing %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="270"/>
        <source>Menghitung evaluasi %s…</source>
        <translation>Calculating evaluation %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="271"/>
        <source>Dibatalkan; tidak ada berkas yang dibuat.</source>
        <translation>Cancelled; no file was created.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/evaluation_dialog.py" line="288"/>
        <source>Evaluasi %s disimpan di:
%s

%s dari %s OPD di bawah target.</source>
        <translation>Evaluation %s saved in:
%s

%s of %s agencies (OPD) below target.</translation>
    </message>
</context>
<context>
    <name>FailureReason</name>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="86"/>
        <source>NIK dan KK tidak sesuai</source>
        <translation>NIK and KK do not match</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="87"/>
        <source>Situs sibuk / tidak bisa dibuka</source>
        <translation>Site busy / cannot be opened</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="88"/>
        <source>Captcha gagal</source>
        <translation>Captcha failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="89"/>
        <source>Tidak ada koneksi internet</source>
        <translation>No internet connection</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="90"/>
        <source>Data tidak cocok</source>
        <translation>Data mismatch</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="91"/>
        <source>Lupa kata sandi / pertanyaan keamanan</source>
        <translation>Forgot password / security question</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="94"/>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>HelpReason</name>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="97"/>
        <source>Tidak punya HP Android</source>
        <translation>No Android phone</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="98"/>
        <source>Tidak ada internet</source>
        <translation>No internet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="99"/>
        <source>Kurang paham teknologi</source>
        <translation>Not confident with technology</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="100"/>
        <source>Lanjut usia</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="101"/>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="102"/>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="62"/>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="185"/>
        <source>Panduan SP Desktop</source>
        <translation>SP Desktop guide</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="68"/>
        <source>Daftar isi</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="87"/>
        <source>Isi panduan</source>
        <translation>Guide text</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="90"/>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="91"/>
        <source>Halaman sebelumnya (Alt+Kiri)</source>
        <translation>Previous page (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="94"/>
        <source>&amp;Maju &gt;</source>
        <translation>&amp;Forward &gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="95"/>
        <source>Halaman berikutnya (Alt+Kanan)</source>
        <translation>Next page (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="98"/>
        <source>&amp;Daftar isi</source>
        <translation>&amp;Contents</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="104"/>
        <source>Cari di halaman ini (Ctrl+F)</source>
        <translation>Search this page (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="107"/>
        <source>&amp;Cari:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="110"/>
        <source>&amp;Tutup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/help/help_window.py" line="225"/>
        <source>Tidak ditemukan</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>HelpersTab</name>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="140"/>
        <source>18 angka</source>
        <translation>18 digits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="141"/>
        <source>&amp;NIP</source>
        <translation>&amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="142"/>
        <source>Na&amp;ma</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="143"/>
        <source>OPD / &amp;unit kerja</source>
        <translation>Agency (OPD) / &amp;work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="144"/>
        <source>No &amp;HP</source>
        <translation>&amp;Phone no.</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="142"/>
        <source>16 angka pada Kartu Keluarga</source>
        <translation>16 digits on the Family Card (KK)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="143"/>
        <source>16 angka NIK kepala keluarga</source>
        <translation>16-digit NIK of the head</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="144"/>
        <source>Sesuai Kartu Keluarga</source>
        <translation>As on the Family Card (KK)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="146"/>
        <source>Jalan, gang, nomor rumah</source>
        <translation>Street, lane, house number</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="154"/>
        <source>Boleh kosong</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="158"/>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="263"/>
        <source>Keterangan alasan lainnya</source>
        <translation>Details of the other reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="159"/>
        <source>Kepala keluarga setuju datanya dicatat</source>
        <translation>Head of household consents to recording</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="161"/>
        <source>Tanyakan dulu. Data NIK dan KK adalah data pribadi (UU 27/2022).</source>
        <translation>Ask first. NIK and KK numbers are personal data (UU 27/2022).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="163"/>
        <source>Tarik persetujuan…</source>
        <translation>Withdraw consent…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="165"/>
        <source>Keluarga menarik persetujuannya: data pribadinya dihapus, hitungan tetap.</source>
        <translation>The family withdrew its consent: its personal data was deleted, the counts remain.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="203"/>
        <source>Rumah tangga</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="211"/>
        <source>RT / RW</source>
        <translation>RT / RW</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="213"/>
        <source>No &amp;HP</source>
        <translation>&amp;Phone no.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="231"/>
        <source>— pilih alasan gagal —</source>
        <translation>— choose a failure reason —</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="234"/>
        <source>Keterangan (boleh kosong)</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="245"/>
        <source>Catatan (boleh kosong)</source>
        <translation>Notes (optional)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="261"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="262"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="264"/>
        <source>Keterangan alasan gagal</source>
        <translation>Details of the failure reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="265"/>
        <source>Tanggal kunjungan ulang</source>
        <translation>Revisit date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="269"/>
        <source>Kunjungan</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="273"/>
        <source>&amp;Waktu</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="274"/>
        <source>&amp;Petugas</source>
        <translation>He&amp;lper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="275"/>
        <source>P&amp;osko</source>
        <translation>P&amp;ost</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="277"/>
        <source>Alasan &amp;gagal</source>
        <translation>&amp;Why it failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="308"/>
        <source>Enter atau klik dua kali untuk mengubah kunjungan</source>
        <translation>Enter or double-click to edit the visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="317"/>
        <source>Bukti pendampingan bertanda tangan untuk kunjungan yang dipilih (Ctrl+P)</source>
        <translation>Signed assistance proof for the selected visit (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="323"/>
        <source>Bukti dari situs sensus (PDF) atau foto layarnya (JPG/PNG), paling besar 10 MB</source>
        <translation>Proof from the census site (PDF) or a screenshot of it (JPG/PNG), at most 10 MB</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="328"/>
        <source>Berkas bukti pengisian kunjungan yang dipilih</source>
        <translation>Proof of completion files of the selected visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="341"/>
        <source>&amp;Simpan (Enter)</source>
        <translation>&amp;Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="509"/>
        <source>petugas</source>
        <translation>helpers</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="511"/>
        <source>posko</source>
        <translation>posts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="513"/>
        <source>Belum ada %s. Tambahkan lewat menu Data › Petugas dan Posko.</source>
        <translation>No %s yet. Add them through the menu Data › Helpers and posts.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="577"/>
        <source>Data pribadi rumah tangga ini sudah dihapus (persetujuan ditarik atau masa simpan berakhir). Hanya hitungan kunjungannya yang tersimpan.</source>
        <translation>This household&apos;s personal data has been deleted (consent withdrawn or retention period ended). Only its visit counts are kept.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="582"/>
        <source>Dicatat oleh petugas lain: No KK dan NIK disamarkan. Kunjungan tetap bisa dicatat.</source>
        <translation>Recorded by another helper: No KK and NIK are masked. Visits can still be recorded.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="597"/>
        <source>Hanya petugas yang mencatatnya dan koordinator yang melihat nomor lengkap.</source>
        <translation>Only the helper who recorded it and the coordinator see the full numbers.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="612"/>
        <source>Tarik persetujuan</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="614"/>
        <source>Hapus data pribadi rumah tangga ini?

No KK, NIK, nama, alamat, nomor HP dan catatan akan dihapus dan tidak bisa dikembalikan. Hitungan kunjungannya tetap tersimpan tanpa nama. Penarikan ini dicatat di jejak audit.</source>
        <translation>Delete this household&apos;s personal data?

No KK, NIK, name, address, phone number and notes will be deleted and cannot be restored. Its visit counts stay saved without a name. The withdrawal is recorded in the audit trail.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="618"/>
        <source>Hapus data pribadi</source>
        <translation>Delete personal data</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="619"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="701"/>
        <source>Pilih dulu kunjungannya di Riwayat kunjungan (Alt+Y, lalu panah atas/bawah).</source>
        <translation>First select the visit in the Visit log (Alt+G, then the up/down arrows).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="344"/>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="648"/>
        <source>Kunjungan baru</source>
        <translation>New visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="197"/>
        <source>&amp;Jumlah anggota</source>
        <translation>Household mem&amp;bers</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="206"/>
        <source>&amp;No KK</source>
        <translation>No &amp;KK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="207"/>
        <source>Na&amp;ma kepala keluarga</source>
        <translation>Head of household &amp;name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="208"/>
        <source>N&amp;IK kepala keluarga</source>
        <translation>Head&apos;s N&amp;IK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="209"/>
        <source>Kelu&amp;rahan/Desa</source>
        <translation>Kelurahan/&amp;village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="210"/>
        <source>Alama&amp;t</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="214"/>
        <source>Perlu didampingi karena</source>
        <translation>Needs help because</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="220"/>
        <source>Catat kunjungan sekarang</source>
        <translation>Record a visit now</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="241"/>
        <source>Kunjungan ulang</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="276"/>
        <source>Hasi&amp;l</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="280"/>
        <source>&amp;Catatan</source>
        <translation>Not&amp;es</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="311"/>
        <source>Riwa&amp;yat kunjungan</source>
        <translation>Visit lo&amp;g</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="315"/>
        <source>Cetak bukti…</source>
        <translation>Print proof…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="320"/>
        <source>Lampirkan bukti pengisian…</source>
        <translation>Attach proof of completion…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="327"/>
        <source>Lihat bukti…</source>
        <translation>View proof…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="671"/>
        <source>Ubah kunjungan</source>
        <translation>Edit visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="732"/>
        <source>Bukti pendampingan disimpan: %s</source>
        <translation>Assistance proof saved: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="740"/>
        <source>Cetak bukti pendampingan</source>
        <translation>Print assistance proof</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="741"/>
        <source>Bukti pendampingan untuk kunjungan %s (%s)%s.</source>
        <translation>Assistance proof for the visit of %s (%s)%s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="759"/>
        <source>Pilih bukti pengisian</source>
        <translation>Choose proof of completion</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="761"/>
        <source>Bukti pengisian (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Proof of completion (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="776"/>
        <source>Membaca %s…</source>
        <translation>Reading %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="788"/>
        <source>Bukti pengisian dilampirkan: %s (%s).</source>
        <translation>Proof of completion attached: %s (%s).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="893"/>
        <source>No KK ini sudah dipakai rumah tangga lain.</source>
        <translation>This No KK is already used by another household.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="907"/>
        <source>No KK ini sudah terdaftar. Periksa nomornya, atau buka data tersimpan.</source>
        <translation>This No KK is already registered. Check the number, or open the saved record.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="915"/>
        <source>No KK ini sudah terdaftar, jadi data rumah tangganya dibuka. Kunjungan yang Anda isi tetap ada; simpan untuk menambahkannya.</source>
        <translation>This No KK is already registered, so its household record was opened. The visit you entered is still there; save to add it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="933"/>
        <source>No KK sudah terdaftar</source>
        <translation>No KK already registered</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="936"/>
        <source>Rumah tangga dengan No KK ini sudah tersimpan. Buka data tersimpan? Isian rumah tangga yang baru diketik diganti; isian kunjungan tetap.</source>
        <translation>A household with this No KK is already saved. Open the saved record? The household fields you just typed are replaced; the visit fields stay.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="940"/>
        <source>&amp;Buka data tersimpan</source>
        <translation>&amp;Open saved record</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="941"/>
        <source>&amp;Kembali</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1035"/>
        <source>Perubahan belum disimpan</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1036"/>
        <source>Isian di formulir belum disimpan. Simpan sekarang?</source>
        <translation>The form has entries that are not saved yet. Save now?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1037"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1038"/>
        <source>&amp;Buang isian</source>
        <translation>&amp;Discard entries</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1039"/>
        <source>&amp;Kembali ke formulir</source>
        <translation>&amp;Back to form</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1104"/>
        <source>Belum tersimpan. </source>
        <translation>Not saved yet. </translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1130"/>
        <source>Rumah tangga baru</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1130"/>
        <source>Perubahan</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1131"/>
        <source>%s tersimpan (%s).</source>
        <translation>%s saved (%s).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../sp_desktop/ui/households/household_form.py" line="1145"/>
        <source>Belum tersimpan: %n isian perlu diperbaiki (ditandai merah).</source>
        <translation>
            <numerusform>Not saved yet: %n field needs correcting (marked red).</numerusform>
            <numerusform>Not saved yet: %n fields need correcting (marked red).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="68"/>
        <source>Kepala keluarga</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="69"/>
        <source>No KK</source>
        <translation>No KK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="70"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="71"/>
        <source>Kelurahan/Desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="72"/>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="73"/>
        <source>Hasil terakhir</source>
        <translation>Last result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="74"/>
        <source>Kunj. terakhir</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="75"/>
        <source>Kunj. ulang</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="203"/>
        <source>(data pribadi dihapus)</source>
        <translation>(personal data deleted)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/household_model.py" line="218"/>
        <source>Belum dikunjungi</source>
        <translation>Not visited yet</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="376"/>
        <source>&amp;Pas di jendela</source>
        <translation>&amp;Fit to window</translation>
    </message>
</context>
<context>
    <name>KelurahanPicker</name>
    <message>
        <location filename="../../sp_desktop/ui/widgets.py" line="185"/>
        <source>Ketik sebagian nama kelurahan/desa</source>
        <translation>Type part of the village name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/widgets.py" line="194"/>
        <source> (kode 2020)</source>
        <translation> (2020 code)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/widgets.py" line="196"/>
        <source>Kec.</source>
        <translation>Kec.</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="90"/>
        <source>kantor tanpa nama</source>
        <translation>unnamed office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="146"/>
        <source>Kunci tanda tangan kantor</source>
        <translation>Office signing key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="156"/>
        <source>Kunci kantor ini</source>
        <translation>This office&apos;s key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="169"/>
        <source>QR kunci publik: kantor lain bisa memindainya</source>
        <translation>Public key QR: other offices can scan it</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="172"/>
        <source>Kantor lain memerlukan kunci publik ini untuk memeriksa keaslian dokumen dari kantor Anda. Kirim berkas kuncinya atau QR-nya, lalu bacakan sidik kunci di atas lewat telepon supaya mereka bisa mencocokkannya.</source>
        <translation>Other offices need this public key to verify documents from your office. Send them the key file or its QR, then read the fingerprint above to them by phone so they can compare it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="179"/>
        <source>Simpan &amp;kunci publik…</source>
        <translation>Save public &amp;key…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="181"/>
        <source>Simpan &amp;QR sebagai gambar…</source>
        <translation>Save &amp;QR as image…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="185"/>
        <source>Sidik kunci:</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="194"/>
        <source>Kunci yang dipercaya di komputer ini</source>
        <translation>Keys trusted on this computer</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="203"/>
        <source>&amp;Daftar kunci</source>
        <translation>Key li&amp;st</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="207"/>
        <source>Dokumen bertanda tangan kunci di daftar ini diakui SAH saat diperiksa di sini.</source>
        <translation>Documents signed with a key in this list are accepted as VALID when verified here.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="212"/>
        <source>&amp;Impor kunci kantor lain…</source>
        <translation>&amp;Import another office&apos;s key…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="214"/>
        <source>&amp;Tempel teks kunci…</source>
        <translation>&amp;Paste key text…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="216"/>
        <source>Teks QR kunci kantor lain (diawali %s:), ditempel atau dipindai</source>
        <translation>QR text of another office&apos;s key (starting with %s:), pasted or scanned</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="220"/>
        <source>&amp;Hapus</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="241"/>
        <source>Hanya admin yang dapat mengimpor atau menghapus kunci.</source>
        <translation>Only an admin can import or remove keys.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="246"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="287"/>
        <source>Simpan kunci publik</source>
        <translation>Save public key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="289"/>
        <source>Kunci publik SP Desktop (*%s)</source>
        <translation>SP Desktop public key (*%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="303"/>
        <source>Kunci publik disimpan: %s</source>
        <translation>Public key saved: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="309"/>
        <source>Simpan QR kunci publik</source>
        <translation>Save public key QR</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="311"/>
        <source>Gambar PNG (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="325"/>
        <source>QR kunci publik disimpan: %s</source>
        <translation>Public key QR saved: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="331"/>
        <source>Berkas tidak bisa disimpan di sana%s. Pilih folder lain.</source>
        <translation>The file cannot be saved there%s. Choose another folder.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="339"/>
        <source>Pilih kunci publik kantor lain</source>
        <translation>Choose another office&apos;s public key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="341"/>
        <source>Kunci publik SP Desktop (*%s);;Semua berkas (*)</source>
        <translation>SP Desktop public key (*%s);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="351"/>
        <source>Berkas &apos;%s&apos; tidak bisa dibaca (%s).</source>
        <translation>File &apos;%s&apos; cannot be read (%s).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="374"/>
        <source>Ini kunci kantor ini sendiri.</source>
        <translation>This is this office&apos;s own key.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="378"/>
        <source>Kunci tidak diimpor. Cocokkan dulu sidik kuncinya dengan kantor itu.</source>
        <translation>Key not imported. First compare its fingerprint with that office.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="400"/>
        <source>Kunci %s sekarang dipercaya.</source>
        <translation>Key %s is now trusted.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="402"/>
        <source>Kunci ini sudah ada di daftar.</source>
        <translation>This key is already in the list.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="410"/>
        <source>Percayai kunci kantor lain</source>
        <translation>Trust another office&apos;s key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="413"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;&lt;br&gt;Sidik kunci:&lt;br&gt;&lt;span style=&apos;font-size: 15pt; font-family: monospace;&apos;&gt;&lt;b&gt;%s&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;br&gt;Sudah Anda cocokkan sidik kunci ini dengan kantor pengirimnya (lewat telepon atau surat)?</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;&lt;br&gt;Key fingerprint:&lt;br&gt;&lt;span style=&apos;font-size: 15pt; font-family: monospace;&apos;&gt;&lt;b&gt;%s&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;br&gt;Have you compared this fingerprint with the sending office (by phone or letter)?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="421"/>
        <source>Setelah dipercaya, dokumen bertanda tangan kunci ini diakui SAH di komputer ini. Jangan percayai kunci yang sidiknya belum dicocokkan.</source>
        <translation>Once trusted, documents signed with this key are accepted as VALID on this computer. Do not trust a key whose fingerprint has not been compared.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="426"/>
        <source>&amp;Ya, sudah cocok — percayai</source>
        <translation>&amp;Yes, it matches — trust it</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="428"/>
        <source>&amp;Belum</source>
        <translation>&amp;Not yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="446"/>
        <source>Hapus kunci</source>
        <translation>Remove key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="448"/>
        <source>Berhenti mempercayai kunci %s (sidik %s)?

Dokumen dari kantor itu tidak akan diakui sah di komputer ini sampai kuncinya diimpor lagi.</source>
        <translation>Stop trusting key %s (fingerprint %s)?

Documents from that office will not be accepted as valid on this computer until its key is imported again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="476"/>
        <source>Kunci dihapus dari daftar.</source>
        <translation>Key removed from the list.</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/shell/language_picker.py" line="76"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/language_picker.py" line="79"/>
        <source>Pilih bahasa tampilan untuk akun Anda. Dokumen resmi untuk BPS (bukti, rekap, serah terima, evaluasi) tetap berbahasa Indonesia.</source>
        <translation>Choose the display language for your account. Official documents for BPS (proofs, recaps, handover, evaluation) stay in Indonesian.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="648"/>
        <source>Layar dikunci. Ketik kata sandi untuk melanjutkan; isian yang belum disimpan tetap ada.
Petugas lain? Ketik NIP dan kata sandi Anda sendiri untuk ganti pengguna.</source>
        <translation>Screen locked. Type your password to continue; entries not yet saved are kept.
Another helper? Type your own NIP and password to switch user.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="656"/>
        <source>Buka</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="674"/>
        <source>&lt;h2&gt;Layar terkunci&lt;/h2&gt;Terakhir dipakai oleh &lt;b&gt;%s&lt;/b&gt; (%s)</source>
        <translation>&lt;h2&gt;Screen locked&lt;/h2&gt;Last used by &lt;b&gt;%s&lt;/b&gt; (%s)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="206"/>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="216"/>
        <source>Setiap petugas masuk dengan NIP dan kata sandinya sendiri. Jangan memakai akun orang lain.</source>
        <translation>Every helper signs in with their own NIP and password. Do not use someone else&apos;s account.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="224"/>
        <source>Lupa kata sandi? Pakai lembar pemulihan…</source>
        <translation>Forgot your password? Use the recovery sheet…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="90"/>
        <source>  [DATA DEMO]</source>
        <translation>  [DEMO DATA]</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="152"/>
        <source>Cari nama kepala keluarga, No KK atau NIK  (Ctrl+F)</source>
        <translation>Search head of household name, No KK or NIK  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="155"/>
        <source>Cari rumah tangga</source>
        <translation>Search households</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="159"/>
        <source>Semua hasil</source>
        <translation>All results</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="162"/>
        <source>Belum dikunjungi</source>
        <translation>Not visited yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="164"/>
        <source>Saring menurut hasil</source>
        <translation>Filter by result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="167"/>
        <source>Saring menurut jadwal kunjungan ulang</source>
        <translation>Filter by revisit schedule</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="168"/>
        <source>Kunj. ulang: semua</source>
        <translation>Revisits: all</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="169"/>
        <source>Kunj. ulang: hari ini</source>
        <translation>Revisits: today</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="170"/>
        <source>Kunj. ulang: minggu ini</source>
        <translation>Revisits: this week</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="171"/>
        <source>Kunj. ulang: ada jadwal</source>
        <translation>Revisits: scheduled</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="174"/>
        <source>Rumah tangga Belum/Gagal yang dijadwalkan dikunjungi lagi (yang terlambat ikut)</source>
        <translation>Households with Not yet/Failed that are scheduled for another visit (overdue ones included)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="183"/>
        <source>Saring menurut kelurahan/desa</source>
        <translation>Filter by kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="184"/>
        <source>Semua kelurahan/desa</source>
        <translation>All kelurahan/villages</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="219"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="221"/>
        <source>Rumah tangga &amp;baru</source>
        <translation>&amp;New household</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="224"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="227"/>
        <source>&amp;Keluar</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="228"/>
        <source>&amp;Data</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="230"/>
        <source>&amp;Cari</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="234"/>
        <source>&amp;Muat ulang daftar</source>
        <translation>Re&amp;load list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="243"/>
        <source>&amp;Kunjungan ulang…</source>
        <translation>&amp;Revisits…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="245"/>
        <source>&amp;Petugas dan Posko…</source>
        <translation>&amp;Helpers and posts…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="248"/>
        <source>Buat c&amp;adangan sekarang…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="250"/>
        <source>P&amp;ulihkan dari cadangan…</source>
        <translation>Res&amp;tore from backup…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="253"/>
        <source>Masa simpan dan &amp;hapus data pribadi…</source>
        <translation>Retention and &amp;delete personal data…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="259"/>
        <source>Dokum&amp;en</source>
        <translation>Do&amp;cuments</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="262"/>
        <source>&amp;Cetak bukti kunjungan…</source>
        <translation>&amp;Print visit proof…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="267"/>
        <source>Bukti untuk &amp;banyak kunjungan…</source>
        <translation>Proofs for &amp;many visits…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="273"/>
        <source>&amp;Rekapitulasi…</source>
        <translation>R&amp;ecap…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="276"/>
        <source>&amp;Ekspor Excel / CSV…</source>
        <translation>E&amp;xport Excel / CSV…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="279"/>
        <source>Paket &amp;serah terima…</source>
        <translation>&amp;Handover package…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="285"/>
        <source>&amp;Periksa keaslian dokumen…</source>
        <translation>&amp;Verify document…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="289"/>
        <source>&amp;Kunci tanda tangan kantor…</source>
        <translation>Office signing &amp;key…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="292"/>
        <source>A&amp;kun</source>
        <translation>Acco&amp;unt</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="293"/>
        <source>&amp;Kunci layar</source>
        <translation>Loc&amp;k screen</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="294"/>
        <source>&amp;Ganti pengguna</source>
        <translation>&amp;Switch user</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="295"/>
        <source>Ganti kata &amp;sandi…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="297"/>
        <source>&amp;Bahasa (Language)…</source>
        <translation>&amp;Language (Bahasa)…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="299"/>
        <source>Kelola &amp;akun…</source>
        <translation>&amp;Manage accounts…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="300"/>
        <source>&amp;Jejak audit…</source>
        <translation>&amp;Audit trail…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="302"/>
        <source>&amp;Waktu kunci otomatis…</source>
        <translation>Auto-lock &amp;time…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="305"/>
        <source>Buat &amp;lembar pemulihan baru…</source>
        <translation>New &amp;recovery sheet…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="317"/>
        <source>Sinkron</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="318"/>
        <source>&amp;Kirim &amp;&amp; terima data…</source>
        <translation>&amp;Send &amp;&amp; receive data…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="320"/>
        <source>K&amp;onflik dan data ganda…</source>
        <translation>&amp;Conflicts and duplicates…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="324"/>
        <source>Kirim &amp;data saya ke kantor…</source>
        <translation>Send &amp;my data to the office…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="331"/>
        <source>Pemanta&amp;uan</source>
        <translation>&amp;Monitoring</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="333"/>
        <source>&amp;Pegawai ASN (SP Online)…</source>
        <translation>&amp;Civil servants (SP Online)…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="335"/>
        <source>&amp;Dasbor…</source>
        <translation>&amp;Dashboard…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="336"/>
        <source>&amp;Target…</source>
        <translation>&amp;Targets…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="338"/>
        <source>&amp;Evaluasi dua mingguan…</source>
        <translation>&amp;Fortnightly evaluation…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="348"/>
        <source>B&amp;antuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="355"/>
        <source>Pa&amp;nduan</source>
        <translation>&amp;Guide</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="359"/>
        <source>&amp;Tentang SP Desktop</source>
        <translation>&amp;About SP Desktop</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="403"/>
        <source>Belum terkirim: perubahan di komputer ini yang belum masuk paket data atau server (menu Sinkron).</source>
        <translation>Not sent yet: changes on this computer that are not yet in a data package or on the server (Sync menu).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="417"/>
        <source>Data: %s</source>
        <translation>Data: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="438"/>
        <source>Menghitung…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="474"/>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="488"/>
        <source>Tidak ada rumah tangga yang cocok</source>
        <translation>No matching households</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="490"/>
        <source>Belum ada rumah tangga. Tekan Ctrl+N untuk mencatat yang pertama.</source>
        <translation>No households yet. Press Ctrl+N to record the first one.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="493"/>
        <source>%s rumah tangga</source>
        <translation>%s households</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="497"/>
        <source>Belum dikunjungi %s</source>
        <translation>Not visited yet %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="547"/>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="589"/>
        <source>Terkunci</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="592"/>
        <source>Masuk: %s (%s)</source>
        <translation>Signed in: %s (%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="703"/>
        <source>Isian Anda yang belum disimpan dikembalikan.</source>
        <translation>Your unsaved entries have been restored.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="745"/>
        <source>Waktu kunci otomatis</source>
        <translation>Auto-lock time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="746"/>
        <source>Kunci layar setelah tidak dipakai selama (menit):</source>
        <translation>Lock the screen after this many minutes unused:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="761"/>
        <source>Lembar pemulihan baru</source>
        <translation>New recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="763"/>
        <source>Buat lembar pemulihan baru? Lembar lama tidak berlaku lagi dan sebaiknya dimusnahkan.</source>
        <translation>Create a new recovery sheet? The old sheet will no longer work and should be destroyed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="823"/>
        <source>Berkas kunci perlu diperiksa</source>
        <translation>The key file needs checking</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="827"/>
        <source>Catatan ini juga masuk jejak audit. Jangan hapus apa pun; simpan cadangan terakhir dan periksa siapa memakai PC ini.</source>
        <translation>This is also recorded in the audit trail. Do not delete anything; keep the latest backup and check who uses this PC.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="847"/>
        <source>Cadangan otomatis dibuat.</source>
        <translation>Automatic backup created.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="856"/>
        <source>Pilih folder cadangan (mis. flashdisk)</source>
        <translation>Choose a backup folder (e.g. a USB stick)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="864"/>
        <source>Cadangan otomatis</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="865"/>
        <source>Buat cadangan otomatis harian juga ke folder ini bila terpasang?</source>
        <translation>Also make a daily automatic backup to this folder when it is plugged in?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="876"/>
        <source>Cadangan terenkripsi dibuat:
%s

Berkas ini hanya bisa dibuka dengan kata sandi akun atau lembar pemulihan.</source>
        <translation>Encrypted backup created:
%s

This file can only be opened with an account password or the recovery sheet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="894"/>
        <source>Masa simpan data pribadi</source>
        <translation>Personal data retention</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="896"/>
        <source>Tetapkan akhir masa simpan</source>
        <translation>Set the end of the retention period</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="906"/>
        <source>Setelah tanggal ini (mis. sesudah serah terima ke BPS), aplikasi menawarkan menghapus No KK, NIK, nama, alamat dan catatan semua rumah tangga. Hitungan per kelurahan dan hasil tetap tersimpan, dan berita acaranya dicetak.</source>
        <translation>After this date (e.g. after handover to BPS), the app offers to delete the No KK, NIK, name, address and notes of all households. Counts per kelurahan and results stay saved, and the official report (berita acara) is printed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="921"/>
        <source>Akhir masa simpan</source>
        <translation>End of retention period</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="938"/>
        <source>Masa simpan berakhir</source>
        <translation>Retention period ended</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="940"/>
        <source>Masa simpan data pribadi berakhir pada %s.

Hapus sekarang No KK, NIK, nama, alamat, nomor HP dan catatan semua rumah tangga? Hitungan tetap tersimpan. Tindakan ini tidak bisa dibatalkan; berita acaranya akan disimpan sebagai PDF.</source>
        <translation>The retention period for personal data ended on %s.

Delete the No KK, NIK, name, address, phone number and notes of all households now? The counts stay saved. This cannot be undone; the official report (berita acara) will be saved as a PDF.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="945"/>
        <source>Hapus data pribadi…</source>
        <translation>Delete personal data…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="946"/>
        <source>Nanti</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="951"/>
        <source>Simpan berita acara</source>
        <translation>Save official report</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="961"/>
        <source>Data pribadi %s rumah tangga dihapus. Berita acara: %s</source>
        <translation>Personal data of %s households deleted. Official report: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/main_window.py" line="1103"/>
        <source>Terjadi kesalahan program. Data yang sudah tersimpan aman, dan isian yang sedang diketik tetap ada.

Kirim berkas ini ke pengembang:
%s</source>
        <translation>A program error occurred. Data already saved is safe, and what you were typing is still there.

Send this file to the developers:
%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="100"/>
        <source>Pilih berkas cadangan</source>
        <translation>Choose backup file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="102"/>
        <source>Cadangan SP Desktop (*.spcadangan)</source>
        <translation>SP Desktop backup (*.spcadangan)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="113"/>
        <source>Pulihkan dari cadangan</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="114"/>
        <source>Cadangan %s berisi %s rumah tangga.
Data sekarang diganti (disimpan dulu di folder &apos;cadangan&apos;).

Ketik kata sandi Anda untuk melanjutkan:</source>
        <translation>Backup %s contains %s households.
The current data will be replaced (it is first kept in the &apos;cadangan&apos; (backup) folder).

Type your password to continue:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="160"/>
        <source>Data berhasil dipulihkan dari cadangan %s (%s rumah tangga, dibuat %s).

Data sebelumnya disimpan di folder &apos;cadangan&apos;. SP Desktop membuka data yang dipulihkan sekarang.</source>
        <translation>Data restored from backup %s (%s households, created %s).

The previous data is kept in the &apos;cadangan&apos; (backup) folder. SP Desktop now opens the restored data.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="179"/>
        <source>Data TIDAK dipulihkan; data sebelumnya tetap ada.

%s</source>
        <translation>Data NOT restored; the previous data is still there.

%s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="182"/>
        <source>SP Desktop ditutup. Buka lagi dan masuk seperti biasa.</source>
        <translation>SP Desktop has closed. Open it again and sign in as usual.</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="81"/>
        <source>Berhasil</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="82"/>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/model.py" line="83"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
</context>
<context>
    <name>OwnBundleDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="44"/>
        <source>Kirim data saya ke kantor</source>
        <translation>Send my data to the office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="47"/>
        <source>Paket ini berisi rumah tangga yang Anda catat, dengan kunjungan dan bukti pengisiannya, bertanda tangan kunci petugas kantor ini. Paket selalu disegel: hanya kantor yang Anda centang yang bisa membukanya. Bawa dengan flashdisk atau kirim sebagai dokumen WhatsApp.</source>
        <translation>This package holds the households you recorded, with their visits and proof files, signed with this office&apos;s helpers&apos; key. It is always sealed: only the offices you tick can open it. Carry it on a USB stick or send it as a WhatsApp document.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="58"/>
        <source>Belum ada kantor penerima. Minta admin komputer ini mengimpor kunci publik (.spkunci) kantor kelurahan Anda lewat Dokumen › Kunci tanda tangan kantor.</source>
        <translation>No receiving office yet. Ask this PC&apos;s admin to import your kelurahan office&apos;s public key (.spkunci) under Dokumen › Kunci tanda tangan kantor.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="64"/>
        <source>Buat paket &amp;data saya…</source>
        <translation>Make my data &amp;package…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="77"/>
        <source>Buka &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="81"/>
        <source>T&amp;utup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="93"/>
        <source>Segel untuk kantor:</source>
        <translation>Seal for the office:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="108"/>
        <source>Centang kantor yang boleh membuka paket ini.</source>
        <translation>Tick the office that may open this package.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="114"/>
        <source>Simpan paket data</source>
        <translation>Save data package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="116"/>
        <source>Paket data SP Desktop (*%s)</source>
        <translation>SP Desktop data package (*%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="139"/>
        <source>Paket data disimpan (%s):
%s

Isi: %s.

Disegel untuk: %s.</source>
        <translation>Data package saved (%s):
%s

Contents: %s.

Sealed for: %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="148"/>
        <source>Membuat paket data %s…</source>
        <translation>Making data package %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/own_bundle_dialog.py" line="149"/>
        <source>Dibatalkan; paket tidak dibuat.</source>
        <translation>Cancelled; no package was made.</translation>
    </message>
</context>
<context>
    <name>PasswordShownDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="82"/>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="94"/>
        <source>Sandi berkas</source>
        <translation>File password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="85"/>
        <source>%s dilindungi sandi. Catat sandinya sekarang: sandi ini hanya ditampilkan sekali dan tidak disimpan di SP Desktop.</source>
        <translation>%s is protected by a password. Write the password down now: it is shown this once only and is not kept in SP Desktop.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="100"/>
        <source>&amp;Salin sandi</source>
        <translation>&amp;Copy password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="108"/>
        <source>Sampaikan sandi ini kepada penerima lewat jalur lain: telepon atau langsung. Jangan kirim sandi bersama berkasnya (bukan di pesan WhatsApp atau surel yang sama). Tanpa sandi ini berkasnya tidak bisa dibuka, juga oleh Anda.</source>
        <translation>Give this password to the recipient by another channel: telephone or in person. Do not send the password with the file (not in the same WhatsApp message or e-mail). Without this password nobody can open the file, you included.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="118"/>
        <source>Sandi sudah &amp;dicatat</source>
        <translation>I have &amp;written the password down</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/documents_dialog.py" line="129"/>
        <source>Tersalin</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>PasteKeyDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="486"/>
        <source>Tempel teks kunci kantor lain</source>
        <translation>Paste another office&apos;s key text</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="489"/>
        <source>Tempel teks QR kunci publik kantor lain (diawali %s:), atau pindai QR-nya dengan pemindai. Sidik kuncinya ditanyakan sebelum kunci dipercaya.</source>
        <translation>Paste the QR text of another office&apos;s public key (starting with %s:), or scan its QR with a scanner. You will be asked about its fingerprint before the key is trusted.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="499"/>
        <source>Teks &amp;kunci:</source>
        <translation>&amp;Key text:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="505"/>
        <source>&amp;Lanjutkan</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="507"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="445"/>
        <source>PDF ini tidak bisa ditampilkan (rusak atau terkunci).</source>
        <translation>This PDF cannot be shown (damaged or locked).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="448"/>
        <source>%n halaman</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="224"/>
        <source>Petugas dan Posko</source>
        <translation>Helpers and posts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="231"/>
        <source>&amp;Petugas (ASN)</source>
        <translation>&amp;Helpers (ASN)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="232"/>
        <source>P&amp;osko</source>
        <translation>P&amp;osts</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="235"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <location filename="../../sp_desktop/core/domain/agenda.py" line="32"/>
        <source>Hari ini dan yang terlambat</source>
        <translation>Today and overdue</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/agenda.py" line="33"/>
        <source>Hari ini saja</source>
        <translation>Today only</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/agenda.py" line="34"/>
        <source>Yang terlambat saja</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/agenda.py" line="35"/>
        <source>Minggu ini (termasuk yang terlambat)</source>
        <translation>This week (including overdue)</translation>
    </message>
</context>
<context>
    <name>PostsTab</name>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="183"/>
        <source>mis. Posko Kelurahan Ampenan Selatan</source>
        <translation>e.g. Posko Kelurahan Ampenan Selatan</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="186"/>
        <source>Na&amp;ma posko</source>
        <translation>Post na&amp;me</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="187"/>
        <source>&amp;Kelurahan/Desa</source>
        <translation>&amp;Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="188"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="147"/>
        <source>Dokumen untuk dicetak tidak bisa dibuka. Coba buat lagi.</source>
        <translation>The document to print cannot be opened. Try creating it again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="119"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="192"/>
        <source>Pencetak tidak bisa dipakai. Periksa bahwa pencetak menyala dan tersambung, lalu coba lagi.</source>
        <translation>The printer cannot be used. Check that the printer is switched on and connected, then try again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="204"/>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="204"/>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="447"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="249"/>
        <source>Mencetak halaman %s dari %s…</source>
        <translation>Printing page %s of %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="297"/>
        <source>Pencetak menolak halaman berikutnya; pencetakan dihentikan.</source>
        <translation>The printer refused the next page; printing stopped.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="320"/>
        <source>Dokumen untuk dicetak tidak bisa dibuka lagi.</source>
        <translation>The document to print cannot be opened again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="321"/>
        <source>Coba cetak sekali lagi.</source>
        <translation>Try printing once more.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="358"/>
        <source>Halaman %s tidak bisa disiapkan untuk dicetak.</source>
        <translation>Page %s cannot be prepared for printing.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="359"/>
        <source>Mungkin memori komputer tidak cukup. Tutup program lain, lalu coba lagi.</source>
        <translation>The computer may not have enough memory. Close other programs, then try again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="441"/>
        <source>Simpan sebagai berkas PDF, atau langsung cetak?</source>
        <translation>Save as a PDF file, or print directly?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="444"/>
        <source>&amp;Simpan sebagai PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="446"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="452"/>
        <source>Membuat dokumen…</source>
        <translation>Creating the document…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="457"/>
        <source>Simpan sebagai PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/printing.py" line="465"/>
        <source>Tersimpan:
%s</source>
        <translation>Saved:
%s</translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="210"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProofFilesDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="131"/>
        <source>Bukti pengisian</source>
        <translation>Proof of completion</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="143"/>
        <source>&amp;Berkas terlampir</source>
        <translation>&amp;Attached files</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="147"/>
        <source>Bukti pengisian memuat NIK dan No KK lengkap. Berkas dibuka di dalam aplikasi saja; simpan salinan hanya bila diminta resmi, dan hapus setelah dipakai.</source>
        <translation>The proof of completion contains full NIK and No KK numbers. Files open inside the app only; save a copy only when officially requested, and delete it after use.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="160"/>
        <source>B&amp;uka</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="163"/>
        <source>&amp;Simpan salinan…</source>
        <translation>&amp;Save a copy…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="166"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="222"/>
        <source>Gambar ini tidak bisa ditampilkan (berkasnya rusak?). Simpan salinannya lalu buka dengan program lain.</source>
        <translation>This image cannot be shown (is the file damaged?). Save a copy and open it with another program.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="240"/>
        <source>Membuka %s…</source>
        <translation>Opening %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="241"/>
        <source>Tidak jadi dibuka.</source>
        <translation>Not opened.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="247"/>
        <source>Berkas tidak ditampilkan; buka lagi.</source>
        <translation>The file was not shown; open it again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="271"/>
        <source>Simpan salinan bukti pengisian</source>
        <translation>Save a copy of the proof of completion</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="295"/>
        <source>Salinan disimpan: %s</source>
        <translation>Copy saved: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="297"/>
        <source>Menyimpan salinan %s…</source>
        <translation>Saving a copy of %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="298"/>
        <source>Salinan tidak disimpan.</source>
        <translation>Copy not saved.</translation>
    </message>
</context>
<context>
    <name>ProofTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="61"/>
        <source>Nama berkas</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="62"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="63"/>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="64"/>
        <source>Dilampirkan</source>
        <translation>Attached</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="65"/>
        <source>SHA-256 (awal)</source>
        <translation>SHA-256 (start)</translation>
    </message>
</context>
<context>
    <name>ProofViewer</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="353"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>ProofsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/households/proofs_dialog.py" line="331"/>
        <source>Kunjungan %s — %s</source>
        <translation>Visit %s — %s</translation>
    </message>
</context>
<context>
    <name>RecipientChecks</name>
    <message>
        <location filename="../../sp_desktop/ui/sync/recipients.py" line="54"/>
        <source>kantor tanpa nama</source>
        <translation>unnamed office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/recipients.py" line="61"/>
        <source>kunci versi lama</source>
        <translation>old key version</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/recipients.py" line="64"/>
        <source>berkas kuncinya versi lama, belum bisa menerima paket bersegel: minta .spkunci terbaru dari kantor itu lalu impor lagi</source>
        <translation>its key file is an old version and cannot receive sealed bundles yet: ask that office for its latest .spkunci and import it again</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="272"/>
        <source>Pakai lembar pemulihan</source>
        <translation>Use the recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="275"/>
        <source>Ketik kunci pemulihan dari lembar yang dicetak saat SP Desktop disiapkan (32 huruf dan angka; tanda &apos;-&apos; boleh dilewati), NIP seorang admin, dan kata sandi baru untuk admin itu.</source>
        <translation>Type the recovery key from the sheet printed when SP Desktop was set up (32 letters and digits; the &apos;-&apos; signs may be left out), the NIP of an admin, and a new password for that admin.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="291"/>
        <source>Pulihkan akses</source>
        <translation>Restore access</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="295"/>
        <source>Kunci &amp;pemulihan</source>
        <translation>Recovery &amp;key</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="296"/>
        <source>&amp;NIP admin</source>
        <translation>Admin &amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="297"/>
        <source>Kata sandi &amp;baru</source>
        <translation>New &amp;password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="298"/>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="311"/>
        <source>Kedua kata sandi baru tidak sama.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>RecoverySheetDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="532"/>
        <source>Lembar pemulihan</source>
        <translation>Recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="535"/>
        <source>&lt;b&gt;Simpan dan cetak lembar pemulihan sekarang.&lt;/b&gt;&lt;br&gt;&lt;br&gt;Lembar ini berisi kunci yang membuka data jika &lt;b&gt;semua&lt;/b&gt; kata sandi terlupa. Cetak, simpan di lemari terkunci (bukan di tas yang sama dengan komputer atau flashdisk), lalu hapus berkas PDF-nya.&lt;br&gt;&lt;br&gt;&lt;b&gt;Tanpa kata sandi satu pun dan tanpa lembar ini, data tidak dapat dipulihkan oleh siapa pun.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Save and print the recovery sheet now.&lt;/b&gt;&lt;br&gt;&lt;br&gt;This sheet holds the key that opens the data if &lt;b&gt;all&lt;/b&gt; passwords are forgotten. Print it, keep it in a locked cupboard (not in the same bag as the computer or USB stick), then delete the PDF file.&lt;br&gt;&lt;br&gt;&lt;b&gt;Without any password and without this sheet, nobody can recover the data.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="545"/>
        <source>&amp;Simpan lembar pemulihan (PDF)…</source>
        <translation>&amp;Save recovery sheet (PDF)…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="548"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="550"/>
        <source>Simpan dulu, lalu cetak lembar yang tersimpan</source>
        <translation>Save first, then print the saved sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="554"/>
        <source>Lembar pemulihan sudah saya cetak dan simpan</source>
        <translation>I have printed and stored the recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="556"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="584"/>
        <source>Simpan lembar pemulihan</source>
        <translation>Save recovery sheet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="598"/>
        <source>Lembar tidak bisa disimpan di sana: %s. Pilih folder lain.</source>
        <translation>The sheet cannot be saved there: %s. Choose another folder.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="605"/>
        <source>Tersimpan di %s. Tekan Cetak, simpan kertasnya di lemari terkunci, lalu hapus berkasnya.</source>
        <translation>Saved in %s. Press Print, keep the paper in a locked cupboard, then delete the file.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="626"/>
        <source>Lembar dikirim ke printer. Simpan kertasnya di lemari terkunci, lalu hapus berkas %s.</source>
        <translation>Sheet sent to the printer. Keep the paper in a locked cupboard, then delete the file %s.</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="46"/>
        <source>&lt;h2&gt;Memulihkan data dari cadangan…&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Restoring data from backup…&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="50"/>
        <source>Cadangan %s (%s rumah tangga) sedang diperiksa dan dipasang. Data sekarang disimpan dulu di folder &apos;cadangan&apos;. Jangan matikan komputer; jendela dibuka lagi sendiri setelah selesai.</source>
        <translation>Backup %s (%s households) is being checked and installed. The current data is first kept in the &apos;cadangan&apos; (backup) folder. Do not switch off the computer; the window reopens by itself when done.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/shell/restore.py" line="65"/>
        <source>Memulihkan data</source>
        <translation>Restoring data</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../sp_desktop/core/domain/permissions.py" line="27"/>
        <source>Petugas pendamping</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/permissions.py" line="28"/>
        <source>Admin OPD</source>
        <translation>Agency admin (OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/permissions.py" line="29"/>
        <source>Koordinator</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/permissions.py" line="30"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="141"/>
        <source>Impor daftar pegawai</source>
        <translation>Import staff list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="167"/>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="172"/>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="375"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="201"/>
        <source>Berkas daftar pegawai</source>
        <translation>Staff list file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="202"/>
        <source>(belum ada berkas dipilih)</source>
        <translation>(no file chosen yet)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="203"/>
        <source>&amp;Pilih berkas…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="211"/>
        <source>Langkah 1 dari 3: pilih berkas</source>
        <translation>Step 1 of 3: choose a file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="215"/>
        <source>Pilih daftar pegawai dari bagian kepegawaian: berkas Excel (.xlsx) atau CSV. Baris judul kolom (NIP, Nama, OPD, Unit kerja) dikenali sendiri; kolomnya bisa dipilih ulang di langkah berikutnya. Belum ada yang disimpan sampai Anda menekan Impor.</source>
        <translation>Choose the staff list from the personnel department: an Excel (.xlsx) or CSV file. The column header row (NIP, Name, OPD, Work unit) is recognised automatically; you can choose the columns again in the next step. Nothing is saved until you press Import.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="227"/>
        <source>Tips: kolom NIP sebaiknya berformat Teks di Excel. NIP yang tersimpan sebagai angka kehilangan digit terakhirnya dan akan ditolak.</source>
        <translation>Tip: the NIP column should be formatted as Text in Excel. A NIP stored as a number loses its last digits and will be rejected.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="244"/>
        <source>&amp;NIP (wajib)</source>
        <translation>&amp;NIP (required)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="245"/>
        <source>Na&amp;ma (wajib)</source>
        <translation>Na&amp;me (required)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="246"/>
        <source>&amp;OPD</source>
        <translation>Agency (&amp;OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="247"/>
        <source>&amp;Unit kerja</source>
        <translation>&amp;Work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="267"/>
        <source>kosong: OPD diambil dari kolom OPD tiap baris</source>
        <translation>empty: the agency is taken from the OPD column of each row</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="278"/>
        <source>Admin OPD hanya mengimpor pegawai OPD-nya sendiri (%s): baris tanpa OPD menjadi OPD ini, baris OPD lain ditolak.</source>
        <translation>An agency admin (OPD) only imports staff of their own agency (%s): rows without an agency get this one, rows of other agencies are rejected.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="284"/>
        <source>OPD untuk &amp;seluruh berkas</source>
        <translation>Agency for the whole &amp;file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="294"/>
        <source>Contoh &amp;isi (20 baris pertama)</source>
        <translation>&amp;Preview (first 20 rows)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="298"/>
        <source>Langkah 2 dari 3: cocokkan kolom</source>
        <translation>Step 2 of 3: match the columns</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="317"/>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="569"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="317"/>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="317"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="325"/>
        <source>Baris yang &amp;ditolak atau perlu dicek</source>
        <translation>&amp;Rejected rows and rows to check</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="338"/>
        <source>Langkah 3 dari 3: periksa lalu impor</source>
        <translation>Step 3 of 3: check, then import</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="355"/>
        <source>Impor selesai</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="360"/>
        <source>Pegawai yang NIP-nya sudah ada di daftar diperbarui (nama, OPD, unit kerja), tidak ditambahkan dua kali. Status SP Online mereka tetap.</source>
        <translation>Staff whose NIP is already in the list are updated (name, agency, work unit), not added twice. Their SP Online status stays.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="375"/>
        <source>&amp;Tutup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="377"/>
        <source>&amp;Periksa &gt;</source>
        <translation>&amp;Check &gt;</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="381"/>
        <source>&amp;Impor %s pegawai</source>
        <translation>&amp;Import %s staff</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="384"/>
        <source>Impor berkas &amp;lain…</source>
        <translation>Import &amp;another file…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="449"/>
        <source>Pilih daftar pegawai</source>
        <translation>Choose staff list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="451"/>
        <source>Daftar pegawai (*.xlsx *.csv *.txt);;Semua berkas (*)</source>
        <translation>Staff list (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="469"/>
        <source>Membaca %s…</source>
        <translation>Reading %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="470"/>
        <source>Berkas tidak jadi dibaca.</source>
        <translation>The file was not read.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="481"/>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="489"/>
        <source>Berkas %s: judul kolom di baris %d, %s baris terisi di bawahnya.</source>
        <translation>File %s: column headers in row %d, %s filled rows below them.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="497"/>
        <source>Kolom %s tidak dikenali dari judulnya: pilih kolomnya di atas.</source>
        <translation>Column %s was not recognised from its header: choose its column above.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="506"/>
        <source>%s: (tanpa judul)</source>
        <translation>%s: (no header)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="528"/>
        <source>Pilih berkasnya dulu.</source>
        <translation>Choose the file first.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="532"/>
        <source>Pilih kolom untuk %s.</source>
        <translation>Choose the column for %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="539"/>
        <source>Kolom %s dipilih untuk %s dan %s; pilih satu kolom untuk tiap isian.</source>
        <translation>Column %s is chosen for %s and %s; choose one column for each field.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="547"/>
        <source>Pilih kolom OPD, atau isi OPD untuk seluruh berkas.</source>
        <translation>Choose the OPD column, or fill in the agency for the whole file.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="614"/>
        <source>Memeriksa setiap baris…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="615"/>
        <source>Pemeriksaan dibatalkan; belum ada yang diimpor.</source>
        <translation>Check cancelled; nothing has been imported yet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="622"/>
        <source>%s baris siap diimpor, %s baris ditolak, %s baris kosong dilewati</source>
        <translation>%s rows ready to import, %s rows rejected, %s empty rows skipped</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="634"/>
        <source>%s di antaranya sudah ada di daftar: datanya diperbarui menurut NIP, tidak ditambahkan dua kali.</source>
        <translation>%s of them are already in the list: their data is updated by NIP, not added twice.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="641"/>
        <source>%s baris tetap diimpor tetapi sebaiknya dicek (lihat tabel).</source>
        <translation>%s rows are imported anyway but should be checked (see the table).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="647"/>
        <source>Baris yang ditolak tidak diimpor: perbaiki di berkasnya lalu impor lagi (pegawai yang sudah masuk tidak akan tergandakan).</source>
        <translation>Rejected rows are not imported: correct them in the file and import again (staff already imported will not be duplicated).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="652"/>
        <source>Tidak ada baris yang bisa diimpor; periksa pilihan kolomnya.</source>
        <translation>No rows can be imported; check the column choices.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="658"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="661"/>
        <source>Diimpor, cek</source>
        <translation>Imported, check</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="687"/>
        <source>Mengimpor %s pegawai…</source>
        <translation>Importing %s staff…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="703"/>
        <source>%s baris ditolak dan TIDAK diimpor (lihat langkah 3): perbaiki di berkasnya, lalu impor lagi.</source>
        <translation>%s rows rejected and NOT imported (see step 3): correct them in the file, then import again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="729"/>
        <source>Ditambahkan %s, diperbarui %s, tidak berubah %s</source>
        <translation>Added %s, updated %s, unchanged %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/roster_import_dialog.py" line="735"/>
        <source> (termasuk %s yang diaktifkan lagi)</source>
        <translation> (including %s reactivated)</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="346"/>
        <source>Persiapan pertama</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="350"/>
        <source>&lt;b&gt;Selamat datang.&lt;/b&gt; SP Desktop menyimpan No KK dan NIK keluarga, jadi data di komputer ini dikunci dengan sandi. Isi nama kantor dan buat akun admin pertama. Akun petugas lain dibuat admin atau koordinator sesudahnya.</source>
        <translation>&lt;b&gt;Welcome.&lt;/b&gt; SP Desktop stores families&apos; No KK and NIK numbers, so the data on this computer is locked with a password. Fill in the office name and create the first admin account. Admins or coordinators create the other helpers&apos; accounts afterwards.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="358"/>
        <source>mis. Kantor Lurah Ampenan Selatan</source>
        <translation>e.g. Kantor Lurah Ampenan Selatan</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="373"/>
        <source>Nama &amp;kantor/posko</source>
        <translation>&amp;Office/post name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="374"/>
        <source>Ke&amp;lurahan/desa</source>
        <translation>&amp;Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="375"/>
        <source>&amp;NIP admin</source>
        <translation>Admin &amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="376"/>
        <source>N&amp;ama admin</source>
        <translation>Admin na&amp;me</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="377"/>
        <source>Kata &amp;sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="378"/>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="382"/>
        <source>Nama kantor/posko</source>
        <translation>Office/post name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="383"/>
        <source>Kelurahan/desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="384"/>
        <source>NIP admin</source>
        <translation>Admin NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="385"/>
        <source>Nama admin</source>
        <translation>Admin name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="386"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="387"/>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="404"/>
        <source>Data yang sudah ada di komputer ini akan dienkripsi dengan kunci baru saat persiapan selesai.</source>
        <translation>Data already on this computer will be encrypted with a new key when setup finishes.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="415"/>
        <source>Siapkan</source>
        <translation>Set up</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="455"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="484"/>
        <source>Mengenkripsi data lama dan menyiapkan kunci… Jangan matikan komputer.</source>
        <translation>Encrypting the existing data and preparing the key… Do not switch off the computer.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="512"/>
        <source>Data lama berhasil dienkripsi. Sekarang simpan lembar pemulihan.</source>
        <translation>Existing data encrypted. Now save the recovery sheet.</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="82"/>
        <source>18 angka</source>
        <translation>18 digits</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="125"/>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="135"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="136"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="140"/>
        <source>&amp;NIP</source>
        <translation>&amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="141"/>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/session.py" line="176"/>
        <source>Isi NIP dan kata sandi.</source>
        <translation>Enter your NIP and password.</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="142"/>
        <source>Pegawai ASN — SP Online</source>
        <translation>Civil servants (ASN) — SP Online</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="167"/>
        <source>nama atau NIP</source>
        <translation>name or NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="178"/>
        <source>Belum selesai (belum + gagal)</source>
        <translation>Not finished (not yet + failed)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="179"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="187"/>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="423"/>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="102"/>
        <source>Semua OPD</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="193"/>
        <source>Tampilkan yang non&amp;aktif</source>
        <translation>Show &amp;inactive</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="195"/>
        <source>Ca&amp;ri</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="197"/>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="199"/>
        <source>&amp;OPD</source>
        <translation>Agency (&amp;OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="201"/>
        <source>&amp;Perbarui</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="202"/>
        <source>Baca ulang daftar dan angka (F5)</source>
        <translation>Reload the list and figures (F5)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="241"/>
        <source>&amp;Daftar pegawai</source>
        <translation>&amp;Employee list</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="257"/>
        <source>&amp;Tambah pegawai…</source>
        <translation>&amp;Add employee…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="258"/>
        <source>&amp;Ubah…</source>
        <translation>E&amp;dit…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="259"/>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="493"/>
        <source>&amp;Nonaktifkan</source>
        <translation>Deacti&amp;vate</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="260"/>
        <source>&amp;Catat status…</source>
        <translation>&amp;Record status…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="261"/>
        <source>Lampirkan &amp;bukti…</source>
        <translation>Attach &amp;proof…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="262"/>
        <source>&amp;Lihat bukti…</source>
        <translation>Vie&amp;w proof…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="264"/>
        <source>&amp;Impor daftar pegawai…</source>
        <translation>I&amp;mport staff list…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="266"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="267"/>
        <source>Tambah satu pegawai (Insert)</source>
        <translation>Add one employee (Insert)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="268"/>
        <source>Ubah data pegawai yang dipilih (Enter)</source>
        <translation>Edit the selected employee (Enter)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="270"/>
        <source>Catat Sudah/Gagal/Belum untuk semua pegawai yang dipilih (Ctrl+klik, Shift+klik atau Ctrl+A untuk memilih banyak)</source>
        <translation>Record Done/Failed/Not yet for all selected employees (Ctrl+click, Shift+click or Ctrl+A to select several)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="361"/>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="406"/>
        <source>Menampilkan %s pegawai</source>
        <translation>Showing %s employees</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="493"/>
        <source>Aktif&amp;kan lagi</source>
        <translation>Rea&amp;ctivate</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="499"/>
        <source>Bukti hanya untuk pegawai berstatus Sudah: catat statusnya dulu.</source>
        <translation>Proof is only for employees with status Done: record their status first.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="583"/>
        <source>Data pegawai disimpan: %s.</source>
        <translation>Employee data saved: %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="594"/>
        <source>%s pegawai</source>
        <translation>%s employees</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="599"/>
        <source>Nonaktifkan pegawai</source>
        <translation>Deactivate employee</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="601"/>
        <source>Nonaktifkan %s? Pegawai nonaktif (pindah tugas, pensiun) tidak dihitung dalam capaian OPD. Bisa diaktifkan lagi kapan saja lewat &quot;Tampilkan yang nonaktif&quot;.</source>
        <translation>Deactivate %s? Inactive employees (transferred, retired) are not counted in the agency&apos;s progress. They can be reactivated at any time through &quot;Show inactive&quot;.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="615"/>
        <source>%s pegawai diaktifkan lagi.</source>
        <translation>%s employees reactivated.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="617"/>
        <source>%s pegawai dinonaktifkan.</source>
        <translation>%s employees deactivated.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="624"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="642"/>
        <source>Status %s dicatat untuk %s pegawai.</source>
        <translation>Status %s recorded for %s employees.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="647"/>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="682"/>
        <source>Bukti dilampirkan: %s (%s).</source>
        <translation>Proof attached: %s (%s).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="655"/>
        <source>Status sudah disimpan, tetapi buktinya belum terlampir: %s</source>
        <translation>The status is saved, but the proof is not attached yet: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="664"/>
        <source>Pilih bukti pengisian</source>
        <translation>Choose proof of completion</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_dialog.py" line="685"/>
        <source>Melampirkan %s…</source>
        <translation>Attaching %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="119"/>
        <source>%s: belum ada pegawai aktif di daftar. Impor daftar pegawai (Excel/CSV) atau tambahkan satu per satu.</source>
        <translation>%s: no active employees in the list yet. Import the staff list (Excel/CSV) or add them one by one.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="127"/>
        <source>%s: %s dari %s ASN sudah mengisi (%s)</source>
        <translation>%s: %s of %s ASN completed (%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="138"/>
        <source>target %d%% (%s orang)</source>
        <translation>target %d%% (%s people)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="143"/>
        <source>target masing-masing OPD (%s orang)</source>
        <translation>each agency&apos;s own target (%s people)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="148"/>
        <source>kurang %s orang</source>
        <translation>%s people short</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="152"/>
        <source>target tercapai</source>
        <translation>target reached</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="157"/>
        <source>batas waktu terdekat %s</source>
        <translation>nearest deadline %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="160"/>
        <source>batas waktu %s</source>
        <translation>deadline %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="162"/>
        <source> (sudah lewat)</source>
        <translation> (already passed)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="178"/>
        <source>OPD di bawah target: %s dari %s</source>
        <translation>Agencies below target: %s of %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="203"/>
        <source>target %d%%</source>
        <translation>target %d%%</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="205"/>
        <source>target</source>
        <translation>target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_figures.py" line="207"/>
        <source>%s dari %s sudah mengisi; target %s orang</source>
        <translation>%s of %s completed; target %s people</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="55"/>
        <source>Bukti pengisian (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Proof of completion (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="74"/>
        <source>Pegawai ASN</source>
        <translation>Civil servants (ASN)</translation>
    </message>
</context>
<context>
    <name>StaffEditDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="102"/>
        <source>Ubah data pegawai</source>
        <translation>Edit employee</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="102"/>
        <source>Tambah pegawai</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="105"/>
        <source>18 angka, tanpa spasi</source>
        <translation>18 digits, no spaces</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="113"/>
        <source>mis. Dinas Sosial</source>
        <translation>e.g. Social Affairs Office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="115"/>
        <source>boleh kosong; mis. Bidang Rehabilitasi Sosial</source>
        <translation>optional; e.g. Social Rehabilitation Division</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="124"/>
        <source>&amp;NIP</source>
        <translation>&amp;NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="125"/>
        <source>Na&amp;ma</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="126"/>
        <source>&amp;OPD</source>
        <translation>Agency (&amp;OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="127"/>
        <source>&amp;Unit kerja</source>
        <translation>&amp;Work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="129"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="132"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="156"/>
        <source>Admin OPD hanya mengelola pegawai OPD-nya sendiri.</source>
        <translation>An agency admin (OPD) only manages employees of their own agency.</translation>
    </message>
</context>
<context>
    <name>StaffProofsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="515"/>
        <source>Bukti pengisian pegawai</source>
        <translation>Employee&apos;s proof of completion</translation>
    </message>
</context>
<context>
    <name>StaffStatus</name>
    <message>
        <location filename="../../sp_desktop/core/domain/monitoring.py" line="48"/>
        <source>Sudah</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/monitoring.py" line="49"/>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/core/domain/monitoring.py" line="50"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="42"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="43"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="44"/>
        <source>OPD</source>
        <translation>Agency (OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="45"/>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="46"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="47"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="48"/>
        <source>Alasan / catatan</source>
        <translation>Reason / notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="49"/>
        <source>Bukti</source>
        <translation>Proof</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="133"/>
        <source>Nonaktif: tidak dihitung dalam capaian OPD.</source>
        <translation>Inactive: not counted in the agency&apos;s progress.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_model.py" line="142"/>
        <source>%s (nonaktif)</source>
        <translation>%s (inactive)</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="231"/>
        <source>Catat status SP Online</source>
        <translation>Record SP Online status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="234"/>
        <source>Untuk: %s</source>
        <translation>For: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="236"/>
        <source>Untuk %s pegawai yang dipilih</source>
        <translation>For %s selected employees</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="241"/>
        <source>&amp;Sudah mengisi</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="242"/>
        <source>&amp;Gagal</source>
        <translation>&amp;Failed</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="243"/>
        <source>&amp;Belum</source>
        <translation>&amp;Not yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="271"/>
        <source>pilih, atau tulis sendiri</source>
        <translation>choose, or write your own</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="277"/>
        <source>&amp;Alasan</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="279"/>
        <source>&amp;Tanggal</source>
        <translation>Da&amp;te</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="285"/>
        <source>Berkas bukti yang dipilih</source>
        <translation>Chosen proof file</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="286"/>
        <source>(tidak ada; boleh dilampirkan nanti)</source>
        <translation>(none; can be attached later)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="287"/>
        <source>&amp;Pilih berkas…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="289"/>
        <source>&amp;Hapus pilihan</source>
        <translation>Re&amp;move choice</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="297"/>
        <source>Lampirkan bukti pengisian
(PDF/JPG/PNG)</source>
        <translation>Attach proof of completion
(PDF/JPG/PNG)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="302"/>
        <source>Status SP Online</source>
        <translation>SP Online status</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="312"/>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="367"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="315"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="344"/>
        <source>&amp;Alasan gagal</source>
        <translation>Failure &amp;reason</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="344"/>
        <source>&amp;Catatan</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="346"/>
        <source>wajib: pilih, atau tulis sendiri</source>
        <translation>required: choose, or write your own</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="346"/>
        <source>boleh kosong</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="367"/>
        <source>Simpan: %s</source>
        <translation>Save: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="372"/>
        <source>Pilih bukti pengisian</source>
        <translation>Choose proof of completion</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="402"/>
        <source>Tulis alasan gagalnya (mis. NIK dan KK tidak sesuai).</source>
        <translation>Write why it failed (e.g. NIK and KK do not match).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="409"/>
        <source>Catat %s untuk %s pegawai?</source>
        <translation>Record %s for %s employees?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/staff_forms.py" line="441"/>
        <source>Menyimpan status %s pegawai…</source>
        <translation>Saving status of %s employees…</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="78"/>
        <source>hari ini %s</source>
        <translation>today %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="80"/>
        <source>kemarin %s</source>
        <translation>yesterday %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="221"/>
        <source>Kirim &amp; terima data</source>
        <translation>Send &amp; receive data</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="237"/>
        <source>&amp;Paket data (flashdisk / WhatsApp)</source>
        <translation>Data &amp;package (USB stick / WhatsApp)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="238"/>
        <source>Ser&amp;ver (hub)</source>
        <translation>Ser&amp;ver (hub)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="256"/>
        <source>Sidik kunci kantor ini. Bacakan kepada penerima lewat telepon supaya mereka bisa mencocokkannya saat mengimpor:</source>
        <translation>This office&apos;s key fingerprint. Read it to the recipient by phone so they can compare it when importing:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="282"/>
        <source>Tinjau k&amp;onflik dan data ganda…</source>
        <translation>Review c&amp;onflicts and duplicates…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="292"/>
        <source>Buka &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="294"/>
        <source>Buka folder tempat paket disimpan</source>
        <translation>Open the folder where the package is saved</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="297"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="324"/>
        <source>Tanpa internet: buat paket data di sini, bawa dengan flashdisk atau kirim sebagai dokumen WhatsApp, lalu impor di komputer tujuan. Paket bertanda tangan kantor ini, sehingga penerima tahu paket itu utuh dan dari Anda.</source>
        <translation>Without internet: create a data package here, carry it on a USB stick or send it as a WhatsApp document, then import it on the other computer. The package is signed by this office, so the recipient knows it is complete and comes from you.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="330"/>
        <source>Kirim ke komputer atau kantor lain</source>
        <translation>Send to another computer or office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="331"/>
        <source>Hanya yang &amp;berubah sejak paket terakhir</source>
        <translation>Only changes since the last pac&amp;kage</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="332"/>
        <source>Se&amp;mua data</source>
        <translation>&amp;Everything</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="356"/>
        <source>&amp;Tanpa segel: NIK dan No KK terbaca siapa pun yang mendapat berkasnya</source>
        <translation>&amp;Without a seal: anyone who gets the file can read the NIK and No KK</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="362"/>
        <source>Hanya bila penerimanya belum punya kunci segel. Serahkan berkasnya langsung, jangan lewat WhatsApp atau surel, dan hapus setelah diimpor.</source>
        <translation>Only when the receiving office has no sealing key yet. Hand the file over directly, not by WhatsApp or e-mail, and delete it after it has been imported.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="367"/>
        <source>Buat paket &amp;data…</source>
        <translation>Create &amp;data package…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="382"/>
        <source>Terima dari komputer atau kantor lain</source>
        <translation>Receive from another computer or office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="385"/>
        <source>Pilih berkas paket (%s) yang Anda terima. Paket diperiksa keutuhan dan tanda tangannya dulu; data Anda tidak berubah bila ada yang tidak beres.</source>
        <translation>Choose the package file (%s) you received. The package&apos;s integrity and signature are checked first; your data does not change if anything is wrong.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="391"/>
        <source>&amp;Impor paket data…</source>
        <translation>&amp;Import data package…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="412"/>
        <source>SP Desktop bekerja penuh tanpa server. Isi bagian ini hanya bila kantor Anda menyediakan server sinkron: data semua komputer lalu digabung lewat internet.</source>
        <translation>SP Desktop works fully without a server. Fill in this part only if your office provides a sync server: the data of all computers is then merged over the internet.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="428"/>
        <source>&amp;Alamat server</source>
        <translation>Server add&amp;ress</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="429"/>
        <source>Nama pen&amp;gguna</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="430"/>
        <source>Kata sa&amp;ndi</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="432"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="435"/>
        <source>&amp;Hapus pengaturan server</source>
        <translation>&amp;Clear server settings</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="438"/>
        <source>Sin&amp;kronkan sekarang</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="484"/>
        <source>Belum terkirim: %s perubahan sejak paket atau sinkron terakhir.</source>
        <translation>Not sent yet: %s changes since the last package or sync.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="488"/>
        <source>Semua perubahan sudah pernah dikirim.</source>
        <translation>All changes have been sent.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="103"/>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="490"/>
        <source>Sinkron terakhir: %s</source>
        <translation>Last sync: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="107"/>
        <source>Belum pernah sinkron</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="110"/>
        <source>Belum terkirim: %s</source>
        <translation>Not sent yet: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="111"/>
        <source>Konflik: %s</source>
        <translation>Conflicts: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="114"/>
        <source>Data ganda: %s</source>
        <translation>Duplicates: %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="494"/>
        <source>Belum pernah sinkron.</source>
        <translation>Never synced.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="527"/>
        <source>Simpan paket data</source>
        <translation>Save data package</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="529"/>
        <source>Paket data SP Desktop (*%s)</source>
        <translation>SP Desktop data package (*%s)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="555"/>
        <source>Membuat paket data %s…</source>
        <translation>Creating data package %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="556"/>
        <source>Dibatalkan; paket tidak dibuat.</source>
        <translation>Cancelled; no package was created.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="566"/>
        <source>Paket data disimpan (%s):
%s

Isi: %s.</source>
        <translation>Data package saved (%s):
%s

Contents: %s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="574"/>
        <source>Paket data disimpan:
%s

Tidak ada perubahan sejak paket terakhir, jadi paket ini tidak berisi data. Pilih &quot;Semua data&quot; untuk mengirim semuanya.</source>
        <translation>Data package saved:
%s

There are no changes since the last package, so this package contains no data. Choose &quot;Everything&quot; to send all of it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="625"/>
        <source>Pilih paket data yang diterima</source>
        <translation>Choose the data package you received</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="627"/>
        <source>Paket data SP Desktop (*%s);;Semua berkas (*)</source>
        <translation>SP Desktop data package (*%s);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="663"/>
        <source>Memeriksa dan mengimpor %s…</source>
        <translation>Checking and importing %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="664"/>
        <source>Dibatalkan; data tidak diubah.</source>
        <translation>Cancelled; the data was not changed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="670"/>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="734"/>
        <source>kantor tanpa nama</source>
        <translation>unnamed office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="342"/>
        <source>Segel untuk kantor penerima: hanya kantor yang dicentang (dan kantor ini) yang bisa membuka paketnya.</source>
        <translation>Seal for the receiving offices: only the offices ticked (and this office) can open the bundle.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="350"/>
        <source>Belum ada kantor tepercaya. Impor kunci publik (.spkunci) kantor penerima lewat menu Dokumen › Kunci tanda tangan kantor…</source>
        <translation>No trusted offices yet. Import the receiving office&apos;s public key (.spkunci) from the menu Documents › Office signing key…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="511"/>
        <source>Pilih kantor penerima paket (centang namanya), atau centang &quot;Tanpa segel&quot; bila paket ini memang boleh terbaca siapa saja.</source>
        <translation>Choose the office that receives the bundle (tick its name), or tick &quot;Without a seal&quot; if anyone may read this bundle.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="584"/>
        <source>Disegel: hanya bisa dibuka oleh %s dan kantor ini.</source>
        <translation>Sealed: only %s and this office can open it.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="597"/>
        <source>Paket ini disegel: hanya kantor penerima yang bisa membuka isinya. Setelah diimpor, tetap hapus berkasnya dari flashdisk atau HP.</source>
        <translation>This bundle is sealed: only the receiving offices can open it. After it has been imported, still delete the file from the USB stick or phone.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="604"/>
        <source>Paket ini TANPA segel. Berkas ini berisi data pribadi lengkap (No KK, NIK, nama, alamat) yang terbaca oleh siapa pun yang mendapatnya. Jangan simpan di folder bersama atau Publik. Serahkan langsung kepada petugas penerima, jangan dikirim ke grup. Setelah diimpor, hapus berkasnya dari flashdisk atau HP.</source>
        <translation>This bundle has NO seal. The file holds complete personal data (No KK, NIK, names, addresses) that anyone who gets it can read. Do not keep it in a shared or Public folder. Hand it directly to the receiving officer; do not send it to a group. After it has been imported, delete the file from the USB stick or phone.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="675"/>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="706"/>
        <source>Kunci pengirim belum dikenal</source>
        <translation>Sender&apos;s key not known yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="679"/>
        <source>Paket ini dari %s, bertanda tangan kunci yang belum dipercaya di komputer ini.

Sidik kunci: %s

Hanya admin yang boleh mempercayai kunci baru. Minta admin komputer ini mengimpor paket ini, setelah mencocokkan sidik kuncinya dengan kantor pengirim lewat telepon.</source>
        <translation>This package is from %s, signed with a key that is not trusted on this computer yet.

Key fingerprint: %s

Only an admin may trust a new key. Ask this computer&apos;s admin to import this package after comparing the key fingerprint with the sending office by phone.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="688"/>
        <source>Paket belum diimpor: kunci pengirim belum dipercaya. Data tidak diubah.</source>
        <translation>Package not imported: the sender&apos;s key is not trusted yet. The data was not changed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="697"/>
        <source>Paket tidak diimpor. Cocokkan dulu sidik kuncinya dengan kantor pengirim lewat telepon, lalu impor lagi.</source>
        <translation>Package not imported. First compare the key fingerprint with the sending office by phone, then import again.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="709"/>
        <source>Paket ini dari &lt;b&gt;%s&lt;/b&gt;, bertanda tangan kunci yang belum dikenal komputer ini.&lt;br&gt;&lt;br&gt;Sidik kunci pengirim:&lt;br&gt;&lt;span style=&apos;font-size: 15pt; font-family: monospace;&apos;&gt;&lt;b&gt;%s&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;br&gt;Sudah Anda cocokkan sidik kunci ini dengan kantor pengirim lewat telepon?</source>
        <translation>This package is from &lt;b&gt;%s&lt;/b&gt;, signed with a key this computer does not know yet.&lt;br&gt;&lt;br&gt;Sender&apos;s key fingerprint:&lt;br&gt;&lt;span style=&apos;font-size: 15pt; font-family: monospace;&apos;&gt;&lt;b&gt;%s&lt;/b&gt;&lt;/span&gt;&lt;br&gt;&lt;br&gt;Have you compared this fingerprint with the sending office by phone?</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="718"/>
        <source>Bila sama persis, kunci ini dipercaya dan paketnya diimpor. Bila belum, telepon kantor pengirim dan minta mereka membacakan sidik kunci dari menu Dokumen › Kunci tanda tangan kantor. Jangan impor bila sidiknya berbeda.</source>
        <translation>If it is exactly the same, this key is trusted and the package imported. If not yet, phone the sending office and ask them to read out the key fingerprint from the menu Documents › Office signing key. Do not import if the fingerprint differs.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="724"/>
        <source>&amp;Ya, sudah cocok — percayai dan impor</source>
        <translation>&amp;Yes, it matches — trust and import</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="726"/>
        <source>&amp;Belum</source>
        <translation>&amp;Not yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="736"/>
        <source>Paket dari %s (sidik kunci %s).</source>
        <translation>Package from %s (key fingerprint %s).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="739"/>
        <source>Kunci pengirim sekarang dipercaya di komputer ini.</source>
        <translation>The sender&apos;s key is now trusted on this computer.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="743"/>
        <source>Paket ini sudah pernah diimpor (%s); tidak ada yang berubah.</source>
        <translation>This package was already imported (%s); nothing changed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="754"/>
        <source>Paket ini berisi data pribadi lengkap. Sekarang hapus berkasnya dari flashdisk atau HP (dan dari unduhan WhatsApp).</source>
        <translation>This package contains full personal data. Now delete the file from the USB stick or phone (and from WhatsApp downloads).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="788"/>
        <source>tersimpan; kosongkan bila tidak diubah</source>
        <translation>saved; leave empty if unchanged</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="837"/>
        <source>Tulis alamat lengkap, diawali https:// (mis. https://server/sp_data).</source>
        <translation>Write the full address, starting with https:// (e.g. https://server/sp_data).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="849"/>
        <source>Alamat http:// tidak terenkripsi: kata sandi server serta NIK dan No KK yang dikirim bisa dibaca siapa pun di jaringan. Pakai alamat https://. (http:// hanya untuk server uji di komputer ini atau di jaringan kantor, mis. http://192.168.1.10:5984/...)</source>
        <translation>An http:// address is not encrypted: the server password and the NIK and No KK sent can be read by anyone on the network. Use an https:// address. (http:// is only for a test server on this computer or on the office network, e.g. http://192.168.1.10:5984/...)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="859"/>
        <source>Alamat http:// tidak terenkripsi: kata sandi serta NIK dan No KK terkirim tanpa perlindungan. Hanya untuk server uji di komputer ini atau di jaringan kantor.</source>
        <translation>An http:// address is not encrypted: the password and the NIK and No KK are sent without protection. Only for a test server on this computer or on the office network.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="873"/>
        <source>Sambungan tidak terenkripsi</source>
        <translation>Unencrypted connection</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="876"/>
        <source>%s memakai http://, bukan https://.

Kata sandi server serta NIK dan No KK keluarga akan terkirim tanpa enkripsi: siapa pun di jaringan yang sama bisa membacanya. Pakai hanya untuk server uji di komputer ini atau jaringan kantor yang tertutup.</source>
        <translation>%s uses http://, not https://.

The server password and the families&apos; NIK and No KK will be sent without encryption: anyone on the same network can read them. Use it only for a test server on this computer or a closed office network.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="883"/>
        <source>Tetap pakai http://</source>
        <translation>Keep using http://</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="884"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="905"/>
        <source>Pengaturan server disimpan.</source>
        <translation>Server settings saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="913"/>
        <source>Hapus pengaturan server</source>
        <translation>Clear server settings</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="915"/>
        <source>Hapus alamat, nama pengguna dan kata sandi server dari komputer ini? Data rumah tangga tidak terhapus.</source>
        <translation>Remove the server address, user name and password from this computer? Household data is not deleted.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="924"/>
        <source>Pengaturan server dihapus.</source>
        <translation>Server settings cleared.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="966"/>
        <source>Sambungan berhasil; pengaturan server disimpan.</source>
        <translation>Connected; server settings saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="978"/>
        <source>Sinkron dengan %s…</source>
        <translation>Syncing with %s…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="980"/>
        <source>Sinkron dihentikan. Yang sudah terkirim atau diterima tetap tersimpan; sinkron berikutnya melanjutkan dari situ.</source>
        <translation>Sync stopped. What was already sent or received stays saved; the next sync continues from there.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="988"/>
        <source>Pengaturan server tidak disimpan karena sambungan gagal.</source>
        <translation>Server settings not saved because the connection failed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/sync/sync_dialog.py" line="994"/>
        <source>Sinkron selesai.</source>
        <translation>Sync finished.</translation>
    </message>
</context>
<context>
    <name>TargetEditor</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="127"/>
        <source>Target OPD yang dipilih</source>
        <translation>Target of the selected agencies</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="131"/>
        <source>Persentase ASN yang sudah mengisi SP Online</source>
        <translation>Percentage of ASN who completed SP Online</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="133"/>
        <source>Target kelurahan/desa</source>
        <translation>Kelurahan/village target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="135"/>
        <source> rumah tangga</source>
        <translation> households</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="137"/>
        <source>Jumlah rumah tangga yang berhasil didampingi</source>
        <translation>Number of households successfully assisted</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="139"/>
        <source>Tanpa &amp;batas waktu</source>
        <translation>&amp;No deadline</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="141"/>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="160"/>
        <source>&amp;Simpan target</source>
        <translation>&amp;Save target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="163"/>
        <source>Ke&amp;mbalikan ke bawaan (%s%%)</source>
        <translation>Reset to de&amp;fault (%s%%)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="166"/>
        <source>&amp;Hapus target</source>
        <translation>&amp;Remove target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="185"/>
        <source>Ke&amp;lurahan/desa</source>
        <translation>Kelurahan/&amp;village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="186"/>
        <source>T&amp;arget</source>
        <translation>T&amp;arget</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="189"/>
        <source>Batas &amp;waktu</source>
        <translation>&amp;Deadline</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="251"/>
        <source>Target</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="263"/>
        <source>Target OPD: persentase ASN yang sudah mengisi SP Online (bawaan %s%%, tampak abu-abu). Target kelurahan/desa: jumlah rumah tangga yang berhasil didampingi. Pilih satu atau beberapa baris, isi target dan batas waktunya, lalu Simpan.</source>
        <translation>Agency (OPD) target: percentage of ASN who completed SP Online (default %s%%, shown in grey). Kelurahan/village target: number of households successfully assisted. Select one or more rows, fill in the target and its deadline, then Save.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="278"/>
        <source>&amp;OPD</source>
        <translation>Agency (&amp;OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="286"/>
        <source>Pilih baris di atas, atau ketik nama kelurahan/desa lain untuk menambahnya</source>
        <translation>Select a row above, or type the name of another kelurahan/village to add it</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="292"/>
        <source>&amp;Kelurahan/desa</source>
        <translation>&amp;Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="301"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="411"/>
        <source>Pilih OPD pada tabel di atas (Ctrl atau Shift: beberapa).</source>
        <translation>Select agencies in the table above (Ctrl or Shift: several).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="417"/>
        <source>%s OPD dipilih: target di bawah berlaku untuk semuanya.</source>
        <translation>%s agencies selected: the target below applies to all of them.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="428"/>
        <source>Pilih kelurahan/desa pada tabel, atau ketik nama kelurahan/desa lain untuk menambahkan targetnya.</source>
        <translation>Select a kelurahan/village in the table, or type the name of another kelurahan/village to add its target.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="473"/>
        <source>Pilih OPD-nya dulu pada tabel.</source>
        <translation>Select the agency in the table first.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="484"/>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="498"/>
        <source>%s OPD</source>
        <translation>%s agencies</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="485"/>
        <source>Target %s disimpan: %s%%%s.</source>
        <translation>Target %s saved: %s%%%s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="499"/>
        <source>Target %s kembali ke bawaan (%s%%).</source>
        <translation>Target %s back to default (%s%%).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="522"/>
        <source>Target %s disimpan: %s rumah tangga berhasil%s.</source>
        <translation>Target %s saved: %s completed households%s.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="542"/>
        <source>Pilih kelurahan/desa yang targetnya dihapus.</source>
        <translation>Select the kelurahan/village whose target to remove.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="549"/>
        <source>Target %s dihapus.</source>
        <translation>Target %s removed.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="553"/>
        <source>, batas waktu %s</source>
        <translation>, deadline %s</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="69"/>
        <source>OPD</source>
        <translation>Agency (OPD)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="69"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="69"/>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="75"/>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="72"/>
        <source>Kelurahan/desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="73"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="74"/>
        <source>Target berhasil</source>
        <translation>Completed target</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="96"/>
        <source>%s%% (bawaan)</source>
        <translation>%s%% (default)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="99"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="100"/>
        <source>%s rumah tangga</source>
        <translation>%s households</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/monitoring/targets_dialog.py" line="102"/>
        <source>tanpa batas waktu</source>
        <translation>no deadline</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="77"/>
        <source>Bata&amp;l</source>
        <translation>Cance&amp;l</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="120"/>
        <source>Sedang dikerjakan…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="149"/>
        <source>Terjadi kesalahan program; tidak ada yang disimpan.</source>
        <translation>A program error occurred; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="158"/>
        <source>Dibatalkan; tidak ada yang disimpan.</source>
        <translation>Cancelled; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/task_panel.py" line="190"/>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>TrustedKeyModel</name>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="101"/>
        <source>Sidik kunci</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="102"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="103"/>
        <source>Kelurahan/desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="104"/>
        <source>Ditambahkan</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="115"/>
        <source>oleh %s</source>
        <translation>by %s</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/accounts/keys_dialog.py" line="126"/>
        <source>kantor ini</source>
        <translation>this office</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="56"/>
        <source>Periksa keaslian dokumen</source>
        <translation>Verify document</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="64"/>
        <source>Periksa bukti pendampingan, rekapitulasi atau paket serah terima dari SP Desktop. Dokumen kantor lain hanya bisa diperiksa bila kunci kantor itu sudah diimpor (menu Dokumen › Kunci tanda tangan kantor).</source>
        <translation>Verify an assistance proof, recap or handover package from SP Desktop. Documents from other offices can only be verified once that office&apos;s key has been imported (menu Documents › Office signing key).</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="73"/>
        <source>Pindai QR ke sini, tempel teksnya (SP1:…), atau ketik kode ABCD-EFGH-JKLM</source>
        <translation>Scan the QR here, paste its text (SP1:…), or type the code ABCD-EFGH-JKLM</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="77"/>
        <source>&amp;Teks QR atau kode verifikasi:</source>
        <translation>&amp;QR text or verification code:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="79"/>
        <source>&amp;Periksa</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="86"/>
        <source>Pilih &amp;berkas (PDF atau zip)…</source>
        <translation>Choose &amp;file (PDF or zip)…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="89"/>
        <source>Pilih &amp;folder paket…</source>
        <translation>Choose package f&amp;older…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="93"/>
        <source>Atau periksa berkas:</source>
        <translation>Or verify a file:</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="127"/>
        <source>T&amp;utup</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="155"/>
        <source>Pilih dokumen yang akan diperiksa</source>
        <translation>Choose the document to verify</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="157"/>
        <source>Dokumen SP Desktop (*.pdf *.zip);;Semua berkas (*)</source>
        <translation>SP Desktop documents (*.pdf *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="164"/>
        <source>Pilih folder paket serah terima</source>
        <translation>Choose the handover package folder</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="208"/>
        <source>Memeriksa…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/documents/verify_dialog.py" line="209"/>
        <source>Pemeriksaan dibatalkan.</source>
        <translation>Verification cancelled.</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="29"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="30"/>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="31"/>
        <source>Bukti</source>
        <translation>Proof</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="32"/>
        <source>Alasan / catatan</source>
        <translation>Reason / notes</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="33"/>
        <source>Petugas</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="34"/>
        <source>Kunjungan ulang</source>
        <translation>Revisit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="75"/>
        <source>%n berkas bukti pengisian terlampir</source>
        <translation>
            <numerusform>%n proof of completion file attached</numerusform>
            <numerusform>%n proof of completion files attached</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="77"/>
        <source>Belum ada bukti pengisian terlampir</source>
        <translation>No proof of completion attached yet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../sp_desktop/ui/households/visit_model.py" line="83"/>
        <source>%n berkas</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_RecordTab</name>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="49"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="51"/>
        <source>&amp;Tambah baru</source>
        <translation>A&amp;dd new</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="113"/>
        <source>Belum tersimpan: perbaiki isian yang ditandai.</source>
        <translation>Not saved yet: correct the marked fields.</translation>
    </message>
    <message>
        <location filename="../../sp_desktop/ui/households/people_dialog.py" line="119"/>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
</TS>
