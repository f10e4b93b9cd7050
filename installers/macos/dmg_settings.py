# dmgbuild settings for SellerDesk-<version>.dmg (run by installers/macos/build.sh):
#   dmgbuild -s installers/macos/dmg_settings.py -D app=dist/SellerDesk.app \
#            -D icon=resources/icons/sellerdesk.icns SellerDesk dist/SellerDesk-X.Y.Z.dmg
# The window shows the app beside an Applications link: drag one onto the other.
import os.path

defines = globals().get("defines", {})  # given by dmgbuild
application = defines.get("app", "dist/SellerDesk.app")
appname = os.path.basename(application)

format = "UDZO"
filesystem = "HFS+"
size = None  # dmgbuild measures the files
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = defines.get("icon", "resources/icons/sellerdesk.icns")
icon_locations = {appname: (150, 130), "Applications": (490, 130)}
background = "builtin-arrow"
window_rect = ((200, 120), (640, 300))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
icon_size = 128
text_size = 13
