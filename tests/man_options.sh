#!/bin/sh
# man_options.sh PISAR MANPAGE: every option that `pisar CMD --help` prints
# must be named in the man page's section for CMD (".SS pisar CMD ...").
# -h/--help are described once, for all subcommands.
pisar=$1
man=$2
fail=0
for cmd in detect convert normalize translit schemes names segment prep align; do
  help=$("$pisar" "$cmd" --help 2>&1) || { echo "pisar $cmd --help failed"; fail=1; continue; }
  # The section of the man page, with \- made -, font escapes dropped.
  section=$(sed -n "/^\.SS pisar $cmd /,/^\.S[SH] /p" "$man" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g')
  if [ -z "$section" ]; then
    echo "$man: no section .SS pisar $cmd"
    fail=1
    continue
  fi
  opts=$(printf '%s\n' "$help" | grep -oE '(^|[][ ,|(])--?[a-z][a-z0-9-]*' | sed 's/^[][ ,|(]//' | sort -u)
  [ -n "$opts" ] || { echo "pisar $cmd --help: no options found"; fail=1; }
  for o in $opts; do
    case $o in -h | --help) continue ;; esac
    if ! printf '%s\n' "$section" | grep -qE -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)"; then
      echo "$man: pisar $cmd: option $o (from --help) is not named"
      fail=1
    fi
  done
done
[ $fail = 0 ] && echo "every option of every subcommand is in $man"
exit $fail
