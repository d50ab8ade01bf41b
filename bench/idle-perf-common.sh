# Sourced by bench/run-idle-perf-session*.sh: run NAME ARGS... runs `./gorl perf ARGS --json` in the
# current directory, its JSON into $out/NAME.json, and appends to $out/log.txt the load average before
# it, the CPU ticks stolen during it and its peak RSS (/usr/bin/time -v).
steal() { awk '/^cpu /{print $9}' /proc/stat; }
run() { local name=$1; shift
  local s0=$(steal); local l=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v ./gorl perf "$@" --json > $out/$name.json 2> $out/$name.err
  echo "$name load_before=$l steal_ticks=$(( $(steal) - s0 )) rss_kb=$(grep 'Maximum resident' $out/$name.err | awk '{print $6}')" >> $out/log.txt
}
