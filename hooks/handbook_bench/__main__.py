"""``python -m handbook_bench``: the same commands as ``handbook-bench``."""

from handbook_bench.cli import main

raise SystemExit(main())
