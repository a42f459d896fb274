#!/usr/bin/env bash
# Render the example reports (a fictional agency, both form editions) from examples/data/
# into examples/reports/ with `xxgk render`. The README's quick start parses these files.
# PDF needs LibreOffice (scripts/setup installs it).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p reports
for edition in 2019 2021; do
  for to in docx html pdf md txt; do
    xxgk render "data/example-$edition.yaml" --to "$to" -o "reports/example-$edition.$to"
  done
done
mkdir -p templates
xxgk template --edition 2021 -o templates/template-2021.xlsx
xxgk template --edition 2019 -o templates/template-2019.xlsx
