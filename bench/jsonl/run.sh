#!/bin/sh
# bench/jsonl/run.sh [PISAR [N [RUNS]]] -- throughput and memory of
# `pisar prep --jsonl`: one process, and split by GNU parallel --pipe -j2;
# beside them `pisar prep -f jsonl` on the same articles as files (the peer:
# the tool without the JSONL machinery), and the --html page of 1,000 of them.
#
# Input: N (default 1000) articles of Debian's translated man pages
# (make_records.py; apt-get install manpages-ru manpages-uk manpages-mk
# manpages-sr manpages-pl manpages-cs manpages-de manpages-fr manpages-es
# manpages-it), written to $BENCH_DIR (default $TMPDIR/pisar-bench-jsonl).
# Times are the median of RUNS (default 3) wall-clock runs; peak memory is
# the maximum resident set size of each pisar process (/usr/bin/time).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
PISAR=${1:-$top/build/pisar}
PISAR=$(cd "$(dirname "$PISAR")" && pwd)/$(basename "$PISAR")
N=${2:-1000}
RUNS=${3:-3}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-jsonl}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v parallel >/dev/null || { echo "needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work"
python3 "$top/bench/jsonl/make_records.py" "$work" "$N"
in=$work/records.jsonl
bytes=$(wc -c < "$in")
echo "input: $N records, $bytes bytes; pisar: $PISAR"

# median of RUNS runs of sh -c CMD: "WALL CPU" seconds (CPU = user + system
# of the shell and all it started; on a shared machine the wall time also
# measures the neighbours)
median() {
  i=0
  : > "$work/times"
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %U %S" -o "$work/t1" sh -c "$1" > /dev/null 2>&1 || true
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/t1" >> "$work/times"
    i=$((i + 1))
  done
  sort -n "$work/times" | awk '{ t[NR] = $0 } END { print t[int((NR + 1) / 2)] }'
}

set -- $(median "\"$PISAR\" prep --jsonl < \"$in\""); one=$1; one_cpu=$2
set -- $(median "parallel --will-cite --pipe -j2 --block 512k \"$PISAR\" prep --jsonl < \"$in\""); par=$1; par_cpu=$2
set -- $(median "cd \"$work/files\" && \"$PISAR\" prep -f jsonl *.txt"); files=$1; files_cpu=$2

# peak memory: one process, and each process under parallel
/usr/bin/time -f %M -o "$work/rss-one" "$PISAR" prep --jsonl < "$in" > "$work/one.jsonl" 2>/dev/null || true
rm -f "$work/rss-par"
parallel --will-cite --pipe -j2 --block 512k \
  /usr/bin/time -f %M -a -o "$work/rss-par" "$PISAR" prep --jsonl < "$in" > "$work/par.jsonl" 2>/dev/null || true
same=no
if [ "$(sort "$work/one.jsonl" | md5sum)" = "$(sort "$work/par.jsonl" | md5sum)" ]; then same=yes; fi
rss_one=$(awk '{ printf "%.1f", $1 / 1024 }' "$work/rss-one")
rss_par=$(sort -n "$work/rss-par" | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }')
jobs=$(wc -l < "$work/rss-par")

rate() { echo "$N / $1" | bc -l | awk '{ printf "%.0f", $1 }'; }
mbs() { echo "$bytes / $1 / 1000000" | bc -l | awk '{ printf "%.2f", $1 }'; }
printf '%-36s %8s %8s %10s %8s %12s\n' run wall_s cpu_s records/s MB/s "peak MB"
printf '%-36s %8.2f %8.2f %10s %8s %12s\n' "prep --jsonl, one process" "$one" "$one_cpu" "$(rate "$one")" "$(mbs "$one")" "$rss_one"
printf '%-36s %8.2f %8.2f %10s %8s %12s\n' "parallel --pipe -j2 ($jobs jobs)" "$par" "$par_cpu" "$(rate "$par")" "$(mbs "$par")" "$rss_par (max)"
printf '%-36s %8.2f %8.2f %10s %8s\n' "peer: prep -f jsonl on the files" "$files" "$files_cpu" "$(rate "$files")" "$(mbs "$files")"
echo "speed-up under parallel -j2: $(echo "$one / $par" | bc -l | awk '{ printf "%.2f", $1 }'); --jsonl / file mode time: $(echo "$one / $files" | bc -l | awk '{ printf "%.2f", $1 }'); same records: $same"

# the review page of 1,000 articles
ls "$work/files" | head -n 1000 > "$work/list"
(cd "$work/files" && /usr/bin/time -f "%e %U %S %M" -o "$work/t-html" "$PISAR" prep $(cat "$work/list") -o "$work/out/" > /dev/null 2>&1) || true
(cd "$work/files" && /usr/bin/time -f "%e %U %S %M" -o "$work/t-html2" "$PISAR" prep $(cat "$work/list") -o "$work/out/" --html "$work/page.html" > /dev/null 2>&1) || true
read -r w u s m < "$work/t-html"
read -r w2 u2 s2 m2 < "$work/t-html2"
printf 'prep of 1000 articles to XLIFF: wall %.2f s, cpu %.2f s, peak %.1f MB; with --html: wall %.2f s, cpu %.2f s, peak %.1f MB; page %.1f MB\n' \
  "$w" "$(echo "$u + $s" | bc)" "$(echo "$m / 1024" | bc -l)" "$w2" "$(echo "$u2 + $s2" | bc)" \
  "$(echo "$m2 / 1024" | bc -l)" "$(wc -c < "$work/page.html" | awk '{ print $1 / 1000000 }')"
if command -v chromium > /dev/null; then
  prof=$(mktemp -d)
  /usr/bin/time -f "%e" -o "$work/t-chromium" chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$prof" --window-size=1280,1000 --screenshot="$work/page.png" \
    "file://$work/page.html" > /dev/null 2>&1 || true
  rm -rf "$prof"
  printf 'chromium --headless, load + screenshot of that page: wall %.2f s\n' "$(cat "$work/t-chromium")"
fi
