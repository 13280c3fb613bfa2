"""The ``scrapelint`` command: ``check``, ``fix`` and ``rule``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings (or, with ``fix --diff``,
changes to make); 2 usage, configuration or I/O error.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from . import __version__
from .config import OUTPUT_FORMATS, ConfigError, Settings, apply_config, find_config, load_config
from .model import Severity
from .registry import Registry, SelectionError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories to lint (default: .); '-' reads standard input")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_csv, action="extend", metavar="RULES",
                     help="comma-separated rule codes, code prefixes, rule names or categories to enable (default: ALL)")
    sel.add_argument("--ignore", type=_csv, action="extend", metavar="RULES", help="rules to disable")
    sel.add_argument("--extend-select", type=_csv, action="extend", metavar="RULES",
                     help="rules to enable on top of --select or the config")
    files = p.add_argument_group("file selection")
    files.add_argument("--include", type=_csv, action="extend", metavar="GLOBS",
                       help="file patterns read in directories (default: *.txt,*.md,*.text)")
    files.add_argument("--extend-include", type=_csv, action="extend", metavar="GLOBS",
                       help="patterns added to the included ones")
    files.add_argument("--exclude", type=_csv, action="extend", metavar="GLOBS",
                       help="file or folder patterns skipped in directories (replaces the defaults)")
    files.add_argument("--extend-exclude", type=_csv, action="extend", metavar="GLOBS",
                       help="patterns skipped in addition to the excluded ones")
    files.add_argument("--stdin-filename", metavar="NAME", help="the name reports give to standard input")
    out = p.add_argument_group("output")
    out.add_argument("--output-format", choices=OUTPUT_FORMATS, help="report format (default: text)")
    out.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true", default=None, help="count findings per rule instead of listing them")
    out.add_argument("-q", "--quiet", action="store_true", default=None, help="print only errors and the report")
    gate = p.add_argument_group("exit status")
    gate.add_argument("--exit-zero", action="store_true", default=None, help="exit 0 even when there are findings")
    gate.add_argument("--fail-on", choices=("info", "warning", "error"),
                      help="lowest severity that makes the exit status 1 (default: info, i.e. any finding)")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="worker processes for runs of many files (default 0: one per CPU; 1: no workers)")
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="read settings from FILE (scrapelint.toml or pyproject.toml)")
    cfg.add_argument("--isolated", action="store_true", help="ignore every config file")
    p.add_argument("--unsafe-fixes", action="store_true", default=None,
                   help="also apply (fix) or count as fixable (check) the fixes marked unsafe")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrapelint",
        description="Find and fix the noise in text scraped from the web.",
    )
    parser.add_argument("--version", action="version", version=f"scrapelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="report problems (exit 1 when there are any)",
                           description="Report every problem in the given files.")
    _add_common(check)
    fix = sub.add_parser("fix", help="apply the safe fixes to the files (or to standard input)",
                         description="Apply fixes and write the files in place (atomically), "
                                     "or write the fixed standard input to standard output.")
    _add_common(fix)
    fix.add_argument("--diff", action="store_true", help="print the changes as a unified diff; change nothing")
    rule = sub.add_parser("rule", help="explain a rule (or list them all)",
                          description="Print a rule's documentation and examples.")
    rule.add_argument("code", nargs="?", help="rule code or name, e.g. M007 or leaked-pinyin-annotation")
    rule.add_argument("--all", action="store_true", help="every rule")
    rule.add_argument("--output-format", choices=("text", "json", "markdown"), default="text")
    return parser


def resolve_settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if args.config:
        path = Path(args.config)
        apply_config(settings, load_config(path), path)
    elif not args.isolated:
        found = find_config(Path.cwd())
        if found:
            apply_config(settings, load_config(found), found)
    for name in ("select", "ignore", "extend_select", "include", "extend_include", "exclude",
                 "extend_exclude", "output_format", "output_file", "statistics", "quiet",
                 "exit_zero", "unsafe_fixes", "jobs"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(settings, name, value)
    if args.fail_on:
        settings.fail_on = Severity.parse(args.fail_on)
    if settings.jobs < 0:
        raise UsageError("--jobs takes a whole number: 0 for one worker per CPU, 1 for none")
    return settings


def build_registry(settings: Settings) -> Registry:
    from .api import default_registry

    registry = default_registry()
    if settings.extend_packs:
        from .rules.packs import load_pack_rules

        for rule in load_pack_rules(settings.extend_packs):
            registry.add(rule)
    return registry


def select_rules(registry: Registry, settings: Settings):
    where = f" in {settings.config_path}" if settings.config_path else ""
    try:
        rules = registry.select(settings.select, settings.ignore, settings.extend_select)
        rules = registry.override_fixes(rules, settings.extend_safe_fixes, settings.extend_unsafe_fixes)
    except SelectionError as exc:
        raise ConfigError(f"{exc}{where}") from None
    for code in settings.severity:
        if registry.get(code) is None:
            raise ConfigError(f"severity: unknown rule code {code!r}{where}")
    return rules


@contextmanager
def _report_stream(settings: Settings, default: IO[str]):
    if settings.output_file:
        try:
            fh = open(settings.output_file, "w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{settings.output_file}: cannot write the report: {exc.strerror or exc}") from None
        with fh:
            yield fh
    else:
        yield default


def _print_errors(result) -> None:
    from .report import display_name

    for msg in result.skipped:
        print(f"warning: {display_name(msg)}", file=sys.stderr)
    for msg in result.errors:
        print(f"error: {display_name(msg)}", file=sys.stderr)


def _refuse_input_as_output(paths, settings: Settings, stdin_filename) -> None:
    """An ``--output-file`` that is one of the run's inputs would be overwritten by the report."""
    from .runner import is_input

    if settings.output_file and is_input(settings.output_file, paths, settings, stdin_filename):
        raise UsageError(f"{settings.output_file}: is one of the inputs; the report would overwrite it "
                         "(choose another --output-file)")


def _terminate_as_interrupt():
    """Handle SIGTERM as Ctrl-C: the run stops, temporaries are removed, no file is changed.
    Returns the previous handler (``None`` when not in the main thread)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        return None


def _status(result, settings: Settings, diff: bool = False) -> int:
    """The exit status of a run: 2 on errors; 1 on findings at or above --fail-on (for --diff, on
    files that would change) unless --exit-zero; else 0."""
    if result.errors:
        return EXIT_ERROR
    failing = bool(result.diffs) if diff else bool(result.failing(settings.fail_on))
    return EXIT_FINDINGS if failing and not settings.exit_zero else EXIT_OK


def _emit(write: Callable[[], None], status: int) -> int:
    """Run ``write`` (the output of a command) and return ``status`` — also when the reader of
    standard output went away (``| head``): a closed pipe must not turn a failure into success."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be shown; point stdout at /dev/null so the interpreter's final flush
        # does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return status


def cmd_check(args, settings: Settings, rules) -> int:
    from .report import write_report
    from .runner import run_check, tune_gc

    _refuse_input_as_output(args.paths or ["."], settings, args.stdin_filename)
    tune_gc()
    result = run_check(args.paths or ["."], settings, rules, stdin_filename=args.stdin_filename)
    status = _status(result, settings)

    def write() -> None:
        _print_errors(result)
        with _report_stream(settings, sys.stdout) as out:
            write_report(result.reports, out, settings.output_format, unsafe=settings.unsafe_fixes,
                         rules=rules, statistics_only=settings.statistics, summary=not settings.quiet)

    return _emit(write, status)


def cmd_fix(args, settings: Settings, rules) -> int:
    from .report import write_report
    from .runner import run_fix, tune_gc

    paths = args.paths or ["."]
    _refuse_input_as_output(paths, settings, args.stdin_filename)
    tune_gc()
    result = run_fix(paths, settings, rules, diff=args.diff, stdin_filename=args.stdin_filename)
    to_stdout = any(p == "-" for p in paths) and not args.diff
    status = _status(result, settings, diff=args.diff)

    def write() -> None:
        _print_errors(result)
        if args.diff:
            for d in result.diffs:
                sys.stdout.write(d)
        for data in result.stdout_text:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        if result.errors:
            if not args.diff and not to_stdout:
                if result.written:
                    names = ", ".join(str(p) for p in result.written)
                    n = len(result.written)
                    print(f"error: {n} file{' was' if n == 1 else 's were'} changed before the error: {names}; "
                          "the others were left as they were", file=sys.stderr)
                else:
                    print("error: no file was changed because of the errors above", file=sys.stderr)
            return
        # Remaining findings go to the report stream; with '-' stdout holds the text, so stderr.
        report_default = sys.stderr if (to_stdout or args.diff) else sys.stdout
        if settings.output_format != "text" or settings.output_file or settings.statistics:
            with _report_stream(settings, report_default) as out:
                write_report(result.reports, out, settings.output_format, unsafe=settings.unsafe_fixes,
                             rules=rules, statistics_only=settings.statistics)
        elif not settings.quiet:
            from .report import write_text

            write_text(result.reports, report_default, unsafe=settings.unsafe_fixes, summary=False)
        if not settings.quiet:
            from .report import count_hidden

            remaining = sum(len(r.findings) for r in result.reports)
            verb = "Would fix" if args.diff else "Fixed"
            msg = (f"{verb} {result.fixed_problems} problem{'s' * (result.fixed_problems != 1)} in "
                   f"{result.fixed_files} file{'s' * (result.fixed_files != 1)}; {remaining} remaining")
            nhidden = count_hidden(result.reports, settings.unsafe_fixes)
            if nhidden:
                msg += f" ({nhidden} fixable with `--unsafe-fixes`)"
            print(msg + ".", file=sys.stderr)

    return _emit(write, status)


def cmd_rule(args, registry: Registry) -> int:
    from .docs import rule_json, rule_markdown, rules_table

    if args.all:
        rules = list(registry)
    elif args.code:
        rule = registry.get(args.code)
        if rule is None:
            raise UsageError(f"unknown rule {args.code!r} (run `scrapelint rule --all` for the list)")
        rules = [rule]
    else:
        raise UsageError("name a rule (e.g. `scrapelint rule M007`) or pass --all")
    if args.output_format == "json":
        print(json.dumps([rule_json(r) for r in rules], ensure_ascii=False, indent=2))
    elif args.output_format == "markdown" and args.all:
        print(rules_table(rules))
    else:
        print("\n\n".join(rule_markdown(r) for r in rules))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    previous = _terminate_as_interrupt()
    try:
        if args.command == "rule":
            return cmd_rule(args, build_registry(Settings()))
        settings = resolve_settings(args)
        registry = build_registry(settings)
        rules = select_rules(registry, settings)
        if args.command == "check":
            return cmd_check(args, settings, rules)
        return cmd_fix(args, settings, rules)
    except (ConfigError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as exc:
        written = getattr(exc, "written", None)
        if written:
            print(f"error: interrupted after the fixes were written ({len(written)} files)", file=sys.stderr)
        else:
            print("error: interrupted; no file was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # while printing rule docs
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
