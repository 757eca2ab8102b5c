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
packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig poppler-utils)
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip python3-venv)
[ "$with_lo" -eq 1 ] && packages+=(libreoffice-writer-nogui)
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

# A system Python that forbids pip installs (PEP 668, Debian 12 / Ubuntu 23.04+) gets a
# project venv in .venv; scripts/test.sh uses it automatically.
if python3 -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["stdlib"], "EXTERNALLY-MANAGED")) else 1)'; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  export PATH="$PWD/.venv/bin:$PATH"
  echo "已在 .venv 中安装；使用前运行：source .venv/bin/activate"
fi
python3 -m pip install -q -e ".[dev]"

if [ "$example" -eq 1 ]; then
  dossier build examples/llm-filing/profile.yaml -o out/llm-filing
  echo "示例材料已生成：out/llm-filing/（完整性报告：out/llm-filing/完整性报告.html）"
fi
