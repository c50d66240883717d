"""The parser compiled to C with mypyc, used when a build of the current sources is present.

Why: the parser is interpreted Python around regular expressions, and its hot path (laying out,
segmenting and assembling paragraphs) is many small steps of glue between them. mypyc, the
compiler that ships with mypy, turns the same typed modules into C extension modules, with calls
between them made in C; the parsing is unchanged, only faster (``make bench`` prints both). No code
is written twice: the ``.py`` files stay the only source.

``make install`` runs ``python -m tcdesk.mandates.parsing.native build``: the build goes to
``.build/parser/`` at the repository's root, never beside the sources. Python prefers an extension
module to a ``.py`` file of the same name in one folder, so a build beside the sources would keep
running old code after an edit. Here the build is used only when the digest of the sources it was
made from equals the digest of the sources now; otherwise the interpreted modules are used, and
``make`` (any target) rebuilds. ``TCDESK_PARSER=interpreted`` forces the interpreted modules (a
debugger steps through them; the benchmark measures both).

Without a C compiler (or mypy) the build fails with a message and the interpreted parser is used:
same results, slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, MutableSequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR.parents[2] / ".build" / "parser"
MODULES_DIR = BUILD_DIR / "modules"
DIGEST_FILE = "SOURCES.sha256"
# Left interpreted: this loader and the package's front (they choose what to import), and the modules
# off the hot path (PDF text extraction, applying the review step's corrections, corpus scoring).
NOT_COMPILED = frozenset({"__init__", "native", "decoding", "corrections", "scoring"})


def compiled_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The modules the build compiles, in a fixed order."""
    return sorted(path for path in package_dir.glob("*.py") if path.stem not in NOT_COMPILED)


def sources_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Digest of the compiled modules' names and bytes, and of the interpreter the build is for."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in compiled_sources(package_dir):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_is_current(modules_dir: Path = MODULES_DIR, package_dir: Path = PACKAGE_DIR) -> str | None:
    """None when the build in ``modules_dir`` was made from the sources as they are now; else why not."""
    if os.environ.get("TCDESK_PARSER") == "interpreted":
        return "TCDESK_PARSER=interpreted"
    try:
        recorded = (modules_dir / DIGEST_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return "no compiled build (make install builds one)"
    if recorded != sources_digest(package_dir):
        return "the compiled build is older than the sources (make install rebuilds it)"
    return None


def use_build(package_path: MutableSequence[str]) -> str:
    """Put the compiled modules first on the package's search path when they are current.

    Returns the mode, for the benchmark and the logs: "compiled" or "interpreted (why)"."""
    why_not = build_is_current()
    if why_not is not None:
        return f"interpreted ({why_not})"
    package_path.insert(0, str(MODULES_DIR))
    return "compiled"


def build(*, jobs: int = 2) -> Path:
    """Compile the parser's modules into ``MODULES_DIR`` (replaced whole, only once complete)."""
    from mypyc.build import mypycify  # noqa: PLC0415 - build tools: needed by `make install` only
    from setuptools import Distribution  # noqa: PLC0415

    digest = sources_digest()  # of the sources the build starts from: an edit meanwhile makes it stale
    root = PACKAGE_DIR.parents[2]
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=BUILD_DIR))
    try:
        config = work / "mypy.ini"
        # Not the project's mypy settings: they load the Django plugin, and the parser imports no Django.
        # pypdf (imported by the PDF reader, which stays interpreted) is not read: a few seconds less.
        config.write_text("[mypy]\n[mypy-pypdf.*]\nfollow_imports = skip\n", encoding="ascii")
        sources = [str(path.relative_to(root)) for path in compiled_sources()]
        previous = Path.cwd()
        os.chdir(root)  # mypy resolves "tcdesk.…" from the repository's root
        try:
            extensions = mypycify(
                ["--config-file", str(config), "--cache-dir", str(BUILD_DIR / "mypy-cache"), *sources],
                opt_level="1",  # as fast here as -O3 (measured), and a third quicker to compile
                separate=True,  # one extension per module: compiled in parallel (as fast as one, measured)
                target_dir=str(work / "c"),
            )
            distribution = Distribution({"name": "tcdesk-parser", "ext_modules": extensions})
            command = distribution.get_command_obj("build_ext")
            command.build_lib = str(work / "lib")
            command.build_temp = str(work / "temp")
            command.parallel = jobs
            distribution.run_command("build_ext")
        finally:
            os.chdir(previous)
        built = work / "lib" / PACKAGE_DIR.relative_to(root)
        staged = work / "modules"
        staged.mkdir()
        for library in built.glob("*.so"):
            shutil.copy2(library, staged / library.name)
        (staged / DIGEST_FILE).write_text(digest + "\n", encoding="ascii")
        old = BUILD_DIR / "modules.old"
        shutil.rmtree(old, ignore_errors=True)
        if MODULES_DIR.exists():
            MODULES_DIR.rename(old)
        staged.rename(MODULES_DIR)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    try:
        _check_build()
    except Exception:
        shutil.rmtree(MODULES_DIR, ignore_errors=True)  # never leave a build that fails its check in use
        raise
    return MODULES_DIR


def _check_build() -> None:
    """The compiled build imports and parses the labelled corpus exactly as the interpreted modules do.

    Why: mypyc checks declared types at run time, where Python does not; a declaration that the
    code does not keep would make the compiled parser fail where the interpreted one works."""
    outputs = {}
    for mode in ("compiled", "interpreted"):
        environment = {**os.environ, "TCDESK_PARSER": mode}
        run = subprocess.run(
            [sys.executable, "-m", "tcdesk.mandates.parsing.native", "dump"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise RuntimeError(f"the {mode} parser failed on the corpus: {run.stderr.strip()[-2000:]}")
        outputs[mode] = run.stdout
    if outputs["compiled"] != outputs["interpreted"]:
        raise RuntimeError("the compiled parser reads the corpus differently from the interpreted one")


def readings(documents: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """The parser's whole reading of each document ((key, file name, text)) as JSON, refusals included:
    what the compiled and the interpreted parser must give alike."""
    from . import ParseError, parse_resolution  # noqa: PLC0415 - the package imports this module

    found = {}
    for key, name, text in documents:
        try:
            parsed = parse_resolution(text, source_name=name)
        except ParseError as exc:
            found[key] = json.dumps({"refused": str(exc)})
            continue
        whole = {**parsed.to_dict(), "cleaned": parsed.cleaned_text, "segments": repr(parsed.segments)}
        found[key] = json.dumps(whole, ensure_ascii=False, sort_keys=True)
    return found


def _dump_corpus() -> str:
    """``readings`` of every text of the labelled corpus, as JSON (for ``_check_build``)."""
    from . import PARSER_MODE  # noqa: PLC0415 - the package imports this module

    wanted = "interpreted" if os.environ.get("TCDESK_PARSER") == "interpreted" else "compiled"
    if not PARSER_MODE.startswith(wanted):
        raise RuntimeError(f"expected the {wanted} parser, found {PARSER_MODE}")
    paths = sorted((PACKAGE_DIR.parent / "corpus").glob("*.txt"))
    return json.dumps(readings((path.name, path.name, path.read_text(encoding="utf-8")) for path in paths))


# Imported first by the package (``__init__``), before any module this may replace.
PARSER_MODE = use_build(sys.modules[__name__.rpartition(".")[0]].__path__) if __name__ != "__main__" else ""

if __name__ == "__main__":
    if sys.argv[1:] == ["dump"]:
        print(_dump_corpus())
        sys.exit(0)
    if sys.argv[1:] not in (["build"], ["build", "--force"]):
        sys.exit("usage: python -m tcdesk.mandates.parsing.native build [--force]")
    if "--force" not in sys.argv and build_is_current() is None:
        # Sources touched but not changed (a checkout, a branch switched back): `make` asked for
        # nothing new. The digest file is touched so that `make` knows it is current.
        (MODULES_DIR / DIGEST_FILE).touch()
        print(f"compiled parser: {MODULES_DIR} (already built from these sources)")
        sys.exit(0)
    try:
        print(f"compiled parser: {build()}")
    except Exception as exc:  # noqa: BLE001 - any failure leaves the interpreted parser, which works
        sys.exit(f"the parser was not compiled ({type(exc).__name__}: {exc}); the interpreted parser will be used")
