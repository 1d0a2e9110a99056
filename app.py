"""Launch the scqa web app: `python app.py [--host H] [--port P] [--store DIR]`.

No logic here: the app is `scqa.ui`; `scqa serve` does the same.
"""

import argparse
import sys

from scqa.cli_serve import add_serve_arguments
from scqa.errors import ScqaError
from scqa.ui import launch

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Start the scqa web app.")
    add_serve_arguments(parser)
    parser.add_argument("--store", help="embedded store directory (SCQA_STORE, ./vectorstore)")
    args = parser.parse_args()
    try:
        launch(args.host, args.port, args.store)
    except ScqaError as e:
        sys.exit(f"scqa: error: {e}")
