; SP Desktop installer for Windows 10/11 (NSIS 3, Modern UI 2, Unicode).
;
;   makensis -DAPPDIR=dist\sp-desktop -DOUTFILE=SP-Desktop-0.2.0-setup.exe -DVERSION=0.2.0
;            [-DICON=build\icons\sp-desktop.ico] [-DLICENSE=LICENSE] [-DNOTICES=...]
;            [-DLICENCES=build\licences]   (packaging/list_licences.py --collect: installed
;                                          as "licences", each package's own licence files)
;            packaging\windows\sp-desktop.nsi
;
; APPDIR is PyInstaller's onedir (packaging/sp-desktop.spec): "SP Desktop.exe" (windowed),
; "sp-desktop.exe" (console) and _internal\. Per user, no administrator rights: the program
; goes to %LOCALAPPDATA%\Programs\SP Desktop and its uninstall entry to HKCU.
;
; Data is never touched by the uninstaller: neither %LOCALAPPDATA%\sp-desktop nor the shared
; folder C:\ProgramData\sp-desktop (tests/integration/test_installer.py checks there is no RMDir of them).
; The app uses the shared folder if and only if folder-bersama.txt exists in it
; (sp_desktop/core/data_folder.py); only this installer writes that file.
;
; makensis runs in this script's folder (unless /NOCD): give APPDIR and OUTFILE as absolute
; paths. Silent install: /S (shared folder as the page's default); the uninstaller takes /S.

Unicode true
; Compile-time paths use "/": makensis accepts it on Windows, and needs it on Linux.
; x86 stubs: the official NSIS builds (CI's choco package) ship no amd64 ones; a 32-bit
; installer runs on every 64-bit Windows and installs the 64-bit program unchanged.
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!ifndef APPDIR
  !error "Give the PyInstaller onedir folder: makensis -DAPPDIR=dist\sp-desktop ..."
!endif
!ifndef VERSION
  !error "Give the version: makensis -DVERSION=0.2.0 ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "SP-Desktop-${VERSION}-setup.exe"
!endif
; makensis works in the script's folder unless given /NOCD, so ${__FILEDIR__} as typed on
; the command line ("packaging/windows") may not resolve from there: fall back to ".".
!define HERE "${__FILEDIR__}"
!if /FileExists "${__FILEDIR__}/sp-desktop.nsi"
!else
  !undef HERE
  !define HERE "."
!endif
!ifndef ICON
  !define ICON "${HERE}/../../build/icons/sp-desktop.ico"
!endif
!ifndef LICENSE
  !define LICENSE "${HERE}/../../LICENSE"
!endif
!ifndef NOTICES
  !define NOTICES "${HERE}/../../THIRD-PARTY-NOTICES.md"
!endif

!define APP_NAME "SP Desktop"
!define APP_EXE "SP Desktop.exe"
!define CLI_EXE "sp-desktop.exe"
!define UNINSTALLER "Uninstall SP Desktop.exe"
!define PUBLISHER "SP Desktop contributors"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SP Desktop"
!define SHARED_MARKER "folder-bersama.txt"
; Built-in Users group by SID: its name is localised ("Pengguna", "Benutzer"...).
!define USERS_SID "*S-1-5-32-545"

!if /FileExists "${APPDIR}/${APP_EXE}"
!else
  !error "${APPDIR}\${APP_EXE} not found: build the onedir on Windows first (pyinstaller packaging\sp-desktop.spec)"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "nsDialogs.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Apache License 2.0"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"

Var SharedDir      ; C:\ProgramData\sp-desktop (%ProgramData% of this PC)
Var SharedChoice   ; 1: use the shared folder
Var SharedInUse    ; 1: the marker is there already (another account chose it)
Var OwnData        ; 1: this Windows account already has data in its own folder
Var SharedCheckbox

; ---------------------------------------------------------------- interface
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; Remember the language for the uninstaller, inside our own uninstall key (removed with it).
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Installer Language"
!define MUI_LANGDLL_WINDOWTITLE "${APP_NAME}"
!define MUI_LANGDLL_INFO "Pilih bahasa / Choose a language"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE}"
Page custom SharedPageCreate SharedPageLeave
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UnKeepsData)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default: Indonesian, the app's own language.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---------------------------------------------------------------- our strings, both languages
LangString SharedTitle ${LANG_INDONESIAN} "Folder data bersama"
LangString SharedTitle ${LANG_ENGLISH} "Shared data folder"
LangString SharedSubtitle ${LANG_INDONESIAN} "Satu data untuk semua akun Windows di komputer ini."
LangString SharedSubtitle ${LANG_ENGLISH} "One set of data for every Windows account on this PC."
LangString SharedExplain ${LANG_INDONESIAN} "Bila beberapa petugas memakai komputer ini dengan akun Windows masing-masing, pilih folder bersama: semua akun membuka data kantor yang sama di $SharedDir. Data tetap terenkripsi, dan setiap petugas tetap masuk dengan akun SP Desktop-nya sendiri.$\r$\n$\r$\nTanpa folder bersama, setiap akun Windows menyimpan datanya sendiri di %LOCALAPPDATA%\sp-desktop."
LangString SharedExplain ${LANG_ENGLISH} "If several helpers use this PC with their own Windows accounts, choose the shared folder: every account opens the same office data in $SharedDir. The data stays encrypted, and each helper still signs in with their own SP Desktop account.$\r$\n$\r$\nWithout the shared folder, each Windows account keeps its own data in %LOCALAPPDATA%\sp-desktop."
LangString SharedCheck ${LANG_INDONESIAN} "Pakai folder data bersama untuk semua akun Windows di komputer ini"
LangString SharedCheck ${LANG_ENGLISH} "Use a shared data folder for every Windows account on this PC"
LangString SharedInUseNote ${LANG_INDONESIAN} "Folder bersama sudah dipakai di komputer ini (dipilih saat pemasangan sebelumnya). SP Desktop akan membuka data di sana. Untuk berhenti memakainya, administrator komputer dapat menghapus $SharedDir\${SHARED_MARKER}; data tidak ikut terhapus."
LangString SharedInUseNote ${LANG_ENGLISH} "The shared folder is already in use on this PC (chosen at an earlier installation). SP Desktop will open the data there. To stop using it, the PC's administrator can delete $SharedDir\${SHARED_MARKER}; no data is deleted with it."
LangString OwnDataNote ${LANG_INDONESIAN} "Akun Windows ini sudah punya data SP Desktop di %LOCALAPPDATA%\sp-desktop, jadi folder bersama tidak dipilih. Bila dipilih, data itu tidak hilang tetapi tidak dibuka lagi: pindahkan dulu dengan Data › Buat cadangan lalu Pulihkan dari cadangan."
LangString OwnDataNote ${LANG_ENGLISH} "This Windows account already has SP Desktop data in %LOCALAPPDATA%\sp-desktop, so the shared folder is not chosen. If you choose it, that data is not lost but no longer opened: move it first with a backup and a restore (Data menu)."
LangString SharedFailed ${LANG_INDONESIAN} "Folder data bersama $SharedDir tidak dapat disiapkan, jadi SP Desktop memakai folder data akun ini sendiri.$\r$\n$\r$\nMinta administrator komputer menjalankan perintah ini, lalu pasang ulang SP Desktop:$\r$\nicacls $\"$SharedDir$\" /grant *S-1-5-32-545:(OI)(CI)M"
LangString SharedFailed ${LANG_ENGLISH} "The shared data folder $SharedDir could not be prepared, so SP Desktop uses this account's own data folder.$\r$\n$\r$\nAsk the PC's administrator to run this command, then install SP Desktop again:$\r$\nicacls $\"$SharedDir$\" /grant *S-1-5-32-545:(OI)(CI)M"
LangString UnKeepsData ${LANG_INDONESIAN} "Program SP Desktop dan pintasannya akan dihapus. DATA TIDAK DIHAPUS: folder data akun ini (%LOCALAPPDATA%\sp-desktop), folder data bersama (C:\ProgramData\sp-desktop) dan cadangan tetap ada, dan terbuka lagi bila SP Desktop dipasang kembali. Hapus sendiri hanya bila data itu memang tidak diperlukan lagi."
LangString UnKeepsData ${LANG_ENGLISH} "The SP Desktop program and its shortcuts will be removed. DATA IS NOT DELETED: this account's data folder (%LOCALAPPDATA%\sp-desktop), the shared data folder (C:\ProgramData\sp-desktop) and backups stay, and open again when SP Desktop is reinstalled. Delete them yourself only if the data is really no longer needed."

; ---------------------------------------------------------------- install
Function .onInit
  ; Indonesian unless this PC remembered another choice.
  StrCpy $LANGUAGE ${LANG_INDONESIAN}
  !insertmacro MUI_LANGDLL_DISPLAY

  ; %ProgramData% is $APPDATA in the all-users context; platformdirs' site_data_dir agrees.
  SetShellVarContext all
  StrCpy $SharedDir "$APPDATA\sp-desktop"
  SetShellVarContext current

  ; Default: shared, because offices share PCs between Windows accounts; not when this
  ; account already has data of its own, which the shared folder would hide.
  StrCpy $SharedChoice 1
  StrCpy $SharedInUse 0
  StrCpy $OwnData 0
  ${If} ${FileExists} "$SharedDir\${SHARED_MARKER}"
    StrCpy $SharedInUse 1
  ${ElseIf} ${FileExists} "$LOCALAPPDATA\sp-desktop\sp-desktop.sqlite3"
    StrCpy $OwnData 1
    StrCpy $SharedChoice 0
  ${EndIf}
FunctionEnd

Function SharedPageCreate
  !insertmacro MUI_HEADER_TEXT "$(SharedTitle)" "$(SharedSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 64u "$(SharedExplain)"
  Pop $0
  ${NSD_CreateCheckbox} 0 70u 100% 12u "$(SharedCheck)"
  Pop $SharedCheckbox
  ${If} $SharedChoice == 1
    ${NSD_Check} $SharedCheckbox
  ${EndIf}
  ${If} $SharedInUse == 1
    ; The app follows the marker whatever this page says, and removing another account's
    ; choice is not ours to do: checked and fixed.
    ${NSD_Check} $SharedCheckbox
    EnableWindow $SharedCheckbox 0
    ${NSD_CreateLabel} 0 90u 100% 48u "$(SharedInUseNote)"
    Pop $0
  ${ElseIf} $OwnData == 1
    ${NSD_CreateLabel} 0 90u 100% 48u "$(OwnDataNote)"
    Pop $0
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function SharedPageLeave
  ${NSD_GetState} $SharedCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $SharedChoice 1
  ${Else}
    StrCpy $SharedChoice 0
  ${EndIf}
FunctionEnd

Section "-Program" SecProgram
  SetOutPath "$INSTDIR"
  ; An update must not keep libraries the new version no longer ships; _internal is ours.
  RMDir /r "$INSTDIR\_internal"
  File /r "${APPDIR}/*"
  File "/oname=LICENSE.txt" "${LICENSE}"
  File "/oname=THIRD-PARTY-NOTICES.md" "${NOTICES}"
  !ifdef LICENCES
    RMDir /r "$INSTDIR\licences"
    SetOutPath "$INSTDIR\licences"
    File /r "${LICENCES}/*"
    SetOutPath "$INSTDIR"
  !endif
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "-SharedFolder" SecShared
  ${If} $SharedChoice != 1
  ${OrIf} ${FileExists} "$SharedDir\${SHARED_MARKER}"
    Return
  ${EndIf}
  DetailPrint "$SharedDir"
  ClearErrors
  CreateDirectory "$SharedDir"
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(SharedFailed)" /SD IDOK
    Return
  ${EndIf}
  ; Under ProgramData a non-administrator may create a folder and, as its owner, open it
  ; to the Users group; (OI)(CI) passes Modify on to every file and folder made inside.
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$SharedDir" /grant ${USERS_SID}:(OI)(CI)M'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(SharedFailed)" /SD IDOK
    Return
  ${EndIf}
  ; The marker last: the app moves to this folder only once every account can write it.
  ClearErrors
  FileOpen $1 "$SharedDir\${SHARED_MARKER}" w
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(SharedFailed)" /SD IDOK
    Return
  ${EndIf}
  FileWrite $1 "SP Desktop - folder data bersama / shared data folder$\r$\n$\r$\n"
  FileWrite $1 "Folder ini menyimpan data SP Desktop untuk semua akun Windows di komputer ini.$\r$\n"
  FileWrite $1 "JANGAN DIHAPUS. Berkas ini membuat SP Desktop memakai folder ini; tanpa berkas ini$\r$\n"
  FileWrite $1 "setiap akun Windows kembali memakai foldernya sendiri (data di sini tetap ada).$\r$\n$\r$\n"
  FileWrite $1 "This folder holds SP Desktop's data for every Windows account on this PC.$\r$\n"
  FileWrite $1 "DO NOT DELETE. This file makes SP Desktop use this folder; without it each$\r$\n"
  FileWrite $1 "Windows account goes back to its own folder (the data here is kept).$\r$\n"
  FileClose $1
SectionEnd

; ---------------------------------------------------------------- uninstall
Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Only what the installer put in $INSTDIR, by name: never RMDir /r "$INSTDIR" (a person may
; have saved files there) and never any data folder.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.md"
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
