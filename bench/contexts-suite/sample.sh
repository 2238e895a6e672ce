#!/usr/bin/env bash
# sample.sh OUT SUITE CMD...: runs CMD and prints its wall, user and system time (GNU time), and,
# sampled every 0.5 s, the peak resident set, memory maps (all, and of hit files) and open file
# descriptors of the test host whose working directory is under SUITE, and the most hit files
# (count, bytes) in $FLOWCOVER_HOME/sessions. Writes OUT.time, OUT.samples, OUT.files, OUT.out, OUT.err.
out=$1; suite=$2; shift 2
rm -f $out.samples $out.files
( while true; do
    for p in $(pgrep -f testhost.dll); do
      case "$(readlink /proc/$p/cwd)" in "$suite"/*) ;; *) continue;; esac
      hwm=$(awk '/VmHWM/{print $2}' /proc/$p/status 2>/dev/null); maps=$(wc -l < /proc/$p/maps 2>/dev/null)
      hitmaps=$(grep -c '\.hits$' /proc/$p/maps 2>/dev/null); fds=$(ls /proc/$p/fd 2>/dev/null | wc -l)
      [ -n "$hwm" ] && echo "$p $hwm $maps $hitmaps $fds" >> $out.samples
    done
    if [ -n "$FLOWCOVER_HOME" ] && [ -d "$FLOWCOVER_HOME/sessions" ]; then
      n=$(find "$FLOWCOVER_HOME/sessions" -name '*.hits' 2>/dev/null | wc -l)
      b=$(find "$FLOWCOVER_HOME/sessions" -name '*.hits' -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
      echo "$n $b" >> $out.files
    fi
    sleep 0.5; done ) &
sampler=$!
/usr/bin/time -f "wall %e s user %U s sys %S s maxrss %M KB" -o $out.time "$@" > $out.out 2> $out.err
echo "rc $?" >> $out.time
kill $sampler
cat $out.time
[ -s $out.samples ] && sort -k2 -n $out.samples | tail -1 | awk '{print "testhost peak VmHWM " $2 " KB"}'
[ -s $out.samples ] && sort -k3 -n $out.samples | tail -1 | awk '{print "testhost peak maps " $3 ", of hit files " $4 ", fds " $5}'
[ -s $out.files ] && sort -k1 -n $out.files | tail -1 | awk '{print "hit files at most " $1 ", " $2 " bytes"}'
true
