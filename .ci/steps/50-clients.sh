#!/bin/bash
# 50-clients.sh -- the translator files of `pisar prep` as real clients see them.
# For every input in fixtures/prep/ (named <lang>-<encoding>.txt) and every XML
# format, write the file with build/pisar and run the shared client-check.sh on
# it: offline schema validation (XLIFF 1.2 strict XSD, XLIFF 2.1 core XSD, TMX
# 1.4b DTD), structure and counts, Translate Toolkit, XML::TMX, OmegaT.
# The expected counts come from the same pipeline's plain-text output
# (sentences = non-empty lines, paragraphs = blocks). Then each pair of
# fixtures/align/ through pisar align as TMX, the same way.
set -euo pipefail
cd "$(dirname "$0")/../.."
pisar=build/pisar
[ -x "$pisar" ] || { echo "50-clients: $pisar not built" >&2; exit 1; }
shared=""
for d in "${PISAR_SHARED:-}" ../shared ../../shared; do
  [ -n "$d" ] && [ -x "$d/tools/client-check.sh" ] && { shared=$d; break; }
done
[ -n "$shared" ] || { echo "50-clients: shared/tools/client-check.sh not found (set PISAR_SHARED)" >&2; exit 1; }

need=""
command -v xmllint >/dev/null || need="$need libxml2-utils"
command -v msgfmt >/dev/null || need="$need gettext"
command -v pocount >/dev/null || need="$need translate-toolkit"
command -v omegat >/dev/null || need="$need omegat"
perl -MXML::TMX::Reader -e 1 2>/dev/null || need="$need libxml-tmx-perl"
if [ -n "$need" ]; then
  echo "50-clients: installing$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
for in in fixtures/prep/*.txt; do
  b=$(basename "$in" .txt)
  lang=${b%%-*}; enc=${b#*-}
  tl=en; [ "$lang" = en ] && tl=ru
  args=(--lang "$lang" --from "$enc" --target-lang "$tl")
  "$pisar" prep "${args[@]}" -f txt "$in" > "$work/$b.txt"
  nseg=$(grep -c . "$work/$b.txt" || true)
  npar=$(awk 'BEGIN{RS=""} END{print NR}' "$work/$b.txt")
  # PO: gettext's own checker, and Translate Toolkit's count
  "$pisar" prep "${args[@]}" -f po "$in" > "$work/$b.po"
  npo=$(pocount --csv "$work/$b.po" 2>/dev/null | awk -F', *' 'NR==2 {print $9+0}')
  if msgfmt --check -o /dev/null "$work/$b.po" 2>"$work/log" && [ "$npo" = "$nseg" ]; then
    echo "ok: $in as po (msgfmt --check; pocount $npo messages)"
  else
    echo "FAIL: $in as po (pocount $npo, expected $nseg)"; cat "$work/log"; fail=1
  fi
  for f in xliff xliff-segsource xliff2 tmx; do
    case $f in
      xliff) units=$nseg; ext=xlf ;;
      tmx) units=$nseg; ext=tmx ;;
      *) units=$npar; ext=xlf ;;
    esac
    out="$work/$b.$f.$ext"
    "$pisar" prep "${args[@]}" -f "$f" -o "$out" "$in"
    # OmegaT takes a while to start: run it on XLIFF 1.2 and TMX only
    om=--no-omegat; case $f in xliff|tmx) om= ;; esac
    if ! "$shared/tools/client-check.sh" $om "$out" "$nseg" "$units" > "$work/log" 2>&1; then
      echo "FAIL: $in as $f"; cat "$work/log"; fail=1
    else
      echo "ok: $in as $f ($nseg segments, $units units): $(tail -1 "$work/log")"
    fi
  done
done
# pisar align's translation memories: one <tu> per link
for d in fixtures/align/*/; do
  [ -f "$d/source.txt" ] || continue # fixtures/align/udhr/ holds pairs a level down
  p=$(basename "$d")
  out="$work/align-$p.tmx"
  "$pisar" align --source-lang "${p%%-*}" --target-lang "${p#*-}" -o "$out" "$d/source.txt" "$d/target.txt"
  "$pisar" align -f links "$d/source.txt" "$d/target.txt" > "$work/links"
  n=$(grep -c -v -P '^\t|\t$' "$work/links")   # TMX keeps two-sided links only
  if ! "$shared/tools/client-check.sh" "$out" "$n" > "$work/log" 2>&1; then
    echo "FAIL: pisar align $d as tmx"; cat "$work/log"; fail=1
  else
    echo "ok: pisar align $d as tmx ($n links): $(tail -1 "$work/log")"
  fi
done
exit $fail
