#!/bin/bash
# completion.sh PISAR COMPLETION: source the bash completion and check
# COMPREPLY for a few command lines (PISAR is run for the scheme ids).
pisar=$1
source "$2" || exit 1
fail=0
# complete WORDS...: the last word is the one being completed
complete_line()
{
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _pisar
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect()
{
    local want=$1
    shift
    local got
    got=$(complete_line "$@")
    if [ "$got" != "$want" ]; then
        echo "pisar completion of '${*:2}': got '$got', expected '$want'"
        fail=1
    fi
}
expect "schemes segment" "$pisar" s
expect "--help --version" "$pisar" --
expect "ru-alalc ru-alalc-ascii" "$pisar" translit -s ru-ala
expect "uk-dstu9112a uk-dstu9112b" "$pisar" translit --scheme uk-dstu
expect "xliff xliff-segsource xliff2" "$pisar" prep -f xl
expect "tmx tsv" "$pisar" align --format t
expect "--no-homoglyph --no-mojibake --no-nfc" "$pisar" normalize --no
expect "koi8-r koi8-u" "$pisar" convert --from koi8
expect "icao iso9" "$pisar" names --style i
expect "--recursive --repair --report --report-format" "$pisar" convert --re
expect "auto" "$pisar" translit --lang a
n=$(complete_line "$pisar" translit -s "" | wc -w)
total=$("$pisar" schemes --json | grep -o '"id"' | wc -l)
if [ "$n" != "$total" ] || [ "$n" -lt 30 ]; then
  echo "scheme ids completed: $n, pisar schemes lists $total"
  fail=1
fi
# every option a subcommand's --help defines is completed after "pisar CMD -"
for cmd in detect convert normalize translit schemes names segment prep align; do
  have=" $(complete_line "$pisar" "$cmd" -) "
  for o in $("$pisar" "$cmd" --help 2>&1 | grep -oE '^ +(-[a-zA-Z], )?--?[a-z][a-z0-9-]*' |
             grep -oE -- '--?[a-z][a-z0-9-]*'); do
    case "$have" in *" $o "*) ;; *) echo "pisar $cmd: option $o is not completed"; fail=1 ;; esac
  done
done
[ $fail = 0 ] && echo "bash completion: all cases complete as expected"
exit $fail
