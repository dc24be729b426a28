"""One module per export kind (`timesheet`, `entries`, `indicators`,
`porteurs`), each with `sources(request)` — what it reads — and `render(…)` —
its files. `files.py` loads the module of the kind asked, by name: an export of
the log does not load the indicators, the bilan's labels, the timesheet or the
fingerprint (≈ 20 ms of imports of `citeslab export entries`, BENCHMARKS.md)."""
