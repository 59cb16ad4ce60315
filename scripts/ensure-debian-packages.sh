#!/usr/bin/env bash
# Installs the Debian packages named as arguments when any is missing; a no-op otherwise.
# Exits non-zero with a plain message when a package cannot be installed.
set -euo pipefail
missing=()
for pkg in "$@"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "aiguillage: paquets Debian à installer : ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  sudo=""; command -v sudo >/dev/null && sudo="sudo"
  [[ -n "$sudo" ]] || { echo "aiguillage: installez-les en root : apt-get install ${missing[*]}" >&2; exit 1; }
else
  sudo=""
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/aiguillage-apt.log 2>&1; then
  echo "aiguillage: échec de l'installation de ${missing[*]} (journal : /tmp/aiguillage-apt.log)" >&2
  tail -5 /tmp/aiguillage-apt.log >&2
  exit 1
fi
echo "aiguillage: installés : ${missing[*]}"
