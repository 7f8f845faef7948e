"""Run one agency service: `python -m demo.serve permits --port 5001`.

Creates the service's own tables and demo data first; configuration comes
from the environment (see clients/common/settings.py).
"""

import argparse
import importlib
import os

from werkzeug.serving import run_simple

SERVICE_NAMES = ("permits", "vaccination", "tax", "complaints")


def load_service(name):
    return importlib.import_module(f"clients.{name}")


def prepare_database(service_module, app):
    with app.app_context():
        service_module.db.create_all()
        service_module.create_demo_data()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service", choices=SERVICE_NAMES)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    service_module = load_service(args.service)
    # Redirect URIs are built from SERVICE_URL; by default, this very port.
    service_url = os.environ.get("SERVICE_URL", f"http://localhost:{args.port}")
    app = service_module.create_app({"SERVICE_URL": service_url})
    prepare_database(service_module, app)
    run_simple(args.host, args.port, app, threaded=True)


if __name__ == "__main__":
    main()
