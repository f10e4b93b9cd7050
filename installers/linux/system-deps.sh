#!/usr/bin/env bash
# The system libraries the Linux bundle and its smoke test need on a bare Debian/Ubuntu (Qt's
# xcb/EGL/fontconfig dependencies, a CJK font, curl for the platform check). Needs root or sudo.
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-image0
  libxcb-render-util0 libfontconfig1 libdbus-1-3 fonts-noto-cjk curl binutils)
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
