"""The application layer: one module per workflow, written once for the CLI and
the TUI (log an entry, add a porteur, compute a report, export, import…).

Each function takes plain arguments (the store, typed values already read by
the caller) and returns a result, or raises a `CitesLabError` whose French
message the CLI and the TUI show at their edge. Business rules live here or
below (core, store, export); `cli/` and `tui/` only gather input and present.
May import core, store, export and the top-level helpers; never cli or tui.
"""
