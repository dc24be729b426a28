"""`python -m citeslab_tui` does what `citeslab` does."""

from citeslab_tui.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
