"""The Textual application (imported only when the app starts).

Function-level imports in tui/ are deliberate: a screen, modal or workflow that
the first paint does not draw is imported when it is first opened. Measured
(BENCHMARKS.md, « Accélérations jugées »): with every tui/ import at module level
the first paint executes 38 % more instructions (2 602 M against 1 890 M at
20 000 entries). tui/keys.py imports the screens inside its functions for the
same reason, and because they import it.
"""
