#!/bin/bash
# Prints every line's outcomes of a snippet in Debug and Release, and the IL (with sequence
# points) of the methods named, through the suite's own SnippetRun. Needs LabScratch.cs.txt
# copied to tests/FlowCover.Tests/LabScratch.cs (never committed there) and the tests built.
# usage: go.sh SNIPPET.cs [METHOD,METHOD...]   (output also in /tmp/lab.out)
src=$(readlink -f "$1")
cd "$(dirname "$0")/../../.." && LAB_SRC=$src LAB_IL=$2 LAB_OUT=/tmp/lab.out \
  dotnet test tests/FlowCover.Tests --no-build --filter "FullyQualifiedName~LabScratch" 2>&1 | grep -E "Failed|error"
cat /tmp/lab.out
