#!/usr/bin/env bash
# Set up dossier on a fresh Debian/Ubuntu machine, then build the example dossier.
#   scripts/setup.sh                     # system packages + dossier + example build
#   scripts/setup.sh --with-libreoffice  # also LibreOffice, the optional second PDF engine
#   scripts/setup.sh --no-example        # install only (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

with_lo=0; example=1
for arg in "$@"; do
  case "$arg" in
    --with-libreoffice) with_lo=1 ;;
    --no-example) example=0 ;;
    *) echo "未知参数：$arg" >&2; exit 2 ;;
  esac
done

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
# Fonts and the libraries WeasyPrint needs: Pango for layout, harfbuzz-subset to embed CJK
# subsets in 0.3 s instead of 9 s; poppler-utils for pdftotext/pdffonts/pdftoppm in tests.
packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig poppler-utils python3-pip)
[ "$with_lo" -eq 1 ] && packages+=(libreoffice-writer-nogui)
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

python3 -m pip install -q --upgrade pip >/dev/null 2>&1 || true
python3 -m pip install -q -e ".[dev]"

if [ "$example" -eq 1 ]; then
  dossier build examples/llm-filing/profile.yaml -o out/llm-filing
  echo "示例材料已生成：out/llm-filing/（完整性报告：out/llm-filing/完整性报告.html）"
fi
