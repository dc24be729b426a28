"""Validators generated from schemas/ (see citeslab_tui.schemas)."""
