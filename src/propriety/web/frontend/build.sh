#!/usr/bin/env bash
# Compiles GOV.UK Frontend (brand off: no crown, no GDS Transport, our own
# colours) into ../static/vendor/govuk/. The output is committed, so only
# people changing the look need Node; running Propriety never does.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../static/vendor/govuk"
cd "$HERE"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
mkdir -p "$OUT"
npx sass --pkg-importer=node --style=compressed --no-source-map \
  propriety.scss "$OUT/propriety.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$OUT/govuk-frontend.min.js"
echo "govuk-frontend $(node -p 'require("govuk-frontend/package.json").version')" > "$OUT/VERSION"
echo "Built $OUT"
