#!/usr/bin/env python3
"""compare.py: FlowCover's JSON report against a Cobertura file (Coverlet's) on one library.

    python3 bench/differential/compare.py --root LIBRARY_ROOT --flowcover fc.json \
        --cobertura coverage.cobertura.xml [--package NAME] [--name LABEL] [--all] [--rows OUT.json]

Prints, as Markdown, what docs/differential.md records for each library:
  - lines: how many each tool lists, how many both list, how many of those agree (hit by both
    or missed by both), and every line both list on which they disagree, with its source text;
  - the lines only FlowCover lists (each one), and the lines only the Cobertura file lists,
    sorted by what is on them (braces, signatures, continuation lines, ...);
  - branches: the outcomes each tool counts, and every line whose figures differ sorted into
    the categories below, each with its verdict (which tool is right, and why), its counts and
    examples (--all: every line of every category).

Why these definitions (docs/differential.md, "How it was measured"): FlowCover lists the lines
on which a statement begins, Coverlet every line a sequence point spans, so only lines both
list can be compared; a line several Cobertura classes list (a lambda on its method's line) has
their hits and branch figures summed. A line is hit when its count is above zero, so the
comparison holds between a count-mode FlowCover run and Coverlet's counts, and also between a
set-mode run and Coverlet's.

The categories are read from the source line and the two tools' figures, not from the IL: a
category is a claim about an idiom, and the page that quotes these figures must say how each was
checked. A line no rule recognises lands in "unexplained", which must stay empty before the
figures are quoted as explained.
"""
import argparse
import collections
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


# --- reading the two reports ---------------------------------------------------------------

class Line:
    """One line of one tool: its hit count, and its branch outcomes (taken, total)."""

    __slots__ = ("hits", "taken", "total", "outcomes")

    def __init__(self, hits=0, taken=0, total=0, outcomes=None):
        self.hits, self.taken, self.total = hits, taken, total
        self.outcomes = outcomes or []


def relative(path, root):
    return os.path.relpath(os.path.realpath(path), root)


def read_flowcover(path, root):
    """FlowCover's JSON report (docs/json-schema/flowcover-report.schema.json): file -> line -> Line."""
    report = json.load(open(path, encoding="utf-8"))
    files = {}
    for entry in report["files"].values():
        lines = {}
        for line in entry["lines"]:
            outcomes = line.get("branches") or []
            lines[line["line"]] = Line(line["hits"], sum(1 for o in outcomes if o["hits"] > 0),
                                       len(outcomes), outcomes)
        # executed_lines/missing_lines hold every statement line; "lines" may leave some out.
        for n in entry["executed_lines"]:
            lines.setdefault(n, Line(1))
        for n in entry["missing_lines"]:
            lines.setdefault(n, Line(0))
        files[relative(entry["path"], root)] = lines
    return report["meta"], files


def read_cobertura(path, root, packages):
    """A Cobertura file: file -> line -> Line, summed over the classes that list the line.

    packages, when given, keeps only those packages (Coverlet names a package for each assembly
    it measured; a test project's referenced tool is measured too)."""
    top = ET.parse(path).getroot()
    sources = [s.text for s in top.iter("source")]
    files = collections.defaultdict(dict)
    left_out = collections.Counter()
    for package in top.iter("package"):
        keep = not packages or package.get("name") in packages
        for cls in package.iter("class"):
            name = cls.get("filename")
            full = name if os.path.isabs(name) else os.path.join(sources[0] if sources else "", name)
            lines = cls.find("lines")
            if not keep:
                left_out[package.get("name")] += len(lines.findall("line"))
                continue
            rel = relative(full, root)
            for line in lines.iter("line"):
                entry = files[rel].setdefault(int(line.get("number")), Line())
                entry.hits += int(line.get("hits"))
                if line.get("branch") == "True":
                    m = re.search(r"\((\d+)/(\d+)\)", line.get("condition-coverage", ""))
                    if m:
                        entry.taken += int(m.group(1))
                        entry.total += int(m.group(2))
    return dict(files), left_out


class Sources:
    """The library's source text, line by line, for showing and sorting lines."""

    def __init__(self, root):
        self.root, self.files = root, {}

    def lines(self, rel):
        if rel not in self.files:
            try:
                with open(os.path.join(self.root, rel), encoding="utf-8-sig", errors="replace") as f:
                    self.files[rel] = f.read().split("\n")
            except OSError:
                self.files[rel] = []
        return self.files[rel]

    def text(self, rel, n):
        lines = self.lines(rel)
        return lines[n - 1].strip() if 0 < n <= len(lines) else ""

    def statement(self, rel, n, most=40):
        """The statement that begins on line n, its continuation lines joined (comments dropped).
        A header (`if (...)`, `foreach (...)`) ends where its parentheses close; any other
        statement where its parentheses and braces close on a `;` (an object initializer or a
        lambda body on the lines after it included)."""
        parts, depth = [], 0
        for k in range(n, min(n + most, len(self.lines(rel)) + 1)):
            t = re.sub(r"//.*$", "", self.text(rel, k)).strip()
            parts.append(t)
            header = HEADER.match(parts[0]) is not None
            depth += t.count("(") + t.count("[") - t.count(")") - t.count("]")
            if not header:
                depth += t.count("{") - t.count("}")
            if depth <= 0 and (t.endswith(";") or (header and t.endswith((")", "{")))
                               or (not header and t.endswith("}") and depth == 0 and k > n)):
                break
        return " ".join(p for p in parts if p)

    def statement_lines(self, rel, n):
        """How many source lines the statement that begins on line n spans."""
        joined = self.statement(rel, n)
        count, seen = 0, ""
        for k in range(n, len(self.lines(rel)) + 1):
            t = re.sub(r"//.*$", "", self.text(rel, k)).strip()
            count += 1
            seen = (seen + " " + t).strip() if t else seen
            if len(seen) >= len(joined):
                break
        return max(count, 1)


# --- lines only the Cobertura file lists ---------------------------------------------------

def kind_of_coverlet_only_line(text):
    """What is on a line that only the Cobertura file lists (none of these is a line by
    docs/annotations.md, "What is a line")."""
    t = text
    if re.fullmatch(r"[{}\s;)\],]*", t):
        return "braces alone (`{`, `}`, `});`)"
    if re.search(r"\{\s*(get|set|init)\s*;", t) or re.fullmatch(r"(get|set|init);", t) \
            or re.search(r"\b(get|set|init)\s*;\s*\}", t):
        return "auto-property accessors (`{ get; set; }`)"
    if re.match(r"(public|private|protected|internal|static|override|virtual|abstract|sealed|async|"
                r"unsafe|partial|readonly|extern|\[)", t) and "(" in t and "=" not in t.split("(")[0]:
        return "method and constructor signatures"
    if t.startswith(("//", "/*", "*", "#")) or t == "":
        return "comments, blank lines and `#if` lines inside a statement's span"
    return "continuation lines of a multi-line statement, and other parts of one"


# --- branch differences ----------------------------------------------------------------------

# Each category: key -> (title, who is right and why). The verdicts are the ones
# docs/differential.md argues, category by category; the sort below only recognises the idiom.
CATEGORIES = {
    "coverlet-taken": (
        "Same outcomes, Coverlet claims more taken",
        "Coverlet is wrong: it counts an IL jump as taken when its target runs, though the "
        "target is also reached by falling through (coverlet-coverage/coverlet#1786); its own "
        "line counts prove it on the lines marked proven below."),
    "flowcover-taken": (
        "Same outcomes, FlowCover claims more taken",
        "to investigate line by line"),
    "eager-operands": (
        "FlowCover more: `&&`/`||` operands with no IL test of their own",
        "FlowCover is right by the contract: 2 outcomes per operand, however compiled (annotations.md); "
        "the compiler evaluated plain booleans eagerly (`&`/`|`), or computed a chain's last operand "
        "as its value (`return a || b;`), leaving Coverlet fewer IL tests"),
    "nullable-coalesce": (
        "FlowCover more: `??` on a `Nullable<T>`, compiled to `GetValueOrDefault`",
        "FlowCover is right by the contract: `??` is a decision of 2 outcomes; the IL has no "
        "branch for Coverlet to count"),
    "catch-when": (
        "FlowCover more: `catch (...) when (...)`",
        "FlowCover is right by the contract: a `when` filter is a decision; Coverlet reports no "
        "outcome of an exception filter"),
    "constant-arms": (
        "FlowCover more: a `c ? 1 : 0` inside a larger expression, computed without a branch (Release)",
        "FlowCover is right by the contract: a `?:` is a decision of 2 outcomes (annotations.md); "
        "Release computes the condition's 0 or 1 with no IL branch, which FlowCover probes as a value"),
    "kept-pattern": (
        "FlowCover more: a pattern test kept as a value (`b = x is T`), computed without a branch",
        "FlowCover is right by the contract: an `is` test is a decision of 2 outcomes whether it is "
        "tested or kept (annotations.md); the compiler computes the kept value with no IL branch"),
    "coverlet-no-branch": (
        "FlowCover more: Coverlet lists the line with no branch at all",
        "FlowCover is right: the decision is in the source and ran; Coverlet drops the branches of "
        "some compiler-generated methods (lambdas of generic methods, async methods of generic types)"),
    "flowcover-more-other": (
        "FlowCover more: other",
        "to investigate line by line"),
    "switch-line-before": (
        "Coverlet more: a `switch` whose header has no sequence point, its outcomes on another line",
        "FlowCover is right: the contract puts a switch's outcomes on the `switch` line, which FlowCover "
        "lists (a line only FlowCover lists); Coverlet files them under a statement before it (or, in "
        "Release, under its first section's)"),
    "switch": (
        "Coverlet more: `switch` jump tables, range checks, string hashing",
        "FlowCover is right: one outcome per case label (and one for no label matched) is the "
        "source's decision; the hash, the bounds checks and the jump table are the compiler's"),
    "delegate-cache": (
        "Coverlet more: the null test of a cached delegate (a lambda's or method group's cache field)",
        "FlowCover is right: the cache test is the compiler's, no decision the user wrote"),
    "property-pattern": (
        "Coverlet more: a property pattern's own tests (`x is { Count: > 0 }`, `o is T { P: string p }`)",
        "FlowCover is right by the contract: a property pattern is one condition of 2 outcomes, the "
        "null (or type) test folded into its false (annotations.md); the IL tests the null or type "
        "first, and Debug tests the joined value again, which Coverlet counts as decisions of their own"),
    "pattern-retest": (
        "Coverlet more: a pattern's result kept in a local and tested again (Debug)",
        "FlowCover is right: `is T x` is one decision of 2 outcomes; Debug stores its result and "
        "tests the local, which Coverlet counts as a second decision"),
    "generic-receiver": (
        "Coverlet more: the `default(T) == null` test before a constrained call on a `T`",
        "FlowCover is right: the compiler's copy check, no decision in the source"),
    "await": (
        "Coverlet more: an awaiter's `IsCompleted` test",
        "FlowCover is right: the state machine's test, not the user's"),
    "interpolation-handler": (
        "Coverlet more: an interpolated-string handler's \"should append\" test",
        "FlowCover is right: the handler's test is the compiler's"),
    "interpolation-one-hole": (
        "Coverlet more: the `?? \"\"` the compiler adds to an interpolated string of one hole",
        "FlowCover is right: `$\"{x}\"` is lowered to `x ?? \"\"`, the compiler's null test, no decision in the source"),
    "cached-array": (
        "Coverlet more: the null test of an array of constants the compiler caches (`new[] { ... }.Contains(x)`)",
        "FlowCover is right: C# 14 passes the array as a span and keeps it in a static field made on "
        "first use, behind a null test that is the compiler's, no decision in the source"),
    "or-search": (
        "Coverlet more: an `or` of far-apart constants, searched (`c is '-' or '+' or '\u2020'`)",
        "FlowCover is right: the compiler splits the constants with a compare of its own (`c > '-'`) "
        "whose both ways go on to the pattern's compares; that split is no operand the user wrote "
        "(annotations.md, OrConstantSearchFilter)"),
    "operand-lost": (
        "Coverlet more: FlowCover counts fewer operands than the condition has",
        "FlowCover is wrong by its contract (2 outcomes per operand): to investigate"),
    "coverlet-more-other": (
        "Coverlet more: other",
        "to investigate line by line"),
}


def operands(text):
    return len(re.findall(r"&&|\|\||\b(?:and|or)\b", text)) + 1


HEADER = re.compile(r"^(?:if|while|for|foreach|switch|catch|using|lock|else if)\b")
# A method group passed or assigned (`Select(Describe)`, `x = DefaultParser;`): only a guess
# from the text, so it is used only where FlowCover counts no decision on the line at all.
METHOD_GROUP = re.compile(r"=\s*[A-Z]\w*(?:\.\w+)*\s*;|\(\s*[A-Z]\w*(?:\.\w+)*\s*[,)]|,\s*[A-Z]\w*(?:\.\w+)*\s*\)")


def categorize(stmt, fc, cl, next_lines, switch_after=False):
    """The category of a line whose branch figures differ. stmt: the whole statement that
    begins on the line (continuation lines joined); next_lines: the source lines after it;
    switch_after: a `switch` header that only FlowCover lists (Release gives it no sequence
    point) begins within 8 lines before or 12 after (a loop's header above a `switch` in its body,
    YamlDotNet ScalarNodeDeserializer.cs:244 over 254), so Coverlet files its outcomes under another line."""
    if fc.total == cl.total:
        return "coverlet-taken" if cl.taken > fc.taken else "flowcover-taken"
    kept = not HEADER.match(stmt)  # the decision's value is kept (assigned, returned, passed)
    if fc.total > cl.total:
        if "catch" in stmt and "when" in stmt:
            return "catch-when"
        if cl.total == 0 and "??" in stmt and "??=" not in stmt:
            return "nullable-coalesce"
        if cl.total == 0 and re.search(r"\?\s*1\s*:\s*0\b", stmt):
            return "constant-arms"
        if re.search(r"&&|\|\|", stmt):
            return "eager-operands"
        if re.search(r"\bis\b", stmt):
            return "kept-pattern"
        if cl.total == 0:
            return "coverlet-no-branch"
        return "flowcover-more-other"
    if fc.total == 0 and cl.total and any(re.match(r"switch\s*\(", t) for t in next_lines[:3]):
        return "switch-line-before"
    if switch_after:
        return "switch-line-before"
    if re.search(r"\bswitch\b", stmt) or stmt.startswith("case "):
        return "switch"
    if "Debug.Assert" in stmt and '$"' in stmt:
        return "interpolation-handler"
    if fc.total == 0 and ONE_HOLE.search(stmt) and "??" not in stmt:
        return "interpolation-one-hole"
    if CACHED_ARRAY.search(stmt) and cl.total - fc.total == 2:
        return "cached-array"
    has_lambda = "=>" in stmt or (fc.total == 0 and METHOD_GROUP.search(stmt) is not None)
    if not has_lambda and re.search(r"&&|\|\|", stmt) and 0 < fc.total < 2 * operands(stmt):
        return "operand-lost"
    if ".Equals(" in stmt and "=>" not in stmt:
        return "generic-receiver"
    if has_lambda and (cl.total - fc.total) % 2 == 0:
        return "delegate-cache"
    if OR_CONSTANTS.search(stmt) and cl.total - fc.total == 2:
        return "or-search"
    if re.search(r"\bis\s+(?:not\s+)?(?:[\w.]+(?:<[^>]*>)?\s*)?\{", stmt):
        return "property-pattern"
    if re.search(r"\bis\b", stmt):
        return "pattern-retest"
    if "await" in stmt:
        return "await"
    if ".Equals(" in stmt:
        return "generic-receiver"
    return "coverlet-more-other"


# An array of literals, created in place, whose method is called (C# 14 binds `Contains` and
# its kin to the span overload and caches the array): `(new[] { "a", "b" }).Contains(x)`.
CACHED_ARRAY = re.compile(r'new\s*(?:\w+\s*)?\[\s*\]\s*\{[^{}]*\}\s*\)?\s*\.\s*\w+\(')
# An `or` pattern of three or more constants (characters or numbers).
OR_CONSTANTS = re.compile(r"\bis\s+(?:'[^']+'|-?\d\w*)(?:\s+or\s+(?:'[^']+'|-?\d\w*)){2,}")
ONE_HOLE = re.compile(r'\$"\{[^{}"]*\}"')
IF_OR_WHILE = re.compile(r"^(?:if|else if|while)\s*\(")


def proven_by_coverlet_counts(rel, n, fc, cl_file, fc_file, src):
    """Whether Coverlet's own line counts show that it claims more outcomes taken than can have
    happened, on an `if`/`else if`/`while` whose condition is one test or a chain of only `&&`
    or only `||`. The line's count is how often the condition was evaluated; the count of the
    first statement inside the body, how often it was true (the body is entered only from the
    condition). When it was never false (or never true), a chain can have taken at most: `&&`
    always true, its operands' `true` (one each); `||` always true, all but the last operand's
    `false`; the mirror images when never true. Coverlet claiming more than that is its
    miscount, shown by its own figures."""
    header = src.statement(rel, n)
    if not IF_OR_WHILE.match(header):
        return False
    condition = header[header.index("(") + 1:]
    ands, ors = len(re.findall(r"&&", condition)), len(re.findall(r"\|\|", condition))
    if ands and ors:
        return False
    ops = ands + ors + 1
    end = n + src.statement_lines(rel, n) - 1
    body = min((k for k in fc_file if k > end), default=None)
    here, first = cl_file.get(n), cl_file.get(body) if body else None
    if here is None or first is None or here.hits != fc.hits or "{" in src.text(rel, n)[1:].split(")")[-1] \
            or src.text(rel, body).startswith(("else", "}")) or first.hits > here.hits:
        return False
    true_times, false_times = first.hits, here.hits - first.hits
    if false_times == 0:
        most = ops if ors == 0 else 2 * ops - 1
    elif true_times == 0:
        most = 2 * ops - 1 if ors == 0 else ops
    else:
        return False
    cl = cl_file[n]
    return cl.taken > most and fc.taken <= most


# --- the report -----------------------------------------------------------------------------

def fmt(n):
    return f"{n:,}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="the library's source root (paths are shown relative to it)")
    ap.add_argument("--flowcover", required=True, help="FlowCover's JSON report (flowcover json -o FILE)")
    ap.add_argument("--cobertura", required=True, help="Coverlet's coverage.cobertura.xml")
    ap.add_argument("--package", action="append", default=[],
                    help="keep only this Cobertura package (an assembly name); repeatable")
    ap.add_argument("--name", help="the library's name in the tables")
    ap.add_argument("--all", action="store_true", help="list every line of every category, not examples")
    ap.add_argument("--examples", type=int, default=3, help="examples per category (default 3)")
    ap.add_argument("--rows", help="write every compared line to this JSON file")
    args = ap.parse_args()

    root = os.path.realpath(args.root)
    name = args.name or os.path.basename(root)
    meta, fc = read_flowcover(args.flowcover, root)
    cl, left_out = read_cobertura(args.cobertura, root, set(args.package))
    src = Sources(root)
    limit = None if args.all else args.examples

    both = agree = 0
    disagree, only_fc, only_cl, branch_rows = [], [], [], []
    for rel in sorted(set(fc) | set(cl)):
        a, b = fc.get(rel, {}), cl.get(rel, {})
        for n in sorted(set(a) | set(b)):
            if n in a and n in b:
                both += 1
                if (a[n].hits > 0) == (b[n].hits > 0):
                    agree += 1
                else:
                    disagree.append((rel, n))
                if (a[n].taken, a[n].total) != (b[n].taken, b[n].total):
                    branch_rows.append((rel, n))
            elif n in a:
                only_fc.append((rel, n))
            else:
                only_cl.append((rel, n))

    fc_lines = sum(len(v) for v in fc.values())
    cl_lines = sum(len(v) for v in cl.values())
    print(f"## {name}\n")
    print(f"FlowCover report: mode {meta.get('mode')}, {meta.get('tool')} {meta.get('tool_version')}, "
          f"written {meta.get('timestamp')}; {len(fc)} files. Cobertura: {len(cl)} files"
          + (f"; left out (other packages): " + ", ".join(f"{k} {v} lines" for k, v in sorted(left_out.items()))
             if left_out else "") + ".\n")
    print("### Lines\n")
    print("| library | FlowCover lines | Coverlet lines | listed by both | agree | disagree | only FlowCover | only Coverlet |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {name} | {fmt(fc_lines)} | {fmt(cl_lines)} | {fmt(both)} | {fmt(agree)} | {fmt(len(disagree))} "
          f"| {fmt(len(only_fc))} | {fmt(len(only_cl))} |\n")
    if disagree:
        print("Lines both list that disagree (FlowCover hits / Coverlet hits):\n")
        for rel, n in disagree:
            print(f"- {rel}:{n} FlowCover {fc[rel][n].hits}, Coverlet {cl[rel][n].hits}: `{src.text(rel, n)}`")
        print()
    if only_fc:
        print("Lines only FlowCover lists (hits):\n")
        for rel, n in only_fc:
            print(f"- {rel}:{n} ({fc[rel][n].hits}): `{src.text(rel, n)}`")
        print()
    kinds = collections.Counter()
    kind_examples = collections.defaultdict(list)
    for rel, n in only_cl:
        k = kind_of_coverlet_only_line(src.text(rel, n))
        kinds[k] += 1
        kind_examples[k].append((rel, n))
    files_only_cl = sorted(set(cl) - set(fc))
    print("Lines only Coverlet lists, by what is on them:\n")
    print("| on the line | lines | example |")
    print("| --- | ---: | --- |")
    for k, count in kinds.most_common():
        rel, n = kind_examples[k][0]
        print(f"| {k} | {fmt(count)} | {rel}:{n} `{src.text(rel, n)[:60]}` |")
    print(f"\nFiles only Coverlet lists: {len(files_only_cl)}"
          + (" (" + ", ".join(files_only_cl[:12]) + (", ..." if len(files_only_cl) > 12 else "") + ")"
             if files_only_cl else "") + ".\n")
    files_only_fc = sorted(set(fc) - set(cl))
    if files_only_fc:
        print(f"Files only FlowCover lists: {', '.join(files_only_fc)}.\n")

    fc_outcomes = sum(l.total for v in fc.values() for l in v.values())
    cl_outcomes = sum(l.total for v in cl.values() for l in v.values())
    fc_branch_lines = sum(1 for v in fc.values() for l in v.values() if l.total)
    cl_outcomes_elsewhere = sum(l.total for rel, v in cl.items() for n, l in v.items()
                                if l.total and n not in fc.get(rel, {}))
    print("### Branches\n")
    print("| library | FlowCover outcomes | Coverlet outcomes | lines with a branch (FlowCover) | lines whose figures differ |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| {name} | {fmt(fc_outcomes)} | {fmt(cl_outcomes)} | {fmt(fc_branch_lines)} | {fmt(len(branch_rows))} |\n")
    print(f"Coverlet outcomes on lines FlowCover does not list: {cl_outcomes_elsewhere}.\n")

    groups = collections.defaultdict(list)
    for rel, n in branch_rows:
        switch_after = any(k in fc[rel] and k not in cl[rel] and re.match(r"switch\s*\(", src.text(rel, k))
                           for k in [*range(n + 1, n + 13), *range(n - 8, n)])
        groups[categorize(src.statement(rel, n), fc[rel][n], cl[rel][n],
                          [src.text(rel, k) for k in range(n + 1, n + 4)], switch_after)].append((rel, n))
    print("| category | lines | outcomes (FlowCover - Coverlet) | who is right |")
    print("| --- | ---: | ---: | --- |")
    for key, (title, verdict) in CATEGORIES.items():
        rows = groups.get(key, [])
        if rows:
            delta = sum(fc[r][n].total - cl[r][n].total for r, n in rows)
            print(f"| {title} | {len(rows)} | {delta:+d} | {verdict} |")
    print()
    for key, (title, verdict) in CATEGORIES.items():
        rows = groups.get(key, [])
        if not rows:
            continue
        print(f"#### {title}: {len(rows)} lines\n")
        if key == "coverlet-taken":
            proven = [r for r in rows if proven_by_coverlet_counts(r[0], r[1], fc[r[0]][r[1]], cl[r[0]], fc[r[0]], src)]
            checkable = sum(1 for r in rows if IF_OR_WHILE.match(src.statement(*r)))
            print(f"Lines whose decision is an `if`/`while`: {checkable}; on {len(proven)} of them Coverlet's "
                  "own line counts show it claims more outcomes taken than can have happened (marked proven).\n")
        for rel, n in rows[:limit]:
            a, b = fc[rel][n], cl[rel][n]
            outcomes = ", ".join(f"{o['label']} {o['hits']}" for o in a.outcomes)
            mark = ""
            if key == "coverlet-taken" and proven_by_coverlet_counts(rel, n, a, cl[rel], fc[rel], src):
                mark = " (proven)"
            print(f"- {rel}:{n} FlowCover {a.taken}/{a.total} ({outcomes or 'no outcome'}), "
                  f"Coverlet {b.taken}/{b.total}, hits {a.hits}/{b.hits}{mark}: `{src.text(rel, n)[:120]}`")
        if limit is not None and len(rows) > limit:
            print(f"- ... {len(rows) - limit} more (--all lists them)")
        print()
    if groups.get("flowcover-taken") or groups.get("flowcover-more-other") \
            or groups.get("coverlet-more-other") or groups.get("operand-lost"):
        print("Some lines are in categories still to investigate (above).\n")

    if args.rows:
        def row(rel, n):
            a, b = fc.get(rel, {}).get(n), cl.get(rel, {}).get(n)
            return {"file": rel, "line": n, "text": src.text(rel, n),
                    "flowcover": a and {"hits": a.hits, "taken": a.taken, "total": a.total, "outcomes": a.outcomes},
                    "coverlet": b and {"hits": b.hits, "taken": b.taken, "total": b.total}}
        json.dump({"disagree": [row(*x) for x in disagree], "only_flowcover": [row(*x) for x in only_fc],
                   "branches": {k: [row(*x) for x in v] for k, v in groups.items()}},
                  open(args.rows, "w", encoding="utf-8"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
