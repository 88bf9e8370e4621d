"""Speed-ups that reach into other packages' internals, fenced in one folder (see issue 22)."""
