#!/bin/sh
# Installs what the startup scenario needs to measure the GUI's cold start on a virtual display
# (Debian/Ubuntu): the Xvfb server and the GTK 3 library JavaFX's glass toolkit loads.
set -eu
if command -v Xvfb >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q libgtk-3.so.0; then
    echo "Xvfb and GTK 3 are already installed."
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q xvfb libgtk-3-0
