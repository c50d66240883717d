"""`make run`: the development server and a task worker together, stopped together."""

import os
import subprocess
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings")
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"
    tcdesk = [sys.executable, "-m", "tcdesk.cli"]
    worker = subprocess.Popen([*tcdesk, "db_worker"])
    try:
        return subprocess.call([*tcdesk, "runserver", address])
    except KeyboardInterrupt:
        return 0
    finally:
        worker.terminate()
        worker.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
