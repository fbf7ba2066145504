#!/usr/bin/env bash
# Re-vendor Digdir's Designsystemet CSS into src/Samstyring.Web/wwwroot/lib/designsystemet/.
#
#   bash scripts/update-designsystemet.sh
#
# Versions come from src/Samstyring.Web/package.json (exact pins). To upgrade: edit the pins
# there (see `npm view @digdir/designsystemet-css version`), run this script, check the result
# in a browser, and update the version table in wwwroot/lib/designsystemet/README.md.
# npm is only needed when running this script; the app itself needs just the .NET SDK.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
WEB=src/Samstyring.Web
DEST="$WEB/wwwroot/lib/designsystemet"
THEME="${DESIGNSYSTEMET_THEME:-digdir}"   # brand theme from @digdir/designsystemet-theme/brand/

command -v npm >/dev/null || { echo "npm is required to update the vendored CSS" >&2; exit 1; }

TMP="$(mktemp -d /tmp/designsystemet.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
cp "$WEB/package.json" "$TMP/package.json"
( cd "$TMP" && npm install --no-audit --no-fund --ignore-scripts --no-package-lock --loglevel=error )

CSS_PKG="$TMP/node_modules/@digdir/designsystemet-css"
THEME_PKG="$TMP/node_modules/@digdir/designsystemet-theme"
CSS_VER="$(node -p "require('$CSS_PKG/package.json').version")"
THEME_VER="$(node -p "require('$THEME_PKG/package.json').version")"
[ -f "$THEME_PKG/brand/$THEME.css" ] || { echo "theme '$THEME' not found in $THEME_PKG/brand" >&2; exit 1; }

mkdir -p "$DEST"
cp "$CSS_PKG/dist/src/index.css" "$DEST/index.css"
cp "$CSS_PKG/LICENSE" "$DEST/LICENSE-designsystemet-css"
cp "$THEME_PKG/LICENSE" "$DEST/LICENSE-designsystemet-theme"

# The theme names the fonts without fallbacks ("Inter", "IBM Plex Mono") and expects them to be
# loaded from a font CDN. Our CSP is 'self' only and we ship no web fonts, so give the font
# stacks system fallbacks: Inter is used if installed locally, otherwise system-ui.
{
  printf '@charset "UTF-8";\n/* @digdir/designsystemet-theme %s, brand/%s.css; font stacks given system fallbacks by scripts/update-designsystemet.sh */\n' "$THEME_VER" "$THEME"
  sed -E \
    -e '/^@charset/d' \
    -e 's/--ds-font-family: *Inter *;/--ds-font-family: Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;/' \
    -e 's/--ds-font-family: *IBM Plex Mono *;/--ds-font-family: "IBM Plex Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;/' \
    "$THEME_PKG/brand/$THEME.css"
} > "$DEST/theme-$THEME.css"

# Nothing may be fetched from elsewhere at run time: no @import, no url() other than data: URIs.
bad=0
for f in "$DEST/index.css" "$DEST/theme-$THEME.css"; do
  if grep -Eq '@import|@font-face' "$f"; then echo "error: $f has @import/@font-face" >&2; bad=1; fi
  if grep -Eo 'url\([^)]*' "$f" | grep -Ev "^url\(['\"]?data:" | grep -q .; then
    echo "error: $f references a non-data: url()" >&2; bad=1
  fi
  if grep -Eq -- '--ds-font-family: *(Inter|IBM Plex Mono) *;' "$f"; then
    echo "error: font fallback patch did not apply in $f" >&2; bad=1
  fi
done
[ "$bad" -eq 0 ] || exit 1

echo "Vendored @digdir/designsystemet-css $CSS_VER and @digdir/designsystemet-theme $THEME_VER (theme $THEME) into $DEST:"
ls -l "$DEST"
echo "Remember to update the versions in $DEST/README.md."
