#!/bin/sh
# bench/speed/corpus.sh LANG SIZE_MB OUT -- SIZE_MB MB of varied LANG (ru, uk,
# ...) UTF-8 text built from Debian packages installed on this machine:
#
#   - the man pages of manpages-LANG (/usr/share/man/LANG/man*/*.gz, GPL and
#     other free licenses, see /usr/share/doc/manpages-LANG/copyright), with
#     the troff requests and font escapes removed, one document per page;
#   - the translated messages (msgstr) of every package's LANG catalogue
#     (/usr/share/locale/LANG/LC_MESSAGES/*.mo, each under its package's
#     license), one document per catalogue.
#
# The documents are concatenated in a shuffled order (blank line between
# documents); when the distinct text is shorter than SIZE_MB, the whole set
# is appended again in another order (seeded, so the file is the same on
# every run), never one text repeated on its own. The file is cut at a line
# end. NOEMPTY=1 drops the empty lines (a text with no paragraph breaks).
# Prints the number of distinct bytes on stderr.
set -eu
lang=$1
size=$(($2 * 1048576))
out=$3
tmp=$out.d
rm -rf "$tmp"
mkdir -p "$tmp"

n=0
for f in /usr/share/man/"$lang"/man*/*.gz; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  zcat "$f" 2>/dev/null | sed -e '/^[.'"'"']/d' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' \
    -e 's/\\(em/—/g' -e 's/\\(aq/'"'"'/g' -e 's/\\(..//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' \
    -e 's/\\&//g' -e 's/\\ / /g' > "$tmp/m$n.txt" || true
done
if command -v msgunfmt > /dev/null; then
  for f in /usr/share/locale/"$lang"/LC_MESSAGES/*.mo; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    msgunfmt "$f" 2>/dev/null | awk '
      /^msgstr/ { on = 1; sub(/^msgstr(\[[0-9]+\])? /, ""); }
      /^msgid/ { on = 0 }
      on && /^"/ { s = substr($0, 2, length($0) - 2); gsub(/\\n/, "\n", s);
                   gsub(/\\"/, "\"", s); gsub(/\\t/, " ", s); printf "%s", s;
                   if (s !~ /\n$/) printf "\n" }' > "$tmp/p$n.txt" || true
  done
fi
find "$tmp" -name '*.txt' -size 0 -delete
ls "$tmp" | sort > "$out.list"
mv "$out.list" "$tmp/list"
distinct=$(cat "$tmp"/*.txt | wc -c)
echo "corpus $lang: $(wc -l < "$tmp/list") documents, $distinct distinct bytes" >&2
[ "$distinct" -gt 0 ] || { echo "corpus.sh: no $lang text (apt-get install manpages-$lang)" >&2; exit 2; }

: > "$out"
round=0
while [ "$(wc -c < "$out")" -lt "$size" ]; do
  round=$((round + 1))
  # a seeded shuffle: sort the names by a hash of round and name
  while read -r name; do
    printf '%s %s\n' "$(printf '%s%s' "$round" "$name" | cksum | cut -d' ' -f1)" "$name"
  done < "$tmp/list" | sort -n | cut -d' ' -f2 | while read -r name; do
    cat "$tmp/$name"
    echo
  done >> "$out"
done
head -c "$size" "$out" | sed '$d' > "$out.cut"
if [ "${NOEMPTY:-0}" = 1 ]; then
  grep -v '^[[:space:]]*$' "$out.cut" > "$out" || true
else
  mv "$out.cut" "$out"
fi
rm -rf "$tmp" "$out.cut"
