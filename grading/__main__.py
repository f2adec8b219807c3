import signal
import sys

from grading.cli import main

signal.signal(
    signal.SIGPIPE, signal.SIG_DFL
)  # `validate | head` ends quietly, like other CLI tools
sys.exit(main())
