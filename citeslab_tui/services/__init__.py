"""The application layer: one module per workflow, called by the CLI and the TUI."""
