"""Write the public course into a folder, ready to be pushed to its own repository: `make public`.

This repository is the instructor's: it holds solutions/, the hidden tests and, once grading starts, the
gradebook. The public course holds what readers and students need and nothing else:

- the book and its website: book/, _config.yml and _toc.yml (whose `repository.url` is the public
  repository's address), scripts/build_site.py, package.json and package-lock.json (MathJax), the licences;
- the assignments as students get them: exercises/, which `make exercises` generates;
- its own files, from public/: a README for students, the student requirements (its requirements.txt), the
  website's (requirements-site.txt), Binder's environment (binder/), the workflow that builds and publishes the
  website (.github/workflows/), a .gitignore.

    python scripts/public.py [FOLDER] [--build OUTPUT]

FOLDER (default _build/public) is emptied first, all but its .git: a clone of the public repository can live
there, and each term's export is a commit of it. With --build, the website is then built from FOLDER alone, as
the public repository's workflow builds it, into OUTPUT/_build/html; its MathJax comes from this repository's
node_modules, which `npm ci` makes from the same package-lock.json.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the public course takes from this repository, as it is here.
FROM_THE_COURSE = ["_config.yml", "_toc.yml", "LICENSE", "LICENSE-TEXT.md", "package.json", "package-lock.json", "book", "exercises",
                   "scripts/build_site.py"]
# Its own files, at its root.
OWN_FILES = ROOT / "public"
SKIPPED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")


def export(folder):
    """Write the public course into `folder` (its previous contents gone, but .git); the files written. Refuses a
    folder that holds this repository, or that holds anything but a previous export or a bare clone."""
    if ROOT.is_relative_to(folder):
        sys.exit(f"public.py: {folder} holds the instructor's repository; give a folder of its own")
    folder.mkdir(parents=True, exist_ok=True)
    if {entry.name for entry in folder.iterdir()} - {".git"} and not (folder / "_config.yml").is_file():
        sys.exit(f"public.py: {folder} holds files that are not a previous export; give an empty folder or a clone of the public course")
    for entry in folder.iterdir():
        if entry.name != ".git":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for name in FROM_THE_COURSE:
        source, target = ROOT / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=SKIPPED)
        else:
            shutil.copy2(source, target)
    shutil.copytree(OWN_FILES, folder, ignore=SKIPPED, dirs_exist_ok=True)
    return sorted(path for path in folder.rglob("*") if path.is_file() and ".git" not in path.relative_to(folder).parts)


def build(folder, output, **run_options):
    """Build the website from `folder` alone with its own scripts/build_site.py; the completed process
    (`run_options` go to subprocess.run: capture_output=True, say)."""
    env = {**os.environ, "COURSE_NODE_MODULES": str(ROOT / "node_modules")}
    return subprocess.run([sys.executable, folder / "scripts" / "build_site.py", "--output", output], cwd=folder, env=env, **run_options)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=ROOT / "_build" / "public", help="where the public course goes")
    parser.add_argument("--build", type=Path, metavar="OUTPUT", help="then build its website into OUTPUT/_build/html")
    arguments = parser.parse_args()
    folder = arguments.folder.resolve()
    files = export(folder)
    print(f"the public course, {len(files)} files, is in {folder}", file=sys.stderr)
    if arguments.build:
        sys.exit(build(folder, arguments.build.resolve()).returncode)


if __name__ == "__main__":
    main()
