"""dossier benchmarks: every figure of design.md §5, measured side by side in one run.

    python benchmarks/run.py                 # full run (3 runs per figure, 50-profile batch, ~15 min)
    python benchmarks/run.py --quick         # 2 runs per figure, 10-profile batch
    python benchmarks/run.py --write benchmarks/RESULTS.md

Progress goes to stderr; the markdown results (machine, table, details) go to stdout and,
with --write, to a file. Generated inputs and outputs live in a temporary folder, never in
the repository. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402  (benchmarks/ is not a package)

ROOT = gen.ROOT
EXAMPLES = gen.EXAMPLES
FONTS_CONF = ROOT / "dossier" / "pdf" / "fonts.conf"
LARGEST = "llm-filing"  # the example with the most documents and pages (checked at run time)


class BenchError(Exception):
    """A command failed; the message carries its exit code and the end of its stderr."""


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    target: str
    measured: str
    ok: bool | None  # None: informational, no target

    def cells(self) -> list[str]:
        mark = "" if self.ok is None else ("✓" if self.ok else "✗")
        return [self.figure, self.target, self.measured, mark]


@dataclass
class Bench:
    """Settings, the scratch folder, and everything measured so far."""

    runs: int
    startup_runs: int
    batch: int
    batch_j1: bool
    tmp: Path
    dossier: list[str]
    soffice: str | None
    env: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Running and timing commands
# --------------------------------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(argv: Sequence[str], *, env: dict[str, str], cwd: Path,
              ok_codes: Sequence[int] = (0,), cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of one command; raise BenchError on an unexpected exit code.

    With `cpu`, append the command's CPU time (user + sys of the whole process tree).
    """
    cpu_start = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env, cwd=cwd, check=False)
    seconds = time.perf_counter() - start
    if cpu is not None:
        cpu.append(_children_cpu() - cpu_start)
    if proc.returncode not in ok_codes:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-8:]
        shown = " ".join(map(str, argv[:6])) + (f" … ({len(argv) - 6} more)" if len(argv) > 6 else "")
        raise BenchError(f"`{shown}` exited {proc.returncode}:\n  " + "\n  ".join(tail))
    return seconds


def repeat(n: int, action: Callable[[], float], setup: Callable[[], None] | None = None) -> list[float]:
    """`n` timings of `action`, calling the untimed `setup` before each."""
    out: list[float] = []
    for _ in range(n):
        if setup is not None:
            setup()
        out.append(action())
    return out


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def spread(samples: Sequence[float]) -> str:
    """`median (min–max, n runs)` for the details section."""
    return f"{fmt_s(median(samples))} (min {fmt_s(min(samples))}, max {fmt_s(max(samples))}, n={len(samples)})"


def reset_dir(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def documents_of(build_dir: Path, suffix: str) -> list[Path]:
    """The generated documents of a build (track folders), excluding hidden staging files."""
    return sorted(p for p in build_dir.rglob(f"*{suffix}")
                  if p.parent != build_dir
                  and not any(part.startswith(".") for part in p.relative_to(build_dir).parts))


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(match.group(1)) if match else 0


def guarded(bench: Bench, section: str, body: Callable[[], None]) -> None:
    """Run one section; a failure becomes a ✗ row instead of stopping the whole run."""
    bench.log(f"{section} …")
    start = time.perf_counter()
    try:
        body()
    except (BenchError, OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
        bench.log(f"{section} FAILED: {exc}")
        bench.rows.append(Row(section, "—", f"failed: {str(exc).splitlines()[0][:120]}", False))
        bench.details.append(f"**{section} failed**:\n\n```\n{exc}\n```")
    bench.log(f"{section} done in {time.perf_counter() - start:.1f} s")


# --------------------------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------------------------


def _first_match(path: str, pattern: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "?"
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1).strip() if match else "?"


def _version(argv: Sequence[str], env: dict[str, str] | None = None) -> str:
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=120, env=env,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not available"
    return (proc.stdout.strip() or proc.stderr.strip()).splitlines()[0] if proc.returncode == 0 else "not available"


def _package(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine(bench: Bench) -> list[tuple[str, str]]:
    mem = _first_match("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    mem_kb = int(mem) if mem.isdigit() else 0
    cpu = _first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$")
    os_name = _first_match("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)')
    cjk = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                         env=bench.env, check=False).stdout.split("\n") if shutil.which("fc-list") else []
    families = sorted({f.split(",")[0].strip() for f in cjk if f.strip()})
    matches = "; ".join(
        _version(["fc-match", "-f", f"{name} → %{{family[0]}} %{{style[0]}} (%{{file}})", name], bench.env)
        for name in ("仿宋_GB2312", "黑体", "方正小标宋简体"))
    pango = _version(["dpkg-query", "-W", "-f", "${Version}", "libpango-1.0-0"])
    noto = _version(["dpkg-query", "-W", "-f", "${Version}", "fonts-noto-cjk"])
    git = _version(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    return [
        ("CPU", cpu),
        ("Cores", f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable by this process"),
        ("RAM", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("OS", f"{os_name}, Linux {platform.release()}"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("dossier", f"{_package('dossier')} at commit {git}"),
        ("WeasyPrint", f"{_package('weasyprint')} (pydyf {_package('pydyf')}, Pango {pango})"),
        ("docxtpl / python-docx", f"{_package('docxtpl')} / {_package('python-docx')}"),
        ("LibreOffice", _version([bench.soffice, "--version"]) if bench.soffice else "not installed"),
        ("CJK fonts", f"fonts-noto-cjk {noto}; {matches}"),
        ("fontconfig CJK families", ", ".join(families)),
        ("Load average", bench.info.get("load", "?")),
        ("Font config", f"FONTCONFIG_FILE={bench.env.get('FONTCONFIG_FILE')} for dossier, the floor and LibreOffice"),
    ]


# --------------------------------------------------------------------------------------------
# The figures
# --------------------------------------------------------------------------------------------


def bench_startup(bench: Bench) -> None:
    help_s = repeat(bench.startup_runs, lambda: run_timed(
        [*bench.dossier, "--help"], env=bench.env, cwd=bench.tmp))
    profile = EXAMPLES / LARGEST / "profile.yaml"
    validate_s = repeat(bench.startup_runs, lambda: run_timed(
        [*bench.dossier, "validate", str(profile)], env=bench.env, cwd=bench.tmp))
    bench.samples["dossier --help"] = help_s
    bench.samples[f"dossier validate {LARGEST}"] = validate_s
    bench.rows.append(Row("`dossier --help` start-up", "≤ 0.3 s", fmt_s(median(help_s)),
                          median(help_s) <= 0.3))
    bench.rows.append(Row(f"`dossier validate` ({LARGEST} example)", "—",
                          fmt_s(median(validate_s)), None))


def bench_check(bench: Bench) -> None:
    big = gen.make_big_profile(bench.tmp / "inputs")
    times = repeat(bench.runs, lambda: run_timed(
        [*bench.dossier, "check", str(big)], env=bench.env, cwd=bench.tmp, ok_codes=(0, 1)))
    bench.samples["dossier check (100k keywords, 5k questions)"] = times
    bench.rows.append(Row("`dossier check`, 100,000 keywords + 5,000 questions", "≤ 1 s",
                          fmt_s(median(times)), median(times) <= 1.0))
    bench.info["big_profile"] = big


def _lo_argv(bench: Bench, outdir: Path, docx: Sequence[Path]) -> list[str]:
    assert bench.soffice is not None
    profile_url = (bench.tmp / "lo-profile").as_uri()
    return [bench.soffice, "--headless", "--norestore", f"-env:UserInstallation={profile_url}",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx)]


def bench_builds(bench: Bench) -> None:
    """Full build of each example, then LibreOffice on the same .docx in one batch call."""
    per_example: dict[str, dict[str, Any]] = {}
    for name in gen.EXAMPLE_NAMES:
        profile = EXAMPLES / name / "profile.yaml"
        out = bench.tmp / "builds" / name

        cpu: list[float] = []

        def build(profile: Path = profile, out: Path = out, cpu: list[float] = cpu) -> float:
            return run_timed([*bench.dossier, "build", str(profile), "-o", str(out)],
                             env=bench.env, cwd=bench.tmp, ok_codes=(0, 1), cpu=cpu)

        times = repeat(bench.runs, build, setup=lambda out=out: reset_dir(out))
        docx = documents_of(out, ".docx")
        pdfs = documents_of(out, ".pdf")
        per_example[name] = {"profile": profile, "out": out, "build": times, "build_cpu": cpu,
                             "docx": docx,
                             "pages": sum(pdf_pages(p) for p in pdfs), "pdfs": len(pdfs),
                             "files": sum(1 for p in out.rglob("*") if p.is_file())}
        bench.samples[f"dossier build {name}"] = times
        bench.log(f"  build {name}: {fmt_s(median(times))}, {len(docx)} .docx, "
                  f"{per_example[name]['pages']} pages")
    bench.info["examples"] = per_example
    largest = max(per_example, key=lambda n: (per_example[n]["pages"], len(per_example[n]["docx"])))
    bench.info["largest"] = largest

    # The same build single-process, to compare like for like with the one-process floor.
    ex = per_example[largest]
    out_j1 = bench.tmp / "builds" / f"{largest}-j1"
    j1 = repeat(bench.runs, lambda: run_timed(
        [*bench.dossier, "build", str(ex["profile"]), "-o", str(out_j1), "-j", "1"],
        env=bench.env, cwd=bench.tmp, ok_codes=(0, 1)), setup=lambda: reset_dir(out_j1))
    ex["build_j1"] = j1
    bench.samples[f"dossier build {largest} -j 1"] = j1

    if bench.soffice is None:
        bench.rows.append(Row("build ÷ LibreOffice batch", "≤ 0.6", "soffice not installed", False))
        return
    # Warm LibreOffice once so creating its private profile is not counted.
    warm = bench.tmp / "lo-warm"
    run_timed(_lo_argv(bench, warm, ex["docx"][:1]), env=bench.env, cwd=bench.tmp)
    for name, data in per_example.items():
        lo_out = bench.tmp / "lo" / name
        lo_cpu: list[float] = []
        times = repeat(bench.runs, lambda data=data, lo_out=lo_out, lo_cpu=lo_cpu: run_timed(
            _lo_argv(bench, lo_out, data["docx"]), env=bench.env, cwd=bench.tmp, cpu=lo_cpu),
            setup=lambda lo_out=lo_out: reset_dir(lo_out))
        data["lo_cpu"] = lo_cpu
        made = len(list(lo_out.glob("*.pdf")))
        if made != len(data["docx"]):
            raise BenchError(f"LibreOffice made {made} of {len(data['docx'])} PDFs for {name}")
        data["lo"] = times
        data["lo_pages"] = sum(pdf_pages(p) for p in lo_out.glob("*.pdf"))
        bench.samples[f"LibreOffice batch {name}"] = times
        ours, theirs = median(data["build"]), median(times)
        bench.rows.append(Row(
            f"full build ÷ LibreOffice batch: {name} ({len(data['docx'])} .docx)", "≤ 0.6",
            f"{fmt_s(ours)} ÷ {fmt_s(theirs)} = {ours / theirs:.2f}", ours / theirs <= 0.6))


def bench_floor(bench: Bench) -> None:
    if "largest" not in bench.info:
        raise BenchError("skipped: needs the builds section, which did not finish")
    largest = bench.info["largest"]
    ex = bench.info["examples"][largest]
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("floor.py")),
                           str(ex["profile"]), str(ex["out"]), "--runs", str(bench.runs)],
                          capture_output=True, text=True, env=bench.env, cwd=bench.tmp, check=False)
    if proc.returncode != 0:
        raise BenchError("floor.py failed:\n" + proc.stderr[-2000:])
    floor = json.loads(proc.stdout)
    bench.info["floor"] = floor
    build, build_j1 = median(ex["build"]), median(ex["build_j1"])
    f = floor["floor_s"]
    parts = f"render {fmt_s(floor['render_s'])} + WeasyPrint {fmt_s(floor['weasyprint_s'])}"
    bench.rows.append(Row(f"full build ÷ floor: {largest} (default -j, 2 PDF workers)", "≤ 1.2",
                          f"{fmt_s(build)} ÷ {fmt_s(f)} ({parts}) = {build / f:.2f}", build / f <= 1.2))
    bench.rows.append(Row(f"full build ÷ floor: {largest}, `-j 1` (one process, like the floor)",
                          "≤ 1.2", f"{fmt_s(build_j1)} ÷ {fmt_s(f)} = {build_j1 / f:.2f}",
                          build_j1 / f <= 1.2))


def _bump_summary(profile: Path, n: int) -> None:
    """Change the first algorithm's `summary` (one field) by editing the YAML text."""
    import yaml

    text = profile.read_text(encoding="utf-8")
    summary = yaml.safe_load(text)["algorithms"][0]["summary"]
    first_line = summary.strip().splitlines()[0]
    start = text.index("algorithms:")
    at = text.index(first_line, start)
    marked = re.sub(r"（基准修订 \d+）$", "", first_line) + f"（基准修订 {n}）"
    profile.write_text(text[:at] + marked + text[at + len(first_line):], encoding="utf-8")
    assert yaml.safe_load(profile.read_text(encoding="utf-8"))["algorithms"][0]["summary"] != summary


def bench_rebuilds(bench: Bench) -> None:
    largest = bench.info.get("largest", LARGEST)
    folder = bench.tmp / "inputs" / f"rebuild-{largest}"
    reset_dir(folder)
    shutil.copytree(EXAMPLES / largest, folder)
    profile = folder / "profile.yaml"
    out = bench.tmp / "builds" / "rebuild"
    reset_dir(out)

    def build() -> float:
        return run_timed([*bench.dossier, "build", str(profile), "-o", str(out)],
                         env=bench.env, cwd=bench.tmp, ok_codes=(0, 1))

    full = build()
    before = tree_digest(out)
    unchanged = repeat(bench.runs, build)
    changed_files = [k for k, v in tree_digest(out).items() if before.get(k) != v]
    bench.samples["rebuild, nothing changed"] = unchanged
    bench.rows.append(Row("rebuild, nothing changed", "≤ 0.2 s",
                          fmt_s(median(unchanged)) + (f" ({len(changed_files)} files rewritten!)"
                                                      if changed_files else ""),
                          median(unchanged) <= 0.2 and not changed_files))

    docs = documents_of(out, ".docx")
    counter = iter(range(1, 1000))
    rewritten: list[int] = []

    def edit_and_build() -> float:
        state = tree_digest(out)
        _bump_summary(profile, next(counter))
        seconds = build()
        after = tree_digest(out)
        rewritten.append(sum(1 for k in state if k.endswith(".docx") and after.get(k) != state[k]))
        return seconds

    one_field = repeat(bench.runs, edit_and_build)
    bench.samples["rebuild, one field changed"] = one_field
    full_build = median(bench.info["examples"][largest]["build"]) if "examples" in bench.info else full
    ratio = median(one_field) / full_build
    bench.rows.append(Row(
        "rebuild, one field changed (algorithm `summary`)", "≤ 0.3 × full build",
        f"{fmt_s(median(one_field))} = {ratio:.2f} × full; {max(rewritten)} of {len(docs)} .docx re-rendered",
        ratio <= 0.3))


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; zeros when it has exited."""
    try:
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        pss_kb = _first_match(f"/proc/{pid}/smaps_rollup", r"^Pss:\s+(\d+)")
        return rss, int(pss_kb) * 1024 if pss_kb.isdigit() else rss
    except (OSError, ValueError, IndexError):
        return 0, 0


def bench_memory(bench: Bench) -> None:
    """Peak memory of a full build: process tree sampled every 10 ms, plus the kernel's max RSS."""
    largest = bench.info.get("largest", LARGEST)
    big = bench.info.get("big_profile")
    targets = [(largest, EXAMPLES / largest / "profile.yaml")]
    if big is not None:
        targets.append(("big profile (100k keywords)", big))
    for label, profile in targets:
        out = bench.tmp / "builds" / "memory"
        reset_dir(out)
        proc = subprocess.Popen([*bench.dossier, "build", str(profile), "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=bench.env,
                                cwd=bench.tmp)
        peak_rss = peak_pss = 0
        peak_procs = 0
        while True:
            waited, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if waited:
                break
            pids = _tree(proc.pid)
            mems = [_memory(p) for p in pids]
            peak_rss = max(peak_rss, sum(m[0] for m in mems))
            peak_pss = max(peak_pss, sum(m[1] for m in mems))
            peak_procs = max(peak_procs, len(pids))
            time.sleep(0.01)
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if code not in (0, 1):
            raise BenchError(f"build for memory exited {code}: {stderr[-500:]}")
        max_single = usage.ru_maxrss * 1024  # kB on Linux: largest single process of the tree
        mb = 1e6
        bench.rows.append(Row(
            f"peak memory of a full build: {label}", "≤ 400 MB",
            f"{peak_pss / mb:.0f} MB PSS ({peak_rss / mb:.0f} MB RSS summed over "
            f"{peak_procs} processes; largest single process {max_single / mb:.0f} MB)",
            peak_pss <= 400 * mb))


def bench_batch(bench: Bench) -> None:
    profiles = gen.make_variants(bench.tmp / "inputs", bench.batch)
    out_par = bench.tmp / "builds" / "batch-j2"
    reset_dir(out_par)
    parallel = run_timed([*bench.dossier, "build", *map(str, profiles), "-o", str(out_par), "-j", "2"],
                         env=bench.env, cwd=bench.tmp, ok_codes=(0, 1))
    made = len(documents_of(out_par, ".pdf"))
    bench.log(f"  -j 2: {fmt_s(parallel)}, {made} PDFs")
    out_seq = bench.tmp / "builds" / "batch-seq"
    reset_dir(out_seq)
    start = time.perf_counter()
    for i, profile in enumerate(profiles):
        run_timed([*bench.dossier, "build", str(profile), "-o", str(out_seq / f"{i:02d}")],
                  env=bench.env, cwd=bench.tmp, ok_codes=(0, 1))
    sequential = time.perf_counter() - start
    made_seq = len(documents_of(out_seq, ".pdf"))
    bench.log(f"  one by one: {fmt_s(sequential)}, {made_seq} PDFs")
    bench.samples[f"batch of {bench.batch}, -j 2"] = [parallel]
    bench.samples[f"batch of {bench.batch}, one by one"] = [sequential]
    row = (f"{fmt_s(parallel)} vs {fmt_s(sequential)} one by one = {sequential / parallel:.2f}× faster "
           f"({parallel / bench.batch:.2f} s per profile; {made} vs {made_seq} PDFs)")
    if bench.batch_j1:
        out_j1 = bench.tmp / "builds" / "batch-j1"
        reset_dir(out_j1)
        j1 = run_timed([*bench.dossier, "build", *map(str, profiles), "-o", str(out_j1), "-j", "1"],
                       env=bench.env, cwd=bench.tmp, ok_codes=(0, 1))
        bench.samples[f"batch of {bench.batch}, -j 1"] = [j1]
        row += f"; one call with -j 1: {fmt_s(j1)}"
    bench.rows.append(Row(f"batch of {bench.batch} profiles: `build … -j 2` vs one `build` call each",
                          "faster than one by one", row, parallel < sequential and made == made_seq))


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_report(bench: Bench, machine_rows: list[tuple[str, str]], seconds: float,
                  argv: Sequence[str]) -> str:
    failed = [r.figure for r in bench.rows if r.ok is False]
    parts = [
        "# dossier benchmark results",
        "",
        f"Generated by `python benchmarks/run.py {' '.join(argv)}`".rstrip() + f" on "
        f"{datetime.now().strftime('%Y-%m-%d %H:%M')} in {seconds / 60:.1f} min. Medians of "
        f"{bench.runs} runs ({bench.startup_runs} for start-up; the batch runs once). "
        "See benchmarks/README.md for what each figure measures.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in machine_rows]),
        "",
        "## Results",
        "",
        table(["figure", "target", "measured", ""], [r.cells() for r in bench.rows]),
        "",
        f"**{sum(1 for r in bench.rows if r.ok)} of {sum(1 for r in bench.rows if r.ok is not None)} "
        "targets met.**" + (" Missed: " + "; ".join(failed) + "." if failed else ""),
        "",
    ]
    examples = bench.info.get("examples", {})
    if examples:
        rows = []
        for name, d in examples.items():
            lo = d.get("lo")
            rows.append([name, str(len(d["docx"])), str(d["pdfs"]), str(d["pages"]),
                         fmt_s(median(d["build"])), fmt_s(median(d["build_cpu"])),
                         fmt_s(median(lo)) if lo else "—",
                         fmt_s(median(d["lo_cpu"])) if lo else "—",
                         str(d.get("lo_pages", "—"))])
        parts += ["## Builds in detail", "",
                  "Wall-clock and CPU (user + sys of the whole process tree) medians.", "",
                  table(["example", ".docx", "PDFs (ours)", "pages (ours)", "dossier build",
                         "build CPU", "LibreOffice batch (.docx only)", "LibreOffice CPU",
                         "pages (LibreOffice)"], rows), ""]
    floor = bench.info.get("floor")
    if floor:
        parts += ["## The floor", "",
                  f"{bench.info['largest']}: {floor['documents']} documents rendered with docxtpl in "
                  f"{fmt_s(floor['render_s'])}; {floor['pdfs']} HTML files ({floor['pages']} pages) "
                  f"through bare WeasyPrint in {fmt_s(floor['weasyprint_s'])}; floor "
                  f"{fmt_s(floor['floor_s'])}. dossier's docx → HTML conversion of the same "
                  f"{floor['docx_files']} .docx took {fmt_s(floor['convert_once_s'])} (once, cold; "
                  "not part of the floor).", ""]
    parts += ["## Every sample", "", table(["figure", "median (min, max, runs)"],
                                           [[k, spread(v)] for k, v in bench.samples.items()]), ""]
    parts += bench.details
    return "\n".join(parts).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dossier benchmarks (design.md §5)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3, quick 2)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, a 10-profile batch")
    parser.add_argument("--batch", type=int, default=None, help="profiles in the batch (default 50, quick 10)")
    parser.add_argument("--batch-j1", action="store_true", help="also time the batch in one call with -j 1")
    parser.add_argument("--write", type=Path, help="also write the markdown report to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--only", nargs="*", default=None,
                        choices=["startup", "check", "builds", "floor", "rebuilds", "memory", "batch"])
    args = parser.parse_args(argv)

    runs = args.runs or (2 if args.quick else 3)
    dossier = shutil.which("dossier")
    env = dict(os.environ, NO_COLOR="1", FONTCONFIG_FILE=str(FONTS_CONF))
    env.pop("SOURCE_DATE_EPOCH", None)
    tmp = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    bench = Bench(
        runs=runs, startup_runs=max(runs * 2, 5), batch=args.batch or (10 if args.quick else 50),
        batch_j1=args.batch_j1, tmp=tmp,
        dossier=[dossier] if dossier else [sys.executable, "-m", "dossier"],
        soffice=shutil.which("soffice") or shutil.which("libreoffice"), env=env,
    )
    started = time.perf_counter()
    bench.info["load"] = "1-min load average at start " + Path("/proc/loadavg").read_text().split()[0]
    bench.log(f"scratch folder {tmp}; {runs} runs per figure")
    sections: list[tuple[str, Callable[[Bench], None]]] = [
        ("startup", bench_startup), ("check", bench_check), ("builds", bench_builds),
        ("floor", bench_floor), ("rebuilds", bench_rebuilds), ("memory", bench_memory),
        ("batch", bench_batch),
    ]
    try:
        for name, body in sections:
            if args.only is None or name in args.only:
                guarded(bench, name, lambda body=body: body(bench))
        bench.info["load"] += ", at end " + Path("/proc/loadavg").read_text().split()[0]
        report = render_report(bench, machine(bench), time.perf_counter() - started,
                               list(argv if argv is not None else sys.argv[1:]))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
        bench.log(f"wrote {args.write}")
    return 0 if all(r.ok is not False for r in bench.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
