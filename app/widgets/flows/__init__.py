"""The Flows dock (the touchpoint graph: hand-offs, gaps, orphans, longest flow, paths)."""
