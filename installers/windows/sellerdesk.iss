; SellerDesk for Windows: SellerDesk-<version>-setup.exe from the PyInstaller bundle.
; Built by installers/windows/build.sh, which passes the defines below to ISCC:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\SellerDesk /DOutputDir=..\..\dist sellerdesk.iss
; Per-user install without admin rights (into %LOCALAPPDATA%\Programs\SellerDesk), a Start-menu
; entry, the sellerdesk:// link scheme (a student clicks the trainer's link), setup in Chinese or
; English. The uninstaller removes the program only: company files, backups and the log in
; %LOCALAPPDATA%\SellerDesk\SellerDesk are the user's and are kept.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (installers/windows/build.sh does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\SellerDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "SellerDesk"
#define AppExe "SellerDesk.exe"

[Setup]
AppId={{6E0C8F2A-3B71-4C55-9D2E-5A1F7B9C0D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SellerDesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
UsedUserAreasWarning=no
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\sellerdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.4 and later (build.sh checks it is there).
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh_CN.DesktopIcon=在桌面上创建快捷方式
en.DesktopIcon=Create a desktop shortcut
zh_CN.LaunchApp=启动 SellerDesk
en.LaunchApp=Start SellerDesk

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; sellerdesk:// and sellerdesks:// links open SellerDesk (per user: HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\sellerdesk"; ValueType: string; ValueName: ""; ValueData: "URL:SellerDesk connection"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\sellerdesk"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\sellerdesk\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\sellerdesk\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\sellerdesks"; ValueType: string; ValueName: ""; ValueData: "URL:SellerDesk connection (TLS)"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\sellerdesks"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\sellerdesks\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\sellerdesks\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the data folder (%LOCALAPPDATA%\SellerDesk\SellerDesk) is never touched.
