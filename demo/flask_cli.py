"""`python3 dev.py flask ARGS`: the provider's `flask --app wsgi ARGS` on the demo's database.

The demo (`python3 dev.py run`) keeps the provider's state in instance/demo/; these
commands use that database and the demo's settings (demo/stack.py), so a service
registered or a staff member created while the demo runs can be used at once.
The schema is brought up to date first, so they work on a fresh clone too.
"""

import os
import socket
import sys

from .processes import REPO_ROOT, ProcessFailed, child_environment, run_flask_command
from .stack import DEFAULT_PROVIDER_PORT, DEFAULT_STATE_DIR, STATE_DIR_MARKER, operator_environment


def demo_is_running(port=DEFAULT_PROVIDER_PORT):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def prepare_state_dir(path):
    if not path.exists():
        path.mkdir(parents=True)
        (path / STATE_DIR_MARKER).touch()  # the demo's own: `dev.py run` may start it afresh


def main(argv):
    env = operator_environment(DEFAULT_STATE_DIR)
    prepare_state_dir(DEFAULT_STATE_DIR)
    if argv[:1] != ["db"]:
        run_flask_command(env, ["db", "upgrade"])
    if argv and not demo_is_running():
        print(
            "Note: the demo is not running. `python3 dev.py run` starts from a fresh instance/demo/, "
            "so what this command stores is gone then; run it while the demo runs.",
            file=sys.stderr,
            flush=True,
        )
    # Become the command: its prompts, output, exit status and Ctrl-C are the operator's.
    os.chdir(REPO_ROOT)
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *argv]
    os.execve(sys.executable, command, child_environment(env))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except ProcessFailed as failure:
        sys.exit(str(failure))
    except KeyboardInterrupt:
        sys.exit(130)
